/**
 * Worker-thread entry (bundled as dist/scan-worker.js). Two modes:
 * - `pool`: analyse batches of files for a cold scan (scanPool.ts);
 * - `inventory`: own a WorkspaceInventory for the extension host (workerClient.ts), so parsing
 *   never runs on the extension host's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzePath, WorkspaceInventory } from './inventory';
import { parserFor } from './languages/parser';
import type { PoolMessage, PoolReply } from './scanPool';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

const port = parentPort;
if (port) {
  const data = workerData as { mode: 'pool' } | { mode: 'inventory'; root: string; exclude?: string[]; maxFileSizeKB?: number };
  if (data.mode === 'pool') {
    // Load every grammar now, while the main thread is still walking the tree.
    for (const grammar of ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java'] as const) void parserFor(grammar);
    port.on('message', (message: PoolMessage) => {
      void (async () => {
        const results = [];
        for (const file of message.files) results.push(await analyzePath(message.root, file, message.maxBytes, true));
        port.postMessage({ type: 'result', id: message.id, results } satisfies PoolReply);
      })();
    });
  } else {
    const inventory = new WorkspaceInventory(data.root, { exclude: data.exclude, maxFileSizeKB: data.maxFileSizeKB });
    let controller: AbortController | undefined;
    // Requests run one at a time, in order: an update never races a full scan.
    let queue: Promise<void> = Promise.resolve();
    port.on('message', (request: WorkerRequest) => {
      if (request.type === 'cancel') { controller?.abort(); return; }
      queue = queue.then(async () => {
        controller = new AbortController();
        try {
          const result = request.type === 'scanAll'
            ? await inventory.scanAll(controller.signal, (progress) => port.postMessage({ type: 'progress', id: request.id, progress } satisfies WorkerResponse))
            : await inventory.update(request.changes, controller.signal);
          port.postMessage({ type: 'result', id: request.id, result, envDefinitions: inventory.envDefinitions() } satisfies WorkerResponse);
        } catch (error) {
          port.postMessage({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error), cancelled: (error as Error)?.name === 'ScanCancelledError' } satisfies WorkerResponse);
        }
      });
    });
  }
}
