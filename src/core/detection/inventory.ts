/**
 * A folder's inventory kept up to date file by file, in-process. The full scan can fan out
 * to worker threads (scanPool.ts); updates re-analyse only the changed files and regroup.
 */
import path from 'node:path';
import type { FileChange, InventoryEngine, ScanOptions, ScanProgress } from './engine';
import type { ScanResult, SkippedFile } from './types';
import { analyzeFile, emptyAnalysis, type FileAnalysis } from './analyzeFile';
import { isCandidate, readSource, readSourceSync, throwIfAborted, walk } from './files';
import { buildScanResult } from './scanResult';
import { canUsePool, ScanPool, workerScript } from './scanPool';
import { stat } from 'node:fs/promises';

export const DEFAULT_MAX_FILE_KB = 1024;

export class WorkspaceInventory implements InventoryEngine {
  private readonly analyses = new Map<string, FileAnalysis>();
  private walkSkipped: SkippedFile[] = [];
  private readonly bytesByFile = new Map<string, number>();
  /** mtime and size of each file when it was analysed: a re-scan re-reads only what changed. */
  private readonly stamps = new Map<string, string>();
  private pool: ScanPool | undefined;
  private lastDurationMs = 0;

  constructor(private readonly root: string, private readonly options: ScanOptions & { workers?: number } = {}) {}

  private get maxBytes(): number {
    return (this.options.maxFileSizeKB ?? DEFAULT_MAX_FILE_KB) * 1024;
  }

  async scanAll(signal = this.options.signal, onProgress = this.options.onProgress): Promise<ScanResult> {
    const started = performance.now();
    const workers = this.options.workers ?? 0;
    // Bundled workers start (and load tree-sitter and its grammars) while this thread walks the tree.
    if (workers > 1 && workerScript()?.execArgv.length === 0) (this.pool ??= new ScanPool(workers)).start();
    const { files, skipped } = await walk(this.root, { exclude: this.options.exclude, signal });
    this.walkSkipped = skipped;
    const present = new Set(files);
    for (const file of [...this.analyses.keys()]) if (!present.has(file)) this.forget(file);
    // On a cold scan every file is read anyway: the workers report each file's stamp as they read it.
    const stamps = this.analyses.size > 0 ? await statAll(this.root, files, signal) : [];
    const changed = this.analyses.size > 0
      ? files.filter((file, i) => stamps[i] === undefined || this.stamps.get(file) !== stamps[i] || !this.analyses.has(file))
      : files;
    const record = (analysis: FileAnalysis, bytes: number, stamp?: string) => {
      this.analyses.set(analysis.file, analysis);
      this.bytesByFile.set(analysis.file, bytes);
      if (stamp) this.stamps.set(analysis.file, stamp);
    };
    if (workers > 1 && changed.length >= 64 && canUsePool()) {
      this.pool ??= new ScanPool(workers);
      const results = await this.pool.analyze(this.root, changed, { maxBytes: this.maxBytes, signal, onProgress });
      for (const { analysis, bytes, stamp } of results) record(analysis, bytes, stamp);
    } else {
      let done = 0;
      for (const file of changed) {
        throwIfAborted(signal);
        const { analysis, bytes } = await analyzePath(this.root, file, this.maxBytes);
        record(analysis, bytes);
        if (++done % 200 === 0) onProgress?.({ filesDone: done, filesTotal: changed.length } satisfies ScanProgress);
      }
    }
    stamps.forEach((stamp, i) => { if (stamp) this.stamps.set(files[i], stamp); });
    onProgress?.({ filesDone: changed.length, filesTotal: changed.length });
    this.lastDurationMs = performance.now() - started;
    return this.result();
  }

  private forget(file: string): void {
    this.analyses.delete(file);
    this.bytesByFile.delete(file);
    this.stamps.delete(file);
  }

  async update(changes: FileChange[], signal?: AbortSignal): Promise<ScanResult> {
    const started = performance.now();
    for (const change of changes) {
      throwIfAborted(signal);
      const relative = path.relative(this.root, change.path).split(path.sep).join('/');
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      if (change.deleted) { this.forget(relative); continue; }
      if (!isCandidate(relative)) continue;
      const { analysis } = change.text !== undefined
        ? await analyzeText(relative, change.text)
        : await analyzePath(this.root, relative, this.maxBytes);
      this.analyses.set(relative, analysis);
      // Editor text may differ from disk: the next full scan must re-read this file.
      this.stamps.delete(relative);
    }
    this.lastDurationMs = performance.now() - started;
    return this.result();
  }

  /** The current result without re-reading anything. */
  result(): ScanResult {
    const parsedFiles = [...this.analyses.values()].filter((a) => a.parsed).length;
    let bytes = 0;
    for (const size of this.bytesByFile.values()) bytes += size;
    return buildScanResult(this.root, this.analyses, this.walkSkipped, {
      files: this.analyses.size, parsedFiles, bytes, durationMs: Math.round(this.lastDurationMs),
    });
  }

  /** Where env vars are defined (.env, compose, k8s), for tooltips and "go to definition". */
  envDefinitions(): FileAnalysis['envDefinitions'] {
    return [...this.analyses.values()].flatMap((a) => a.envDefinitions);
  }

  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
    this.analyses.clear();
  }
}

async function statAll(root: string, files: string[], signal: AbortSignal | undefined): Promise<(string | undefined)[]> {
  const stamps: (string | undefined)[] = new Array(files.length);
  const CONCURRENCY = 64;
  for (let start = 0; start < files.length; start += CONCURRENCY) {
    throwIfAborted(signal);
    await Promise.all(files.slice(start, start + CONCURRENCY).map(async (file, offset) => {
      const info = await stat(path.join(root, file)).catch(() => undefined);
      stamps[start + offset] = info ? `${info.mtimeMs}:${info.size}` : undefined;
    }));
  }
  return stamps;
}

export async function analyzePath(root: string, relative: string, maxBytes: number, sync = false): Promise<{ analysis: FileAnalysis; bytes: number; stamp?: string }> {
  const absolute = path.join(root, relative);
  const read = sync ? readSourceSync(absolute, maxBytes) : await readSource(absolute, maxBytes);
  if (read.skipped !== undefined || read.text === undefined) {
    return { analysis: emptyAnalysis(relative, read.skipped ?? 'unreadable'), bytes: read.bytes, stamp: read.stamp };
  }
  return { ...(await analyzeText(relative, read.text, read.bytes)), stamp: read.stamp };
}

async function analyzeText(relative: string, text: string, bytes = Buffer.byteLength(text)): Promise<{ analysis: FileAnalysis; bytes: number }> {
  try {
    return { analysis: await analyzeFile(relative, text), bytes };
  } catch (error) {
    // A parser or extractor bug must not end the scan: the file is listed with the reason.
    return { analysis: emptyAnalysis(relative, `analysis failed: ${error instanceof Error ? error.message : String(error)}`), bytes };
  }
}

