import * as vscode from 'vscode';
import { log } from './testLog';

/**
 * Runs a `vscode.execute…Provider` command, asking again when the editor cancelled it.
 *
 * VS Code cancels a code action (or completion, hover) request in flight whenever the set of
 * providers for the document changes, e.g. when opening the first TypeScript file activates the
 * built-in TypeScript extension and it registers its own providers. The lightbulb simply asks
 * again; so does this helper, a bounded number of times, so a real failure still fails.
 */
export async function executeLanguageCommand<T>(command: string, ...args: unknown[]): Promise<T> {
  const attempts = 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<T>(command, ...args);
    } catch (error) {
      if (!isCancellation(error) || attempt === attempts) throw error;
      log(`  ${command} was cancelled by the editor (providers changed); asking again (${attempt}/${attempts - 1})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'Canceled' || error.message === 'Canceled');
}
