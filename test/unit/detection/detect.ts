/** Test helper: findings of one in-memory file, as compact strings `line kind library role target`. */
import { analyzeFile } from '../../../src/core/detection/analyzeFile';

export async function detect(file: string, text: string): Promise<string[]> {
  const analysis = await analyzeFile(file, text);
  return analysis.integrations.map((i) => `${i.line} ${i.kind} ${i.library} ${i.role}${i.target ? ` ${i.target}` : ''}`);
}

export async function findings(file: string, text: string) {
  return (await analyzeFile(file, text)).integrations;
}
