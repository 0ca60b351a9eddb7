/**
 * Fans a cold scan out to worker threads so both cores parse. Each worker reads and analyses
 * the files it is handed in batches; the main thread only walks the tree and collects.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileAnalysis } from './analyzeFile';
import type { ScanProgress } from './engine';
import { ScanCancelledError } from './files';

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
export interface PoolReply { type: 'result'; id: number; results: { analysis: FileAnalysis; bytes: number }[] }

const BATCH = 32;

export async function analyzeInPool(
  root: string,
  files: string[],
  options: { workers: number; maxBytes: number; signal?: AbortSignal; onProgress?: (progress: ScanProgress) => void },
): Promise<{ analysis: FileAnalysis; bytes: number }[]> {
  const script = workerScript()!;
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const results: { analysis: FileAnalysis; bytes: number }[] = [];
  const workers = Array.from({ length: Math.min(options.workers, batches.length) }, () =>
    new Worker(script.file, { execArgv: script.execArgv, workerData: { mode: 'pool' } }));
  let next = 0;
  let done = 0;
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
        const message: PoolMessage = { type: 'batch', id: next, root, files: batches[next], maxBytes: options.maxBytes };
        next++;
        worker.postMessage(message);
      };
      for (const worker of workers) {
        worker.on('message', (reply: PoolReply) => {
          results.push(...reply.results);
          done += reply.results.length;
          options.onProgress?.({ filesDone: done, filesTotal: files.length });
          feed(worker);
        });
        worker.on('error', reject);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
