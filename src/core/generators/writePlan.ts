/**
 * Turns a generator's output into a plan against the workspace (what would be created, what
 * conflicts with an existing file and how) and applies a plan. Nothing is overwritten unless
 * the caller passes `overwrite: true` after showing the conflicts' diffs.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { updateIntegrationConfig } from './configUpdate';
import { unifiedDiff } from './diff';
import { updateEnvExample } from './envExample';
import type { GeneratedFile, GeneratorOutput } from './types';

/**
 * `create`: the file does not exist. `conflict`: it exists with other content (needs consent).
 * `unchanged`: it exists with this content (or is a package marker that exists). `update`: a
 * merge into a shared file (integration-config.yml, .env.example) that keeps what is there.
 */
export type WriteAction = 'create' | 'conflict' | 'unchanged' | 'update';

export interface PlannedFile {
  /** Relative to the workspace root, forward slashes. */
  path: string;
  action: WriteAction;
  content: string;
  /** The file's text when the plan was made, to refuse writing over later edits. */
  before?: string;
  /** Unified diff against the existing file (conflict and update only). */
  diff?: string;
  kind: 'code' | 'config' | 'env';
}

export interface WritePlan {
  workspaceRoot: string;
  files: PlannedFile[];
  conflicts: number;
  /** Integrations already in integration-config.yml (left as they were). */
  configSkipped: string[];
}

export class WritePlanError extends Error {
  override readonly name = 'WritePlanError';
}

/** Refused to overwrite: `paths` exist with other content and the caller did not confirm. */
export class OverwriteRefusedError extends Error {
  override readonly name = 'OverwriteRefusedError';
  constructor(readonly paths: string[]) {
    super(`not overwriting existing file${paths.length === 1 ? '' : 's'} ${paths.join(', ')} (confirm to overwrite)`);
  }
}

/** A file changed on disk between planning and writing. */
export class StalePlanError extends Error {
  override readonly name = 'StalePlanError';
  constructor(readonly file: string) {
    super(`${file} changed since the preview; preview again`);
  }
}

const CONFIG_NAMES = ['integration-config.yml', 'integration-config.yaml'];

/** The absolute path of `relative` inside `root`; throws for a path that would leave it. */
export function resolveInside(root: string, relative: string): string {
  const absolute = path.resolve(root, relative);
  const back = path.relative(path.resolve(root), absolute);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) throw new WritePlanError(`refusing to write outside the workspace: ${relative}`);
  return absolute;
}

const readText = (file: string): Promise<string | undefined> => readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'ENOENT') return undefined;
  throw error;
});

async function planCode(root: string, file: GeneratedFile): Promise<PlannedFile> {
  const before = await readText(resolveInside(root, file.path));
  if (before === undefined) return { path: file.path, action: 'create', content: file.content, kind: 'code' };
  if (before === file.content || file.onlyIfMissing) return { path: file.path, action: 'unchanged', content: before, before, kind: 'code' };
  return { path: file.path, action: 'conflict', content: file.content, before, diff: unifiedDiff(file.path, before, file.content), kind: 'code' };
}

function planMerge(file: string, before: string | undefined, after: string, kind: 'config' | 'env'): PlannedFile {
  if (before === undefined) return { path: file, action: 'create', content: after, kind };
  if (before === after) return { path: file, action: 'unchanged', content: before, before, kind };
  return { path: file, action: 'update', content: after, before, diff: unifiedDiff(file, before, after), kind };
}

/** Plans writing `output` into `workspaceRoot`: reads, never writes. */
export async function planWrite(workspaceRoot: string, output: GeneratorOutput, integration: string): Promise<WritePlan> {
  const files = await Promise.all(output.files.map((file) => planCode(workspaceRoot, file)));
  let configSkipped: string[] = [];
  if (output.configEntries.length > 0 || output.policy) {
    let configPath = CONFIG_NAMES[0]!;
    let before: string | undefined;
    for (const name of CONFIG_NAMES) {
      before = await readText(path.join(workspaceRoot, name));
      if (before !== undefined) { configPath = name; break; }
    }
    const update = updateIntegrationConfig(before, output.configEntries, output.policy);
    configSkipped = update.skipped;
    files.push(planMerge(configPath, before, update.text, 'config'));
  }
  if (output.envVars.length > 0) {
    const before = await readText(path.join(workspaceRoot, '.env.example'));
    files.push(planMerge('.env.example', before, updateEnvExample(before, integration, output.envVars).text, 'env'));
  }
  return { workspaceRoot, files, conflicts: files.filter((f) => f.action === 'conflict').length, configSkipped };
}

/**
 * Writes a plan. Conflicts are written only with `overwrite: true`; every file is first checked
 * against the text it had when planned. Returns the relative paths written.
 */
export async function applyWrite(plan: WritePlan, options: { overwrite?: boolean; signal?: AbortSignal } = {}): Promise<string[]> {
  const conflicts = plan.files.filter((f) => f.action === 'conflict');
  if (conflicts.length > 0 && !options.overwrite) throw new OverwriteRefusedError(conflicts.map((f) => f.path));
  const pending = plan.files.filter((f) => f.action !== 'unchanged');
  for (const file of pending) {
    const now = await readText(resolveInside(plan.workspaceRoot, file.path));
    if (now !== file.before) throw new StalePlanError(file.path);
  }
  const written: string[] = [];
  for (const file of pending) {
    options.signal?.throwIfAborted();
    const target = resolveInside(plan.workspaceRoot, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    // Write next to the target and rename: a crash never leaves a half-written file.
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, file.content, 'utf8');
    await rename(temporary, target);
    written.push(file.path);
  }
  return written;
}
