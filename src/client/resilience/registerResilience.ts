/**
 * Wires the resilience fixes into VS Code: bare-call diagnostics fed by the inventory, the code
 * actions, and `integrationOrchestrator.addResilience`. `activate()` only registers; nothing is
 * parsed until the inventory has results or a code action is asked for.
 */
import * as vscode from 'vscode';
import { registerCommands } from '../commands';
import type { ExtensionCtx } from '../context';
import type { InventoryApi } from '../inventory/registerInventory';
import { addResilience, type AddResilienceResult } from './addResilienceCommand';
import { RESILIENCE_LANGUAGES, ResilienceCodeActionProvider } from './resilienceCodeActions';
import { ResilienceDiagnostics } from './resilienceDiagnostics';
import { saveCreatedFiles } from './resilienceEdits';
import { SEVERITY_SETTING } from './resilienceSettings';

/** The feature as the extension exports it (tests). */
export interface ResilienceApi {
  /** Resolves once the diagnostics reflect the inventory's latest results. */
  whenIdle(): Promise<void>;
}

export function registerResilience(ctx: ExtensionCtx, inventory: InventoryApi | undefined): ResilienceApi | undefined {
  if (!inventory) return undefined;
  const diagnostics = ctx.own(new ResilienceDiagnostics(inventory, ctx.log));
  ctx.own(inventory.onDidChange(() => void diagnostics.refresh()));
  ctx.own(vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SEVERITY_SETTING)) void diagnostics.refresh();
  }));
  const selector = RESILIENCE_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
  ctx.own(vscode.languages.registerCodeActionsProvider(selector, new ResilienceCodeActionProvider(inventory), ResilienceCodeActionProvider.metadata));
  registerCommands(ctx, {
    addResilience: () => (arg?: unknown): Promise<AddResilienceResult> => addResilience(inventory, arg),
    // Internal (not contributed): the code actions' follow-up that saves the module they created.
    'resilience.saveCreatedFiles': () => (paths?: unknown) => saveCreatedFiles(Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : []),
  });
  return {
    whenIdle: async () => {
      await inventory.whenIdle();
      await diagnostics.whenIdle();
    },
  };
}
