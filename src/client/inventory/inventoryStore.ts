/**
 * Keeps one engine per workspace folder and the latest ScanResult of each. Engine calls of a
 * folder run one after another (a full scan, then the updates queued meanwhile), so results
 * arrive in order; `whenIdle()` resolves once nothing is queued or running.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { FileChange, InventoryEngine, ScanOptions, ScanProgress } from '../../core/detection/engine';
import { allFindings } from '../../core/detection/scanResult';
import type { ScanResult } from '../../core/detection/types';
import type { EnvDefinitionLike } from '../../core/inventory/declarations';
import type { InventoryFolder } from '../../core/inventory/inventoryTree';
import type { Log } from '../log';

/**
 * An engine that may also report exact env var definitions beside its results (the worker
 * client as a field, the in-process inventory as a method); the tree uses them when present.
 */
export type FolderEngine = InventoryEngine & { envDefinitions?: readonly EnvDefinitionLike[] | (() => readonly EnvDefinitionLike[]) };

export type EngineFactory = (folder: vscode.WorkspaceFolder, options: ScanOptions) => FolderEngine;

function envDefinitionsOf(engine: FolderEngine): readonly EnvDefinitionLike[] | undefined {
  const value = engine.envDefinitions;
  const list = typeof value === 'function' ? value.call(engine) : value;
  return Array.isArray(list) ? list : undefined;
}

interface FolderState {
  folder: vscode.WorkspaceFolder;
  engine: FolderEngine;
  abort: AbortController;
  result?: ScanResult;
  envDefinitions?: readonly EnvDefinitionLike[];
  /** Tail of this folder's queue of engine calls. */
  tail: Promise<void>;
}

export class InventoryStore implements vscode.Disposable {
  private readonly states = new Map<string, FolderState>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly progress = new vscode.EventEmitter<ScanProgress & { folder: string }>();
  private running = 0;
  private holds = 0;
  private idleWaiters: (() => void)[] = [];
  private disposed = false;

  /** Fires after any folder's result changed (a scan or an update finished). */
  readonly onDidChange = this.changed.event;
  /** Progress of full scans, for the view's message. */
  readonly onScanProgress = this.progress.event;

  constructor(private readonly createEngine: EngineFactory, private readonly optionsFor: (folder: vscode.WorkspaceFolder) => ScanOptions, private readonly log: Log) {}

  /** Results in workspace-folder order; folders still scanning for the first time are left out. */
  folders(): InventoryFolder[] {
    return [...this.states.values()]
      .sort((a, b) => a.folder.index - b.folder.index)
      .flatMap((state) => (state.result ? [{ name: state.folder.name, result: state.result, envDefinitions: state.envDefinitions }] : []));
  }

  workspaceFolders(): vscode.WorkspaceFolder[] {
    return [...this.states.values()].map((state) => state.folder).sort((a, b) => a.index - b.index);
  }

  /** The folder (longest root) that holds `fsPath`, if any. */
  folderOf(fsPath: string): vscode.WorkspaceFolder | undefined {
    let best: vscode.WorkspaceFolder | undefined;
    for (const { folder } of this.states.values()) {
      const relative = path.relative(folder.uri.fsPath, fsPath);
      const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
      if (inside && (!best || folder.uri.fsPath.length > best.uri.fsPath.length)) best = folder;
    }
    return best;
  }

  get busy(): boolean {
    return this.running > 0 || this.holds > 0;
  }

