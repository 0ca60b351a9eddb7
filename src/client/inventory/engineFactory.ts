/** The product's engine: one worker thread per workspace folder, so parsing never runs on the extension host. */
import { ScanWorkerClient } from '../../core/detection/workerClient';
import type { ExtensionCtx } from '../context';
import type { EngineFactory } from './inventoryStore';

export function workerEngineFactory(ctx: ExtensionCtx): EngineFactory {
  const workerScript = ctx.asAbsolutePath('dist/scan-worker.js');
  return (folder, options) => new ScanWorkerClient(folder.uri.fsPath, { ...options, workerScript });
}
