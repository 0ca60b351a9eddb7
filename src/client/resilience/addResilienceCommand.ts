/**
 * `integrationOrchestrator.addResilience`: the code action's edit for one call, run from the
 * Inventory view's "Add Resilience" (which passes `{ uri, range, integration, root }`) or from the
 * command palette (the HTTP call under the cursor).
 */
import * as vscode from 'vscode';
import type { Integration } from '../../core/detection/types';
import type { AddResilienceArgs } from '../inventory/inventoryActions';
import type { InventoryApi } from '../inventory/registerInventory';
import { findingRange, findingsOf, inventoryCaughtUp } from './editorFiles';
import { isRewritableCall } from './plan/httpCallRules';
import { planDocumentFix, saveCreatedFiles, toWorkspaceEdit } from './resilienceEdits';

/** What the command did, for callers and tests. */
export interface AddResilienceResult {
  applied: boolean;
  /** Calls routed through the module (or given a timeout). */
  fixed: number;
  /** Files the edit created (the module or helper). */
  created: string[];
  /** Why nothing changed, when nothing did. */
  reason?: string;
}

function isArgs(value: unknown): value is AddResilienceArgs {
  return typeof value === 'object' && value !== null && 'uri' in value && 'integration' in value
    && (value as { uri: unknown }).uri instanceof vscode.Uri;
}

/** The finding the current inventory holds at the place `stale` names (tree nodes may predate the last scan). */
function currentFinding(findings: readonly Integration[], stale: Integration): Integration | undefined {
  return findings.find((f) => f.line === stale.line && f.column === stale.column && f.library === stale.library)
    ?? findings.find((f) => f.line === stale.line && f.library === stale.library);
}

export async function addResilience(inventory: InventoryApi, arg: unknown): Promise<AddResilienceResult> {
  const nothing = (reason: string): AddResilienceResult => {
    void vscode.window.showInformationMessage(`Add Resilience: ${reason}`);
    return { applied: false, fixed: 0, created: [], reason };
  };
  let document: vscode.TextDocument;
  let place: vscode.Range;
  let given: Integration | undefined;
  if (isArgs(arg)) {
    document = await vscode.workspace.openTextDocument(arg.uri);
    place = arg.range instanceof vscode.Range ? arg.range : findingRange(arg.integration);
    given = arg.integration;
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return nothing('open a file and put the cursor on an HTTP call.');
    document = editor.document;
    place = editor.selection;
  }
  await inventoryCaughtUp(inventory);
  const located = findingsOf(inventory, document.uri.fsPath);
  const calls = (located?.findings ?? []).filter(isRewritableCall);
  const finding = given ? currentFinding(calls, given) : calls.find((f) => findingRange(f).intersection(place) !== undefined);
  if (!located || !finding) return nothing('no HTTP call the fix handles (fetch, axios, got, requests, httpx, net/http) is there.');
  const plan = await planDocumentFix(document, located.folder, [finding]);
  if (plan.edits.length === 0) return nothing(plan.skipped[0]?.reason ?? 'the call already goes through the resilience module.');
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(document, plan));
  if (!applied) return nothing('VS Code refused the edit (the file changed meanwhile?).');
  await saveCreatedFiles(plan.creates.map((create) => create.path));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const start = document.positionAt(plan.edits[plan.edits.length - 1]!.start);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { applied: true, fixed: plan.fixed, created: plan.creates.map((create) => create.path) };
}
