/**
 * Every custom message between the extension client, the language server and the webviews,
 * declared once. Each request or notification has a Params/Result type and a method name
 * `integrationOrchestrator/<name>`; the JSDoc line says which side sends it.
 * Nothing here imports `vscode` or `vscode-languageserver`, so every side can import it.
 */
import type { ScanResult } from '../core/detection/types';

export const EXTENSION_ID = 'integration-orchestrator.integration-orchestrator';

/** Client → server: scan (or re-scan) every workspace folder. Result: one ScanResult per folder. */
export const ScanWorkspaceRequest = 'integrationOrchestrator/scanWorkspace';
export interface ScanWorkspaceParams {
  /** Absolute folder paths to scan. */
  folders: string[];
  exclude: string[];
  maxFileSizeKB: number;
}
export interface ScanWorkspaceResult {
  results: ScanResult[];
}

/** Server → client: the inventory of one folder changed (after an incremental update). */
export const InventoryChangedNotification = 'integrationOrchestrator/inventoryChanged';
export interface InventoryChangedParams {
  result: ScanResult;
}

/** Client → server: these files changed on disk or in an editor; re-analyse only them. */
export const FilesChangedNotification = 'integrationOrchestrator/filesChanged';
export interface FilesChangedParams {
  /** Absolute paths, with the in-editor text when the file is open and dirty. */
  changes: { path: string; text?: string; deleted?: boolean }[];
}
