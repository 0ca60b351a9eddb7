/**
 * The server's own view of what the workspace talks to: every workspace folder is scanned by
 * the detection engine in the background, scanned again (debounced) when a source or
 * declaration file changes, and its targets handed to the config checks through
 * `state.setInventory`, which re-validates the open config documents. The client's tree view
 * has its own scan; this one lives in the server process so validation never waits on the
 * extension host. Scanning reads files and runs nothing, so it also runs in Restricted Mode.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DidChangeWatchedFilesNotification, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { InventoryTarget } from '../core/config/checks/checkContext';
import { isConfigFileName } from '../core/config/configFiles';
import { ScanCancelledError } from '../core/detection/errors';
import { isCandidate } from '../core/detection/files';
import { WorkspaceInventory } from '../core/detection/inventory';
import type { ScanResult } from '../core/detection/types';
import { pathToUri, uriToPath } from './config/uri';
import { inventoryTargets } from './inventoryTargets';
import type { ServerState } from './serverState';

/** Quiet time after the last file change before a folder is scanned again (saves come in bursts). */
export const RESCAN_DEBOUNCE_MS = 500;

/**
 * Files the engine reads: sources, compose/k8s/spec YAML, manifests. `.env*` and compose files
 * already come through the client's synchronized file events (the env index needs them too).
 */
const WATCH_GLOBS = [
  '**/*.{ts,mts,cts,tsx,js,jsx,mjs,cjs,py,go,rs,java}',
  '**/*.{yml,yaml,json,proto,toml,xml,gradle,kts,txt}',
];

/** Folders the walk never enters: a change there cannot alter the inventory, so it triggers no walk. */
const NEVER_SCANNED = /(^|\/)(node_modules|\.git|dist|out|build|target|vendor|coverage|__pycache__|\.venv|venv)\//;

/** The scan settings of one folder (`integrationOrchestrator.exclude`, `integrationOrchestrator.maxFileSizeKB`). */
export interface ScanSettings {
  exclude: string[];
  maxFileSizeKB?: number;
}

export function readScanSettings(section: unknown): ScanSettings {
  const root = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  const exclude = Array.isArray(root.exclude) ? root.exclude.filter((glob): glob is string => typeof glob === 'string') : [];
  const max = root.maxFileSizeKB;
  return typeof max === 'number' && max > 0 ? { exclude, maxFileSizeKB: max } : { exclude };
}

export interface FolderScannerDeps {
  settings(folder: string): Promise<ScanSettings>;
  /** Called after each scan whose targets differ from the last ones published. */
  publish(folder: string, targets: readonly InventoryTarget[], result: ScanResult): void;
  error(folder: string, error: unknown): void;
  /** Worker threads for a cold scan of many files (1 = in this thread). */
  workers?: number;
}

/**
 * One folder's scans, one at a time: a request during a scan runs one more scan after it
 * (changes coalesce); `dispose()` aborts the running scan and stops the engine's workers.
 */
export class FolderScanner {
  private engine: WorkspaceInventory | undefined;
  private engineSettings = '';
  private controller: AbortController | undefined;
  private pending = false;
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private published: string | undefined;
  private disposed = false;

  constructor(readonly folder: string, private readonly deps: FolderScannerDeps) {}

  /** Scans now (or right after the running scan). Resolves when no scan is pending. */
  scan(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.pending = true;
    this.loop ??= this.run().finally(() => { this.loop = undefined; });
    return this.loop;
  }

