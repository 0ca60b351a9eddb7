/** Messages between ScanWorkerClient (extension host) and the inventory worker thread. */
import type { FileChange, ScanProgress } from './engine';
import type { ScanResult } from './types';
import type { EnvDefinition } from './analyzeFile';

export type WorkerRequest =
  | { type: 'scanAll'; id: number }
  | { type: 'update'; id: number; changes: FileChange[] }
  | { type: 'cancel' };

export type WorkerResponse =
  | { type: 'progress'; id: number; progress: ScanProgress }
  | { type: 'result'; id: number; result: ScanResult; envDefinitions: EnvDefinition[] }
  | { type: 'error'; id: number; message: string; cancelled: boolean };
