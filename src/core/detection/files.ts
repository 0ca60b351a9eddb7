/**
 * Finds the files a scan reads: honours .gitignore files, the built-in ignores (dependencies,
 * build outputs, VCS folders) and the user's exclude globs; never follows a symlink loop.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { SkippedFile } from './types';
import { sourceLanguageFor } from './languages/index';
import { isDeclarationFile } from './analyzeFile';
import { ScanCancelledError } from './errors';

const IGNORED_DIRS = new Set([
  'node_modules', 'vendor', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'target', '.next', '.nuxt', '.svelte-kit', '.turbo',
  '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', 'coverage', '.gradle', 'bin', 'obj', '.idea', '.vscode-test',
  'site-packages', 'bower_components', 'jspm_packages', '.cache', '.terraform', 'Pods', 'DerivedData',
]);

export interface WalkOptions {
  exclude?: string[];
  signal?: AbortSignal;
}

export interface WalkResult {
  /** Paths relative to the root, forward slashes, sorted. */
  files: string[];
  skipped: SkippedFile[];
}

/** Whether a path (relative) is a file the engine analyses at all. */
export function isCandidate(relative: string): boolean {
  return sourceLanguageFor(relative) !== undefined || isDeclarationFile(relative);
}


export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ScanCancelledError();
}

export async function walk(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const excluded = options.exclude && options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : undefined;
  const visited = new Set<string>([await realpath(root)]);

  async function visit(dir: string, relativeDir: string, ignores: { base: string; rules: Ignore }[]): Promise<void> {
    throwIfAborted(options.signal);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ file: relativeDir || '.', reason: `unreadable directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    const here = await readGitignore(dir, relativeDir);
    const scopes = here ? [...ignores, here] : ignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      const absolute = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(absolute);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (isCandidate(relative) || code === 'ELOOP') skipped.push({ file: relative, reason: code === 'ELOOP' ? 'symlink loop' : 'broken symlink' });
          continue;
        }
        if (isDirectory) {
          const real = await realpath(absolute).catch(() => undefined);
          if (!real || visited.has(real) || isAncestor(real, absolute)) {
            skipped.push({ file: relative, reason: 'symlink loop' });
            continue;
          }
        }
      }
      if (isDirectory) {
        if (IGNORED_DIRS.has(entry.name) || isIgnored(scopes, relative, true) || excluded?.(relative) || excluded?.(`${relative}/`)) continue;
        const real = await realpath(absolute).catch(() => absolute);
        if (visited.has(real)) { skipped.push({ file: relative, reason: 'symlink loop' }); continue; }
        visited.add(real);
        await visit(absolute, relative, scopes);
      } else if (isFile) {
        if (!isCandidate(relative) || isIgnored(scopes, relative, false) || excluded?.(relative)) continue;
        files.push(relative);
      }
    }
  }

  await visit(root, '', []);
  return { files, skipped };
}

function isAncestor(real: string, linkPath: string): boolean {
  return linkPath.startsWith(`${real}${path.sep}`);
}

async function readGitignore(dir: string, relativeDir: string): Promise<{ base: string; rules: Ignore } | undefined> {
  try {
    const text = await readFile(path.join(dir, '.gitignore'), 'utf8');
    return { base: relativeDir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function isIgnored(scopes: { base: string; rules: Ignore }[], relative: string, directory: boolean): boolean {
  for (const scope of scopes) {
    const inner = scope.base ? relative.slice(scope.base.length + 1) : relative;
    if (!inner) continue;
    if (scope.rules.ignores(directory ? `${inner}/` : inner)) return true;
  }
  return false;
}

export interface ReadResult {
  text?: string;
  bytes: number;
  skipped?: string;
  /** mtime and size when the file was read, so a later re-scan can tell whether it changed. */
  stamp?: string;
}

export function stampOf(info: { mtimeMs: number; size: number }): string {
  return `${info.mtimeMs}:${info.size}`;
}

/** Reads a file as UTF-8 text, or says why it cannot be analysed (size, binary, encoding, permissions). */
export async function readSource(absolute: string, maxBytes: number): Promise<ReadResult> {
  let size: number;
  try {
    size = (await stat(absolute)).size;
  } catch (error) {
    return { bytes: 0, skipped: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (size > maxBytes) return { bytes: 0, skipped: `too large (${formatBytes(size)} > ${formatBytes(maxBytes)})` };
  let buffer: Buffer;
  try {
    buffer = await readFile(absolute);
  } catch (error) {
    return { bytes: 0, skipped: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  return decodeSource(buffer);
}

/**
 * The same, synchronously, for worker threads: awaiting a stat and a read per file leaves the
 * thread idle between hops to libuv's pool, and a worker has no event loop worth keeping free.
 */
export function readSourceSync(absolute: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(absolute, 'r');
  } catch (error) {
    return { bytes: 0, skipped: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    const info = fstatSync(fd);
    const size = info.size;
    if (size > maxBytes) return { bytes: 0, skipped: `too large (${formatBytes(size)} > ${formatBytes(maxBytes)})`, stamp: stampOf(info) };
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, buffer, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { ...decodeSource(buffer.subarray(0, offset)), stamp: stampOf(info) };
  } catch (error) {
    return { bytes: 0, skipped: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  } finally {
    closeSync(fd);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeSource(buffer: Uint8Array): ReadResult {
  const probe = buffer.subarray(0, 8000);
  if (probe.includes(0)) return { bytes: buffer.length, skipped: 'binary file' };
  try {
    return { text: decoder.decode(buffer), bytes: buffer.length };
  } catch {
    return { bytes: buffer.length, skipped: 'invalid UTF-8' };
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
