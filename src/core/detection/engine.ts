/**
 * The detection engine's public surface. Everything outside src/core/detection goes through
 * this file: the CLI, the language server, the client's inventory (via a worker thread).
 */
import type { ScanResult } from './types';

export interface ScanOptions {
  /** Extra globs (relative to the root) to skip, on top of .gitignore and the built-in ignores. */
  exclude?: string[];
  /** Files larger than this are listed in `skipped`. Default 1024 KiB. */
  maxFileSizeKB?: number;
  signal?: AbortSignal;
  /** Called now and then during long scans. */
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanProgress {
  filesDone: number;
  filesTotal: number;
}

/** A changed file: absolute path, with the editor's text when it differs from disk. */
export interface FileChange {
  path: string;
  text?: string;
  deleted?: boolean;
}

/**
 * A folder's inventory that can be kept up to date file by file. Implemented in-process
 * (`WorkspaceInventory`) and in a worker thread (`ScanWorkerClient`) with the same contract.
 */
export interface InventoryEngine {
  /** Full scan of the folder; replaces whatever was known. */
  scanAll(signal?: AbortSignal, onProgress?: (progress: ScanProgress) => void): Promise<ScanResult>;
  /** Re-analyses only the changed files and regroups services. */
  update(changes: FileChange[], signal?: AbortSignal): Promise<ScanResult>;
  dispose(): void;
}
