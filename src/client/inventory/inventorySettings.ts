/** The inventory's settings, read in one place (names as declared in package.json). */
import * as vscode from 'vscode';
import type { ScanOptions } from '../../core/detection/engine';
import { isGrouping, type Grouping } from '../../core/inventory/inventoryTree';

export const SECTION = 'integrationOrchestrator';

/** Engine options for one folder: exclude globs and the size limit are resource-scoped. */
export function scanOptionsFor(folder: vscode.WorkspaceFolder): ScanOptions {
  const config = vscode.workspace.getConfiguration(SECTION, folder.uri);
  const exclude = config.get<unknown>('exclude');
  const maxFileSizeKB = config.get<unknown>('maxFileSizeKB');
  return {
    exclude: Array.isArray(exclude) ? exclude.filter((glob): glob is string => typeof glob === 'string') : [],
    maxFileSizeKB: typeof maxFileSizeKB === 'number' && maxFileSizeKB > 0 ? maxFileSizeKB : 1024,
  };
}

/** View settings come from the first folder (one tree shows every folder). */
function viewConfig(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, vscode.workspace.workspaceFolders?.[0]?.uri);
}

export function defaultGrouping(): Grouping {
  const value = viewConfig().get<unknown>('inventory.defaultGrouping');
  return isGrouping(value) ? value : 'kind';
}

export function showTestFilesSetting(): boolean {
  return viewConfig().get<boolean>('inventory.showTestFiles') === true;
}

export function affectsEngine(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.exclude`) || event.affectsConfiguration(`${SECTION}.maxFileSizeKB`);
}
