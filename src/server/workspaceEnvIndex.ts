/**
 * Environment variable names per workspace folder, collected lazily and cached until a
 * `.env*` or compose file changes.
 */
import path from 'node:path';
import { collectWorkspaceEnv, type WorkspaceEnv } from '../core/config/workspaceEnv';

export type EnvCollector = (roots: readonly string[]) => Promise<WorkspaceEnv>;

export class WorkspaceEnvIndex {
  private folders: string[] = [];
  private readonly cache = new Map<string, Promise<WorkspaceEnv>>();

  constructor(private readonly collect: EnvCollector = (roots) => collectWorkspaceEnv(roots)) {}

  setFolders(folders: readonly string[]): void {
    this.folders = folders.map((folder) => path.resolve(folder));
    this.invalidate();
  }

  /** The workspace folder holding `file` (the deepest one), or undefined. */
  rootFor(file: string): string | undefined {
    const resolved = path.resolve(file);
    return this.folders
      .filter((folder) => resolved === folder || resolved.startsWith(folder + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  /** Names defined for `file`: its workspace folder's, or its own directory's when outside any folder. */
  async namesFor(file: string): Promise<Set<string>> {
    const root = this.rootFor(file) ?? path.dirname(path.resolve(file));
    let pending = this.cache.get(root);
    if (!pending) {
      pending = this.collect([root]).catch(() => ({ names: new Set<string>(), files: [] }));
      this.cache.set(root, pending);
    }
    return (await pending).names;
  }

  invalidate(): void {
    this.cache.clear();
  }
}
