/**
 * Plans a fix for calls of one document and turns it into ONE WorkspaceEdit: the module (or
 * helper) file created when absent, the calls rewritten, the import added once. Applying it is a
 * single undo step in the editor.
 */
import * as vscode from 'vscode';
import type { Integration } from '../../core/detection/types';
import type { InventoryFolder } from '../../core/inventory/inventoryTree';
import { editorFs } from './editorFiles';
import { FixPlanner, type FilePlan } from './plan/fixPlanner';
import { modulePathSetting } from './resilienceSettings';

export const ACTION_TITLE = 'Add retry, timeout and circuit breaker';

export interface DocumentFix {
  plan: FilePlan;
  edit: vscode.WorkspaceEdit;
  title: string;
}

/** Plans the fix of `findings` in the document's current text. */
export async function planDocumentFix(document: vscode.TextDocument, folder: InventoryFolder, findings: readonly Integration[], useCockatiel?: boolean): Promise<FilePlan> {
  const planner = new FixPlanner({
    boundary: folder.result.root,
    fs: editorFs,
    modulePath: modulePathSetting(document.uri),
    useCockatiel,
    parseCheck: 'no-new-errors',
  });
  return planner.planFile(document.uri.fsPath, document.getText(), findings);
}

/** The title of a fix: what it does in that language, and which module variant it writes. */
export function fixTitle(plan: FilePlan, scope: 'call' | 'file'): string {
  const base = plan.adds === 'timeout' ? 'Add timeout (and the retrying-session helper)'
    : plan.adds === 'deadline' ? 'Add a context deadline (doWithDeadline)' : ACTION_TITLE;
  const where = scope === 'file' ? ' to every HTTP call in this file' : '';
  const variant = plan.moduleVariant === 'cockatiel' ? ' (cockatiel)' : '';
  return `${base}${where}${variant}`;
}

/**
 * The plan as one WorkspaceEdit on `document` (plus the files it creates). A new file is created
 * empty and filled by a text edit, not through `createFile`'s `contents`: VS Code in the browser
 * (code-server, vscode.dev) cannot carry those bytes from the extension host ("Could not revive
 * data transfer file"). The new file is then an unsaved model: `SAVE_CREATED_COMMAND` saves it.
 */
export function toWorkspaceEdit(document: vscode.TextDocument, plan: FilePlan): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const create of plan.creates) {
    const uri = vscode.Uri.file(create.path);
    // `ignoreIfExists`: a module that appeared meanwhile (another fix, the CLI) is never replaced.
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), create.content);
  }
  for (const change of plan.edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
  }
  return edit;
}

/** Saves the files a fix created (run after its edit, as a code action's `command`). */
export const SAVE_CREATED_COMMAND = 'integrationOrchestrator.resilience.saveCreatedFiles';

export async function saveCreatedFiles(paths: readonly string[]): Promise<void> {
  for (const file of paths) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    if (document?.isDirty) await document.save();
  }
}

/** The command that saves what `plan` creates, or undefined when it creates nothing. */
export function saveCreatedCommand(plan: FilePlan): vscode.Command | undefined {
  if (plan.creates.length === 0) return undefined;
  return { command: SAVE_CREATED_COMMAND, title: 'Save the generated resilience module', arguments: [plan.creates.map((create) => create.path)] };
}

/** Plans and builds the fix; undefined when nothing would change (already wrapped, or skipped). */
export async function documentFix(document: vscode.TextDocument, folder: InventoryFolder, findings: readonly Integration[], scope: 'call' | 'file', useCockatiel?: boolean): Promise<DocumentFix | undefined> {
  const plan = await planDocumentFix(document, folder, findings, useCockatiel);
  if (plan.edits.length === 0) return undefined;
  return { plan, edit: toWorkspaceEdit(document, plan), title: fixTitle(plan, scope) };
}
