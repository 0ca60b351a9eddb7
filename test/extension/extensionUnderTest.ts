import * as vscode from 'vscode';
import type { IntegrationOrchestratorApi } from '../../src/client/extension';
import { waitFor } from './waitFor';

export const EXTENSION_ID = 'integration-orchestrator.integration-orchestrator';

/** The extension as the host knows it; fails the test when it is not installed at all. */
export function getExtension(): vscode.Extension<IntegrationOrchestratorApi> {
  const extension = vscode.extensions.getExtension<IntegrationOrchestratorApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return extension;
}

/**
 * Waits for the extension to be activated by its own activation events (the workspace's files),
 * without calling `activate()` ourselves: that is what proves the activation events fire.
 */
export async function whenActivatedByWorkspace(): Promise<vscode.Extension<IntegrationOrchestratorApi>> {
  const extension = getExtension();
  await waitFor(`${EXTENSION_ID} to activate on the workspace`, () => extension.isActive);
  return extension;
}

/** Command ids the manifest contributes: every one of them must have a handler after activation. */
export function contributedCommands(extension: vscode.Extension<unknown>): string[] {
  const manifest = extension.packageJSON as { contributes?: { commands?: { command: string }[] } };
  return (manifest.contributes?.commands ?? []).map((entry) => entry.command);
}

/** Contributed commands that have no registered handler (empty when the wiring is complete). */
export async function unregisteredCommands(extension: vscode.Extension<unknown>): Promise<string[]> {
  const registered = new Set(await vscode.commands.getCommands(true));
  return contributedCommands(extension).filter((command) => !registered.has(command));
}
