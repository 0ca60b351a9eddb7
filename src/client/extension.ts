import * as vscode from 'vscode';
import { ExtensionCtx } from './context';
import { baseCommands, registerCommands } from './commands';
import { startConfigLanguageClient } from './config/languageClient';
import { registerHealth, type HealthApi } from './health/registerHealth';
import { registerInventory, type InventoryApi } from './inventory/registerInventory';
import { registerResilience, type ResilienceApi } from './resilience/registerResilience';
import { registerWizard } from './wizard/registerWizard';
import { QuickStepTracker, type QuickWizardApi } from './wizard/quickSteps';

/** What the extension exports: used by its own tests and by other extensions. */
export interface IntegrationOrchestratorApi {
  /** Milliseconds `activate()` took, measured inside it. */
  readonly activationMs: number;
  /** The Integrations view: its tree provider, results and an idle signal (undefined if it failed to start). */
  readonly inventory: InventoryApi | undefined;
  /** Health checks: last results, status-bar text, idle signal (undefined if it failed to start). */
  readonly health: HealthApi | undefined;
  /** Bare-call diagnostics and quick fixes: an idle signal (undefined if it failed to start). */
  readonly resilience: ResilienceApi | undefined;
  /** "New Integration (Quick)": the step on screen, so tests can wait for it before driving the quick input. */
  readonly quickWizard: QuickWizardApi;
}

let ctx: ExtensionCtx | undefined;

/**
 * Kept thin on purpose: register contributions, start heavy work without awaiting it.
 * Scanning runs off the extension host's thread (a worker thread per folder, the language server).
 */
export function activate(context: vscode.ExtensionContext): IntegrationOrchestratorApi {
  const started = performance.now();
  ctx = new ExtensionCtx(context);
  const quickWizard = ctx.own(new QuickStepTracker());
  let inventory: InventoryApi | undefined;
  let health: HealthApi | undefined;
  let resilience: ResilienceApi | undefined;
  try {
    registerCommands(ctx, {
      ...baseCommands,
      ...registerWizard(ctx, quickWizard),
    });
    inventory = registerInventory(ctx);
    health = registerHealth(ctx, inventory);
    resilience = registerResilience(ctx, inventory);
    // Constructing the language client (options, file watchers) took ~17 ms of activation:
    // it registers no command, so it starts on the next turn.
    const owner = ctx;
    const clientTimer = setTimeout(() => startConfigLanguageClient(owner), 0);
    ctx.own({ dispose: () => clearTimeout(clientTimer) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.error(`activation failed: ${message}`);
    void vscode.window.showErrorMessage(`Integration Orchestrator failed to start: ${message}`, 'Show Log')
      .then((choice) => { if (choice) ctx?.log.show(); });
  }
  const activationMs = performance.now() - started;
  ctx.log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, inventory, health, resilience, quickWizard };
}

export function deactivate(): void {
  ctx?.dispose();
  ctx = undefined;
}
