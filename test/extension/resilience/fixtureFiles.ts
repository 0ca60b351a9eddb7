/**
 * The fixture workspace as it was before the tests: every file's bytes, so that teardown can put
 * back what the fixes rewrote and delete what they created (modules, .vscode/settings.json).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class FixtureFiles {
  private readonly original = new Map<string, Buffer>();

  constructor(readonly root: string) {
    for (const file of this.list()) this.original.set(file, readFileSync(file));
  }

  private list(): string[] {
    return readdirSync(this.root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  }

  /** Files added since the snapshot (relative, forward slashes). */
  added(): string[] {
    return this.list().filter((file) => !this.original.has(file)).map((file) => path.relative(this.root, file).split(path.sep).join('/')).sort();
  }

  restore(): void {
    for (const file of this.list()) if (!this.original.has(file)) rmSync(file);
    for (const [file, bytes] of this.original) {
      let current: Buffer | undefined;
      try { current = readFileSync(file); } catch { current = undefined; }
      if (!current?.equals(bytes)) writeFileSync(file, bytes);
    }
    // Folders the fixes created (src/integrations, .vscode) once empty.
    for (const dir of ['ts-esm/src/integrations', 'js-cjs/src/integrations', '.vscode']) {
      const absolute = path.join(this.root, dir);
      try {
        if (readdirSync(absolute).length === 0) rmSync(absolute, { recursive: true });
      } catch {
        // not there
      }
    }
  }
}
