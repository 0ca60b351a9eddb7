import * as vscode from 'vscode';
import type { ExtensionCtx } from './context';

/** A command factory: given the context, returns the command's implementation. */
export type CommandFactory = (ctx: ExtensionCtx) => (...args: unknown[]) => unknown;

/** Every command the extension contributes, keyed by its id without the prefix. Features add their own. */
export const COMMAND_PREFIX = 'integrationOrchestrator.';

export function registerCommands(ctx: ExtensionCtx, table: Record<string, CommandFactory>): void {
  for (const [name, factory] of Object.entries(table)) {
    const run = factory(ctx);
    ctx.own(vscode.commands.registerCommand(COMMAND_PREFIX + name, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        ctx.log.error(`command ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        void vscode.window.showErrorMessage(`Integrations: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }));
  }
}

export const baseCommands: Record<string, CommandFactory> = {
  openSettings: () => () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:integration-orchestrator.integration-orchestrator'),
  showLog: (ctx) => () => ctx.log.show(),
};
