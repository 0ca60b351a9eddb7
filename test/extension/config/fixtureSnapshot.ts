/**
 * Every file of a fixture folder as it was before the tests, so that teardown puts back what
 * the tests rewrote (configs, `.env.example`) and deletes what they created (`.env`).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class FixtureSnapshot {
  private readonly original = new Map<string, Buffer>();

  constructor(readonly root: string) {
    for (const file of this.files()) this.original.set(file, readFileSync(file));
  }

  private files(): string[] {
    return readdirSync(this.root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  }

  /** Restores the snapshot; returns what it changed (relative paths) for the log. */
  restore(): { removed: string[]; rewritten: string[] } {
    const relative = (file: string) => path.relative(this.root, file).split(path.sep).join('/');
    const removed: string[] = [];
    const rewritten: string[] = [];
    for (const file of this.files()) {
      if (this.original.has(file)) continue;
      rmSync(file, { force: true });
      removed.push(relative(file));
    }
    for (const [file, bytes] of this.original) {
      let current: Buffer | undefined;
      try {
        current = readFileSync(file);
      } catch {
        current = undefined;
      }
      if (current?.equals(bytes)) continue;
      writeFileSync(file, bytes);
      rewritten.push(relative(file));
    }
    return { removed, rewritten };
  }
}
