/**
 * What the planner reads in the editor: an open document's text (saved or not), else the disk;
 * and which findings of the inventory belong to a document.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { Integration } from '../../core/detection/types';
import type { InventoryFolder } from '../../core/inventory/inventoryTree';
import { diskFs, type PlanFs } from './plan/planFs';
import type { InventoryApi } from '../inventory/registerInventory';

export const editorFs: PlanFs = {
  readText: (file) => {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'file' && document.uri.fsPath === file);
    return open ? Promise.resolve(open.getText()) : diskFs.readText(file);
  },
};

export interface DocumentFindings {
  folder: InventoryFolder;
  /** Path of the document relative to the folder, as findings spell it. */
  relative: string;
  findings: Integration[];
}

const isInside = (root: string, file: string): boolean => {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/** The inventory's findings for a file (the folder with the longest root that holds it). */
export function findingsOf(inventory: InventoryApi, file: string): DocumentFindings | undefined {
  let best: InventoryFolder | undefined;
  for (const folder of inventory.folders()) {
    if (isInside(folder.result.root, file) && (!best || folder.result.root.length > best.result.root.length)) best = folder;
  }
  if (!best) return undefined;
  const relative = path.relative(best.result.root, file).split(path.sep).join('/');
  return { folder: best, relative, findings: best.result.integrations.filter((finding) => finding.file === relative) };
}

/**
 * Waits until the inventory has caught up with recent edits (its updates are debounced), for at
 * most `limitMs`; code actions must not be computed from positions older than the text.
 */
export async function inventoryCaughtUp(inventory: InventoryApi, token?: vscode.CancellationToken, limitMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let listener: vscode.Disposable | undefined;
  try {
    await Promise.race([
      inventory.whenIdle(),
      new Promise<void>((resolve) => { timer = setTimeout(resolve, limitMs); }),
      new Promise<void>((resolve) => { listener = token?.onCancellationRequested(() => resolve()); }),
    ]);
  } finally {
    clearTimeout(timer);
    listener?.dispose();
  }
}

/** The editor range of a finding (findings are 1-based). */
export function findingRange(finding: Pick<Integration, 'line' | 'column' | 'endLine' | 'endColumn'>): vscode.Range {
  return new vscode.Range(finding.line - 1, finding.column - 1, finding.endLine - 1, finding.endColumn - 1);
}
