/**
 * A fixture workspace as it was before the tests (every file's bytes and every folder), so that a
 * test can ask what was added or changed since, and teardown can put everything back: files the
 * flow wrote are deleted, files it merged into are rewritten, folders it created are removed.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class WorkspaceSnapshot {
  private readonly files = new Map<string, Buffer>();
  private readonly dirs = new Set<string>();

  constructor(readonly root: string) {
    for (const entry of this.entries()) {
      if (entry.isFile()) this.files.set(entry.absolute, readFileSync(entry.absolute));
      else if (entry.isDirectory()) this.dirs.add(entry.absolute);
    }
  }

  private entries(): { absolute: string; isFile(): boolean; isDirectory(): boolean }[] {
    return readdirSync(this.root, { recursive: true, withFileTypes: true })
      .map((entry) => Object.assign(entry, { absolute: path.join(entry.parentPath, entry.name) }));
  }

  private relative(absolute: string): string {
    return path.relative(this.root, absolute).split(path.sep).join('/');
  }

  /** Files that were not there at the snapshot (relative, forward slashes, sorted). */
  added(): string[] {
    return this.entries().filter((entry) => entry.isFile() && !this.files.has(entry.absolute)).map((entry) => this.relative(entry.absolute)).sort();
  }

  /** Files of the snapshot whose bytes differ now, or that are gone. */
  changed(): string[] {
    const changed: string[] = [];
    for (const [file, bytes] of this.files) {
      let now: Buffer | undefined;
      try { now = readFileSync(file); } catch { now = undefined; }
      if (!now?.equals(bytes)) changed.push(this.relative(file));
    }
    return changed.sort();
  }

  /** Puts the workspace back; returns what it removed (relative paths). */
  restore(): string[] {
    const removed = this.added();
    for (const file of removed) rmSync(path.join(this.root, file), { force: true });
    for (const [file, bytes] of this.files) {
      let now: Buffer | undefined;
      try { now = readFileSync(file); } catch { now = undefined; }
      if (!now?.equals(bytes)) writeFileSync(file, bytes);
    }
    // Deepest first, so that a created folder's created sub-folders go before it.
    const createdDirs = this.entries().filter((entry) => entry.isDirectory() && !this.dirs.has(entry.absolute))
      .map((entry) => entry.absolute).sort((a, b) => b.length - a.length);
    for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
    return removed;
  }
}
