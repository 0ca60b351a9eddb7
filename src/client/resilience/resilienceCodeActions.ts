/**
 * "Add retry, timeout and circuit breaker": a QuickFix on the bare-call diagnostics, a
 * RefactorRewrite on any other detected HTTP call the rewriters handle, a QuickFix for every bare
 * call of the file at once, and the same as `source.fixAll.integrations` (for
 * `editor.codeActionsOnSave`). Every action carries one WorkspaceEdit.
 */
import * as vscode from 'vscode';
import type { Integration } from '../../core/detection/types';
import type { InventoryApi } from '../inventory/registerInventory';
import { findingRange, findingsOf, inventoryCaughtUp } from './editorFiles';
import { BARE_HTTP_CALL, bareCall, DIAGNOSTIC_SOURCE, isRewritableCall } from './plan/httpCallRules';
import { documentFix, saveCreatedCommand, type DocumentFix } from './resilienceEdits';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('integrations');

export const RESILIENCE_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go'];

const isOurDiagnostic = (diagnostic: vscode.Diagnostic): boolean => diagnostic.source === DIAGNOSTIC_SOURCE
  && (diagnostic.code === BARE_HTTP_CALL || (typeof diagnostic.code === 'object' && diagnostic.code.value === BARE_HTTP_CALL));

const wants = (only: vscode.CodeActionKind | undefined, kind: vscode.CodeActionKind): boolean => !only || only.contains(kind) || kind.contains(only);

export class ResilienceCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite, FIX_ALL_KIND],
  };

  constructor(private readonly inventory: InventoryApi) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    if (document.uri.scheme !== 'file') return [];
    const only = context.only;
    // Source actions only when asked for by kind (Source Action…, codeActionsOnSave), never in the lightbulb.
    const fixAll = only !== undefined && wants(only, FIX_ALL_KIND);
    const perCall = wants(only, vscode.CodeActionKind.QuickFix) || wants(only, vscode.CodeActionKind.RefactorRewrite);
    if (!fixAll && !perCall) return [];
    if (!findingsOf(this.inventory, document.uri.fsPath)?.findings.some(isRewritableCall)) return [];
    // Positions must come from a scan of the text as it is now (edits reach the inventory debounced).
    await inventoryCaughtUp(this.inventory, token);
    if (token.isCancellationRequested) return [];
    const located = findingsOf(this.inventory, document.uri.fsPath);
    if (!located) return [];
    const rewritable = located.findings.filter(isRewritableCall);
    const bare = rewritable.filter((finding) => !finding.test && bareCall(finding));
    const actions: vscode.CodeAction[] = [];

    if (fixAll && bare.length > 0) {
      const fix = await documentFix(document, located.folder, bare, 'file');
      if (fix) actions.push(this.action(fix, FIX_ALL_KIND, []));
    }
    if (!perCall || token.isCancellationRequested) return actions;

    const ours = context.diagnostics.filter(isOurDiagnostic);
    for (const finding of rewritable.filter((f) => findingRange(f).intersection(range) !== undefined)) {
      const diagnostics = ours.filter((diagnostic) => diagnostic.range.isEqual(findingRange(finding)));
      const kind = diagnostics.length > 0 ? vscode.CodeActionKind.QuickFix : vscode.CodeActionKind.RefactorRewrite;
      if (!wants(only, kind)) continue;
      actions.push(...await this.callActions(document, located.folder, finding, kind, diagnostics));
    }
    // "Fix all in file" beside a diagnostic, when there is more than the one call to fix.
    if (ours.length > 0 && bare.length > 1 && wants(only, vscode.CodeActionKind.QuickFix)) {
      const fix = await documentFix(document, located.folder, bare, 'file');
      if (fix && fix.plan.fixed > 1) actions.push(this.action(fix, vscode.CodeActionKind.QuickFix, ours));
    }
    return actions;
  }

  /** The fix of one call; when it would create a cockatiel-based module, the dependency-free one too. */
  private async callActions(document: vscode.TextDocument, folder: Parameters<typeof documentFix>[1], finding: Integration, kind: vscode.CodeActionKind, diagnostics: vscode.Diagnostic[]): Promise<vscode.CodeAction[]> {
    const fix = await documentFix(document, folder, [finding], 'call');
    if (!fix) return [];
    const actions = [this.action(fix, kind, diagnostics, diagnostics.length > 0)];
    if (fix.plan.moduleVariant === 'cockatiel') {
      const native = await documentFix(document, folder, [finding], 'call', false);
      if (native) actions.push(this.action({ ...native, title: `${native.title} (no dependency)` }, kind, diagnostics));
    }
    return actions;
  }

  private action(fix: DocumentFix, kind: vscode.CodeActionKind, diagnostics: vscode.Diagnostic[], preferred = false): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, kind);
    action.edit = fix.edit;
    // VS Code runs it after applying the edit: the generated module lands on disk, saved.
    action.command = saveCreatedCommand(fix.plan);
    action.diagnostics = diagnostics.length > 0 ? diagnostics : undefined;
    action.isPreferred = preferred;
    return action;
  }
}
