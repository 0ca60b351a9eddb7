/**
 * The inventory engine behind a worker thread, with the same contract as WorkspaceInventory.
 * Used by the extension host so that reading and parsing never block it.
 */
import { Worker } from 'node:worker_threads';
import type { FileChange, InventoryEngine, ScanOptions, ScanProgress } from './engine';
import type { ScanResult } from './types';
import type { EnvDefinition } from './analyzeFile';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';
import { ScanCancelledError } from './errors';

interface Pending {
  resolve: (result: ScanResult) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: ScanProgress) => void;
}

export class ScanWorkerError extends Error {
  override readonly name = 'ScanWorkerError';
}

export class ScanWorkerClient implements InventoryEngine {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private disposed = false;
  /** Env var definitions from the last result (.env, compose, k8s). */
  envDefinitions: EnvDefinition[] = [];

  constructor(root: string, options: ScanOptions & { workerScript: string; execArgv?: string[] }) {
    this.worker = new Worker(options.workerScript, {
      execArgv: options.execArgv ?? [],
      workerData: { mode: 'inventory', root, exclude: options.exclude, maxFileSizeKB: options.maxFileSizeKB },
    });
    this.worker.on('message', (response: WorkerResponse) => this.onMessage(response));
    this.worker.on('error', (error) => this.failAll(new ScanWorkerError(`scan worker failed: ${error.message}`)));
    this.worker.on('exit', (code) => { if (!this.disposed) this.failAll(new ScanWorkerError(`scan worker exited with code ${code}`)); });
  }

  scanAll(signal?: AbortSignal, onProgress?: (progress: ScanProgress) => void): Promise<ScanResult> {
    return this.request({ type: 'scanAll', id: this.nextId++ }, signal, onProgress);
  }

  update(changes: FileChange[], signal?: AbortSignal): Promise<ScanResult> {
    return this.request({ type: 'update', id: this.nextId++, changes }, signal);
  }

  private request(message: WorkerRequest & { id: number }, signal?: AbortSignal, onProgress?: (progress: ScanProgress) => void): Promise<ScanResult> {
    if (this.disposed) return Promise.reject(new ScanWorkerError('scan worker disposed'));
    if (signal?.aborted) return Promise.reject(new ScanCancelledError());
    return new Promise<ScanResult>((resolve, reject) => {
      const onAbort = () => this.worker.postMessage({ type: 'cancel' } satisfies WorkerRequest);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(message.id, {
        resolve: (result) => { signal?.removeEventListener('abort', onAbort); resolve(result); },
        reject: (error) => { signal?.removeEventListener('abort', onAbort); reject(error); },
        onProgress,
      });
      this.worker.postMessage(message);
    });
  }

  private onMessage(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    if (response.type === 'progress') { pending.onProgress?.(response.progress); return; }
    this.pending.delete(response.id);
    if (response.type === 'result') { this.envDefinitions = response.envDefinitions; pending.resolve(response.result); }
    else pending.reject(response.cancelled ? new ScanCancelledError() : new ScanWorkerError(response.message));
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.failAll(new ScanWorkerError('scan worker disposed'));
    void this.worker.terminate();
  }
}
