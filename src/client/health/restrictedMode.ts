/**
 * Workspace trust: probes connect to hosts that files in the repository name, so a workspace
 * nobody trusted yet must not make the editor open sockets to them. Every health command checks
 * this first and explains itself instead of doing anything.
 */
import * as vscode from 'vscode';

export const RESTRICTED_MODE_MESSAGE =
  'Health checks are off in Restricted Mode because they connect to hosts named by files in this workspace. Trust the workspace to enable them.';

const MANAGE = 'Manage Workspace Trust';

/** Whether health checks may run; when not, shows why (without waiting for the person to dismiss it). */
export function healthAllowed(onRefused: (message: string) => void): boolean {
  if (vscode.workspace.isTrusted) return true;
  onRefused(RESTRICTED_MODE_MESSAGE);
  void vscode.window.showWarningMessage(RESTRICTED_MODE_MESSAGE, MANAGE).then((choice) => {
    if (choice === MANAGE) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
