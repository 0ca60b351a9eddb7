/** Test helpers: findings of one in-memory file, as compact strings `line kind library role target`; a workspace on disk. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeFile } from '../../../src/core/detection/analyzeFile';

export async function detect(file: string, text: string): Promise<string[]> {
  const analysis = await analyzeFile(file, text);
  return analysis.integrations.map((i) => `${i.line} ${i.kind} ${i.library} ${i.role}${i.target ? ` ${i.target}` : ''}`);
}

export async function findings(file: string, text: string) {
  return (await analyzeFile(file, text)).integrations;
}

/** A temporary folder holding `files` (relative path → content); the caller removes it. */
export async function writeWorkspace(files: Record<string, string | Buffer>, prefix = 'io-scan-'): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), prefix));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return root;
}
