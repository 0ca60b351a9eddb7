/**
 * Fans a cold scan out to worker threads so every core parses. Workers read and analyse the
 * files they are handed, in batches; the main thread only walks the tree and collects. The
 * pool lives as long as its inventory, so a re-scan does not pay for starting tree-sitter again.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileAnalysis } from './analyzeFile';
import type { ScanProgress } from './engine';
import { ScanCancelledError } from './errors';

/** The worker entry: dist/scan-worker.js in bundles, the TypeScript source under tsx in development. */
export function workerScript(): { file: string; execArgv: string[] } | undefined {
  // Benchmarks and tests may point at a built bundle explicitly.
  const configured = process.env.IO_SCAN_WORKER;
  if (configured && existsSync(configured)) return { file: configured, execArgv: [] };
  const bundled = path.join(__dirname, 'scan-worker.js');
  if (existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = path.join(__dirname, 'scanWorker.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--import', 'tsx'] };
  return undefined;
}

export function canUsePool(): boolean {
  return workerScript() !== undefined;
}

export interface PoolMessage { type: 'batch'; id: number; root: string; files: string[]; maxBytes: number }
export interface PoolReply { type: 'result'; id: number; results: { analysis: FileAnalysis; bytes: number; stamp?: string }[] }

const BATCH = 32;

export class ScanPool {
  private workers: Worker[] = [];

  constructor(private readonly size: number) {}

  /** Starts the workers (idempotent); each loads tree-sitter and its grammars right away. */
  start(): Worker[] {
    if (this.workers.length === 0) {
      const script = workerScript();
      if (!script) throw new Error('scan worker script not found');
      this.workers = Array.from({ length: this.size }, () => {
        const worker = new Worker(script.file, { execArgv: script.execArgv, workerData: { mode: 'pool' } });
        worker.unref();
        return worker;
      });
    }
    return this.workers;
  }

  async analyze(
    root: string,
    files: string[],
    options: { maxBytes: number; signal?: AbortSignal; onProgress?: (progress: ScanProgress) => void },
  ): Promise<{ analysis: FileAnalysis; bytes: number; stamp?: string }[]> {
    if (files.length === 0) return [];
    const workers = this.start();
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
    const results: { analysis: FileAnalysis; bytes: number; stamp?: string }[] = [];
    let next = 0;
    let done = 0;
    const listeners: [Worker, (reply: PoolReply) => void, (error: Error) => void][] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        let active = workers.length;
        const onAbort = () => reject(new ScanCancelledError());
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const feed = (worker: Worker) => {
          if (options.signal?.aborted) return;
          if (next >= batches.length) {
            if (--active === 0) { options.signal?.removeEventListener('abort', onAbort); resolve(); }
            return;
          }
          worker.postMessage({ type: 'batch', id: next, root, files: batches[next], maxBytes: options.maxBytes } satisfies PoolMessage);
          next++;
        };
        for (const worker of workers) {
          const onMessage = (reply: PoolReply) => {
            results.push(...reply.results);
            done += reply.results.length;
            options.onProgress?.({ filesDone: done, filesTotal: files.length });
            feed(worker);
          };
          const onError = (error: Error) => reject(error);
          worker.on('message', onMessage);
          worker.on('error', onError);
          listeners.push([worker, onMessage, onError]);
          feed(worker);
        }
      });
    } catch (error) {
      // A cancelled or failed scan leaves workers mid-batch: start fresh next time.
      this.dispose();
      throw error;
    } finally {
      for (const [worker, onMessage, onError] of listeners) { worker.off('message', onMessage); worker.off('error', onError); }
    }
    return results;
  }

  dispose(): void {
    for (const worker of this.workers) void worker.terminate();
    this.workers = [];
  }
}