  /** Marks work about to be queued (debounced edits), so `whenIdle` waits for it; returns the release. */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.settle();
    };
  }

  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settle(): void {
    if (this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Runs `work` after whatever this folder already has queued. */
  private enqueue(state: FolderState, label: string, work: () => Promise<ScanResult>): Promise<void> {
    this.running++;
    const run = state.tail.then(async () => {
      if (state.abort.signal.aborted) return;
      try {
        const result = await work();
        if (state.abort.signal.aborted || this.disposed) return;
        state.result = result;
        state.envDefinitions = envDefinitionsOf(state.engine);
        this.changed.fire();
      } catch (error) {
        if (state.abort.signal.aborted) return;
        this.log.error(`${label} of ${state.folder.name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }).finally(() => {
      this.running--;
      this.settle();
    });
    state.tail = run;
    return run;
  }

  /** Creates engines for folders not known yet and scans them fully. Resolves when those scans finished. */
  scanFolders(folders: readonly vscode.WorkspaceFolder[]): Promise<void> {
    const scans = folders.map((folder) => {
      const existing = this.states.get(folder.uri.toString());
      if (existing) return this.rescanState(existing);
      const state = this.createState(folder);
      if (!state) return Promise.resolve();
      return this.enqueue(state, 'scan', () => this.scanAll(state));
    });
    return Promise.all(scans).then(() => undefined);
  }

  private createState(folder: vscode.WorkspaceFolder): FolderState | undefined {
    if (folder.uri.scheme !== 'file') return undefined;
    let engine: FolderEngine;
    try {
      engine = this.createEngine(folder, this.optionsFor(folder));
    } catch (error) {
      this.log.error(`could not start the scan engine for ${folder.name}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const state: FolderState = { folder, engine, abort: new AbortController(), tail: Promise.resolve() };
    this.states.set(folder.uri.toString(), state);
    return state;
  }

  private scanAll(state: FolderState): Promise<ScanResult> {
    const started = Date.now();
    return state.engine.scanAll(state.abort.signal, (progress) => this.progress.fire({ ...progress, folder: state.folder.name })).then((result) => {
      this.log.info(`scanned ${state.folder.name}: ${result.integrations.length} sites, ${result.dependencies.length} dependencies, ${result.configuration.length} configuration entries, ${result.services.length} services, ${result.stats.files} files in ${Date.now() - started} ms`);
      return result;
    });
  }

  private rescanState(state: FolderState): Promise<void> {
    return this.enqueue(state, 'scan', () => this.scanAll(state));
  }

  /** Full re-scan of every folder with fresh engines (settings changed, or "Scan Again"). */
  rescanAll(): Promise<void> {
    const folders = this.workspaceFolders();
    for (const folder of folders) this.removeFolder(folder);
    return this.scanFolders(folders);
  }

  removeFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    this.states.delete(key);
    state.abort.abort();
    // Let what is running finish (its result is dropped) before the worker goes away.
    void state.tail.finally(() => state.engine.dispose());
    this.changed.fire();
  }

  /** Re-analyses only the given files of one folder. */
  update(folder: vscode.WorkspaceFolder, changes: FileChange[]): Promise<void> {
    const state = this.states.get(folder.uri.toString());
    if (!state || changes.length === 0) return Promise.resolve();
    return this.enqueue(state, 'update', () => state.engine.update(expandDeletedFolders(state, changes), state.abort.signal));
  }

  dispose(): void {
    this.disposed = true;
    for (const state of this.states.values()) {
      state.abort.abort();
      state.engine.dispose();
    }
    this.states.clear();
    this.changed.dispose();
    this.progress.dispose();
    this.running = 0;
    this.holds = 0;
    this.settle();
  }
}

/**
 * A deleted folder arrives as one path; the engine forgets files one by one. Expand it to the
 * known files under it (read when the update runs, so earlier updates are accounted for).
 */
function expandDeletedFolders(state: FolderState, changes: FileChange[]): FileChange[] {
  const known = [...new Set((state.result ? allFindings(state.result) : []).map((integration) => integration.file))];
  const out: FileChange[] = [];
  for (const change of changes) {
    out.push(change);
    if (!change.deleted) continue;
    const prefix = path.relative(state.folder.uri.fsPath, change.path).split(path.sep).join('/');
    if (prefix === '' || prefix.startsWith('..')) continue;
    for (const file of known) {
      if (file.startsWith(`${prefix}/`)) out.push({ path: path.join(state.folder.uri.fsPath, ...file.split('/')), deleted: true });
    }
  }
  return out;
}