  /** Scans after `delayMs` without another call: the answer to a burst of file events. */
  scanSoon(delayMs = RESCAN_DEBOUNCE_MS): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.scan();
    }, delayMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller?.abort();
    this.engine?.dispose();
    this.engine = undefined;
  }

  private async run(): Promise<void> {
    while (this.pending && !this.disposed) {
      this.pending = false;
      const controller = new AbortController();
      this.controller = controller;
      try {
        await this.scanOnce(controller.signal);
      } catch (error) {
        if (!(error instanceof ScanCancelledError) && !this.disposed) this.deps.error(this.folder, error);
      } finally {
        if (this.controller === controller) this.controller = undefined;
      }
    }
  }

  private async scanOnce(signal: AbortSignal): Promise<void> {
    const settings = await this.deps.settings(this.folder);
    if (signal.aborted || this.disposed) throw new ScanCancelledError();
    // New exclude globs or size limit: a new engine (its options are fixed), so every file is read again.
    const key = JSON.stringify(settings);
    if (!this.engine || key !== this.engineSettings) {
      this.engine?.dispose();
      this.engine = new WorkspaceInventory(this.folder, { ...settings, workers: this.deps.workers ?? 1 });
      this.engineSettings = key;
    }
    const result = await this.engine.scanAll(signal);
    if (signal.aborted || this.disposed) throw new ScanCancelledError();
    const targets = inventoryTargets(result);
    // No evidence at all (configs but no code): the check stays off rather than flag every target.
    if (!targets) return;
    const serialized = JSON.stringify(targets);
    if (serialized === this.published) return;
    this.published = serialized;
    this.deps.publish(this.folder, targets, result);
  }
}

/** Whether a changed file can alter a folder's inventory (so that the folder is scanned again). */
export function affectsInventory(folder: string, file: string): boolean {
  const relative = path.relative(folder, file).split(path.sep).join('/');
  if (relative === '' || relative.startsWith('../') || path.isAbsolute(relative)) return false;
  if (NEVER_SCANNED.test(relative) || isConfigFileName(path.posix.basename(relative))) return false;
  return isCandidate(relative);
}

/** Leaves one core to the extension host and the editor; at most four workers. */
function workerCount(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

export interface InventoryFeature {
  /** Aborts running scans and stops their worker threads. */
  dispose(): void;
}

export function registerInventory(connection: Connection, _documents: TextDocuments<TextDocument>, state: ServerState): InventoryFeature {
  const scanners = new Map<string, FolderScanner>();
  const deps: FolderScannerDeps = {
    settings: async (folder) => readScanSettings(state.configurationSupported
      ? await connection.workspace.getConfiguration({ scopeUri: pathToUri(folder), section: 'integrationOrchestrator' }).catch(() => undefined)
      : undefined),
    publish: (folder, targets, result) => {
      connection.console.info(`inventory of ${path.basename(folder)}: ${targets.length} target(s) from ${result.stats.files} file(s) in ${result.stats.durationMs} ms`);
      state.setInventory(folder, targets);
    },
    error: (folder, error) => {
      connection.console.error(`inventory scan of ${path.basename(folder)} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    },
    workers: workerCount(),
  };

  const syncFolders = () => {
    const wanted = new Set(state.folders.map((folder) => path.resolve(folder)));
    for (const [folder, scanner] of scanners) {
      if (wanted.has(folder)) continue;
      scanner.dispose();
      scanners.delete(folder);
      state.forgetInventory(folder);
    }
    for (const folder of wanted) {
      if (scanners.has(folder)) continue;
      const scanner = new FolderScanner(folder, deps);
      scanners.set(folder, scanner);
      // In the background: the first diagnostics of open configs do not wait for it.
      void scanner.scan();
    }
  };

  state.initialized.on(() => {
    syncFolders();
    // Source files are not among the client's synchronized file events: ask for them.
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCH_GLOBS.map((globPattern) => ({ globPattern })) })
      .catch(() => connection.console.info('inventory: the client cannot watch files; the inventory is scanned once per session'));
  });
  state.foldersChanged.on(syncFolders);
  state.configurationChanged.on(() => {
    for (const scanner of scanners.values()) scanner.scanSoon(0);
  });
  state.watchedFilesChanged.on(({ changes }) => {
    for (const { uri } of changes) {
      const file = uriToPath(uri);
      if (!file) continue;
      for (const [folder, scanner] of scanners) if (affectsInventory(folder, file)) scanner.scanSoon();
    }
  });

  return {
    dispose: () => {
      for (const scanner of scanners.values()) scanner.dispose();
      scanners.clear();
    },
  };
}
