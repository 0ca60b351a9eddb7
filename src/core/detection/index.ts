/** The detection engine's public entry points. */
import { availableParallelism } from 'node:os';
import type { ScanOptions } from './engine';
import type { ScanResult } from './types';
import { WorkspaceInventory } from './inventory';

export type { FileChange, InventoryEngine, ScanOptions, ScanProgress } from './engine';
export type * from './types';
export { WorkspaceInventory } from './inventory';
export { ScanWorkerClient } from './workerClient';
export { ScanCancelledError } from './errors';

/** Scans a folder once, using every core. */
export async function scanFolder(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const inventory = new WorkspaceInventory(root, { ...options, workers: Math.max(1, Math.min(availableParallelism(), 8)) });
  try {
    return await inventory.scanAll();
  } finally {
    inventory.dispose();
  }
}
