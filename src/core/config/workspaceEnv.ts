/**
 * The environment variable names a workspace defines: every `.env*` file and every compose
 * service's `environment:`. Bounded walk (depth, directory count, file size), cancellable.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { composeEnvironmentNames, isComposeFileName, isEnvFileName, parseEnvFile } from './envFile';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'target', 'vendor', '.venv', 'venv', '__pycache__', 'coverage', '.next', '.cache']);
/** Hidden directories that do hold compose or env files. */
const HIDDEN_DIRS_KEPT = new Set(['.devcontainer', '.docker']);

export interface WorkspaceEnvOptions {
  maxDepth?: number;
  maxDirectories?: number;
  maxFileBytes?: number;
  signal?: AbortSignal;
}

export interface WorkspaceEnv {
  names: Set<string>;
  /** Files the names came from (absolute paths). */
  files: string[];
}

export async function collectWorkspaceEnv(roots: readonly string[], options: WorkspaceEnvOptions = {}): Promise<WorkspaceEnv> {
  const { maxDepth = 8, maxDirectories = 5000, maxFileBytes = 1024 * 1024, signal } = options;
  const result: WorkspaceEnv = { names: new Set(), files: [] };
  const queue: { dir: string; depth: number }[] = roots.map((dir) => ({ dir, depth: 0 }));
  let visited = 0;
  while (queue.length > 0 && visited < maxDirectories) {
    signal?.throwIfAborted();
    const { dir, depth } = queue.shift()!;
    visited++;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const hidden = entry.name.startsWith('.') && !HIDDEN_DIRS_KEPT.has(entry.name);
        if (!hidden && !SKIPPED_DIRS.has(entry.name) && depth < maxDepth) queue.push({ dir: full, depth: depth + 1 });
        continue;
      }
      const env = isEnvFileName(entry.name);
      const compose = !env && isComposeFileName(entry.name);
      if (!env && !compose) continue;
      try {
        if ((await stat(full)).size > maxFileBytes) continue;
        const text = await readFile(full, 'utf8');
        const names = env ? [...parseEnvFile(text).keys()] : composeEnvironmentNames(text);
        for (const name of names) result.names.add(name);
        result.files.push(full);
      } catch {
        // Unreadable files define nothing.
      }
    }
  }
  return result;
}
