/**
 * A folder's inventory kept up to date file by file, in-process. The full scan can fan out
 * to worker threads (scanPool.ts); updates re-analyse only the changed files and regroup.
 */
import path from 'node:path';
import type { FileChange, InventoryEngine, ScanOptions, ScanProgress } from './engine';
import type { ScanResult, SkippedFile } from './types';
import { analyzeFile, type FileAnalysis } from './analyzeFile';
import { decodeSource, isCandidate, readSource, throwIfAborted, walk } from './files';
import { buildScanResult } from './scanResult';
import { analyzeInPool, canUsePool } from './scanPool';

export const DEFAULT_MAX_FILE_KB = 1024;

export class WorkspaceInventory implements InventoryEngine {
  private readonly analyses = new Map<string, FileAnalysis>();
  private walkSkipped: SkippedFile[] = [];
  private bytes = 0;
  private lastDurationMs = 0;

  constructor(private readonly root: string, private readonly options: ScanOptions & { workers?: number } = {}) {}

  private get maxBytes(): number {
    return (this.options.maxFileSizeKB ?? DEFAULT_MAX_FILE_KB) * 1024;
  }

  async scanAll(signal = this.options.signal, onProgress = this.options.onProgress): Promise<ScanResult> {
    const started = performance.now();
    const { files, skipped } = await walk(this.root, { exclude: this.options.exclude, signal });
    this.analyses.clear();
    this.walkSkipped = skipped;
    this.bytes = 0;
    const workers = this.options.workers ?? 0;
    if (workers > 1 && files.length >= 64 && canUsePool()) {
      const results = await analyzeInPool(this.root, files, { workers, maxBytes: this.maxBytes, signal, onProgress });
      for (const { analysis, bytes } of results) { this.analyses.set(analysis.file, analysis); this.bytes += bytes; }
    } else {
      let done = 0;
      for (const file of files) {
        throwIfAborted(signal);
        const { analysis, bytes } = await analyzePath(this.root, file, this.maxBytes);
        this.analyses.set(file, analysis);
        this.bytes += bytes;
        if (++done % 200 === 0) onProgress?.({ filesDone: done, filesTotal: files.length } satisfies ScanProgress);
      }
    }
    onProgress?.({ filesDone: files.length, filesTotal: files.length });
    this.lastDurationMs = performance.now() - started;
    return this.result();
  }

  async update(changes: FileChange[], signal?: AbortSignal): Promise<ScanResult> {
    const started = performance.now();
    for (const change of changes) {
      throwIfAborted(signal);
      const relative = path.relative(this.root, change.path).split(path.sep).join('/');
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      if (change.deleted) { this.analyses.delete(relative); continue; }
      if (!isCandidate(relative)) continue;
      const { analysis } = change.text !== undefined
        ? await analyzeText(relative, change.text)
        : await analyzePath(this.root, relative, this.maxBytes);
      this.analyses.set(relative, analysis);
    }
    this.lastDurationMs = performance.now() - started;
    return this.result();
  }

  /** The current result without re-reading anything. */
  result(): ScanResult {
    const parsedFiles = [...this.analyses.values()].filter((a) => a.parsed).length;
    return buildScanResult(this.root, this.analyses, this.walkSkipped, {
      files: this.analyses.size, parsedFiles, bytes: this.bytes, durationMs: Math.round(this.lastDurationMs),
    });
  }

  /** Where env vars are defined (.env, compose, k8s), for tooltips and "go to definition". */
  envDefinitions(): FileAnalysis['envDefinitions'] {
    return [...this.analyses.values()].flatMap((a) => a.envDefinitions);
  }

  dispose(): void {
    this.analyses.clear();
  }
}

export async function analyzePath(root: string, relative: string, maxBytes: number): Promise<{ analysis: FileAnalysis; bytes: number }> {
  const read = await readSource(path.join(root, relative), maxBytes);
  if (read.skipped !== undefined || read.text === undefined) {
    return { analysis: { file: relative, integrations: [], envDefinitions: [], composeEnvironment: [], parsed: false, skipped: read.skipped ?? 'unreadable' }, bytes: read.bytes };
  }
  return analyzeText(relative, read.text, read.bytes);
}

async function analyzeText(relative: string, text: string, bytes = Buffer.byteLength(text)): Promise<{ analysis: FileAnalysis; bytes: number }> {
  try {
    return { analysis: await analyzeFile(relative, text), bytes };
  } catch (error) {
    // A parser or extractor bug must not end the scan: the file is listed with the reason.
    return { analysis: { file: relative, integrations: [], envDefinitions: [], composeEnvironment: [], parsed: false, skipped: `analysis failed: ${error instanceof Error ? error.message : String(error)}` }, bytes };
  }
}

export { decodeSource };
