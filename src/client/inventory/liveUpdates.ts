/**
 * Turns editor and file-system events into incremental engine updates: typing is debounced
 * (~300 ms) and sends the editor's text, saves/creates/deletes/renames go out almost at once
 * with the file on disk. Only the changed files are sent; the engine runs in a worker, so
 * nothing here ever blocks typing.
 */
import * as vscode from 'vscode';
import type { FileChange } from '../../core/detection/engine';
import type { InventoryStore } from './inventoryStore';

/** Quiet time after the last keystroke before the edited text is analysed. */
export const EDIT_DEBOUNCE_MS = 300;
/** Saves and file events come in bursts (save + watcher change, git checkout): gather them briefly. */
export const FILE_EVENT_DELAY_MS = 50;

type PendingKind = 'edit' | 'disk' | 'deleted';

/** Folders no scan looks into; events there are dropped before they cost anything. */
const IGNORED_SEGMENTS = /[\\/](node_modules|\.git|\.hg|\.svn)([\\/]|$)/;

export class LiveUpdates implements vscode.Disposable {
  private readonly pending = new Map<string, { uri: vscode.Uri; kind: PendingKind }>();
  /** Files whose unsaved text was sent: closing them unsaved must re-read the disk. */
  private readonly sentDirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private release: (() => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: InventoryStore) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.queue(uri, 'disk', FILE_EVENT_DELAY_MS)),
      watcher.onDidChange((uri) => this.queue(uri, 'disk', FILE_EVENT_DELAY_MS)),
      watcher.onDidDelete((uri) => this.queue(uri, 'deleted', FILE_EVENT_DELAY_MS)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.queue(event.document.uri, 'edit', EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.queue(document.uri, 'disk', FILE_EVENT_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.sentDirty.delete(document.uri.toString())) this.queue(document.uri, 'disk', FILE_EVENT_DELAY_MS);
      }),
      vscode.workspace.onDidCreateFiles((event) => { for (const uri of event.files) void this.queueTree(uri, 'disk'); }),
      vscode.workspace.onDidDeleteFiles((event) => { for (const uri of event.files) this.queue(uri, 'deleted', FILE_EVENT_DELAY_MS); }),
      vscode.workspace.onDidRenameFiles((event) => {
        for (const { oldUri, newUri } of event.files) {
          this.queue(oldUri, 'deleted', FILE_EVENT_DELAY_MS);
          void this.queueTree(newUri, 'disk');
        }
      }),
    );
  }

  private accepts(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && !IGNORED_SEGMENTS.test(uri.fsPath) && this.store.folderOf(uri.fsPath) !== undefined;
  }

  /** A created or renamed folder: its files are new to the engine, one by one. */
  private async queueTree(uri: vscode.Uri, kind: PendingKind): Promise<void> {
    if (!this.accepts(uri)) return;
    let type: vscode.FileType;
    try {
      type = (await vscode.workspace.fs.stat(uri)).type;
    } catch {
      return;
    }
    if (!(type & vscode.FileType.Directory)) {
      this.queue(uri, kind, FILE_EVENT_DELAY_MS);
      return;
    }
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), '**/{node_modules,.git}/**', 20_000);
    for (const file of files) this.queue(file, kind, FILE_EVENT_DELAY_MS);
  }

  /** Adds a change; the batch goes out `delayMs` after the latest event (debounce), never later than needed. */
  queue(uri: vscode.Uri, kind: PendingKind, delayMs: number): void {
    if (!this.accepts(uri)) return;
    const key = uri.toString();
    // The latest event wins: a delete after edits is a delete, an edit after a delete (undo) is text again.
    this.pending.set(key, { uri, kind });
    this.release ??= this.store.hold();
    const due = Date.now() + delayMs;
    // File events never postpone a flush already due sooner; keystrokes always do (that is the debounce).
    if (this.timer && kind !== 'edit' && due >= this.due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => this.flush(), delayMs);
  }

  /** Queues every open, modified document of the workspace (their text differs from what a scan reads). */
  queueDirtyDocuments(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty) this.queue(document.uri, 'edit', FILE_EVENT_DELAY_MS);
    }
  }

  /** Sends every pending change now, grouped by folder. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    const release = this.release;
    this.release = undefined;
    const byFolder = new Map<vscode.WorkspaceFolder, FileChange[]>();
    for (const { uri, kind } of batch) {
      const folder = this.store.folderOf(uri.fsPath);
      if (!folder) continue;
      const list = byFolder.get(folder) ?? [];
      list.push(this.toChange(uri, kind));
      byFolder.set(folder, list);
    }
    // The store counts the queued updates as busy before the hold is released: whenIdle never sees a gap.
    for (const [folder, changes] of byFolder) void this.store.update(folder, changes);
    release?.();
  }

  private toChange(uri: vscode.Uri, kind: PendingKind): FileChange {
    if (kind === 'deleted') {
      this.sentDirty.delete(uri.toString());
      return { path: uri.fsPath, deleted: true };
    }
    // The text of an open, modified document is what the user sees: analyse that, not the disk.
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (document?.isDirty) {
      this.sentDirty.add(uri.toString());
      return { path: uri.fsPath, text: document.getText() };
    }
    this.sentDirty.delete(uri.toString());
    return { path: uri.fsPath };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.release?.();
    this.release = undefined;
    for (const disposable of this.disposables) disposable.dispose();
  }
}
