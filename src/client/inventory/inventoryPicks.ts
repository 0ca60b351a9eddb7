/** The inventory's quick picks: filter by kind, and "Find Integration…" over every site. */
import * as vscode from 'vscode';
import type { IntegrationKind } from '../../core/detection/types';
import { effectiveKind, plural, serviceIndex, type InventoryFolder } from '../../core/inventory/inventoryTree';
import { INTEGRATION_KINDS, kindInfo } from '../../core/inventory/kinds';
import { buildSearchIndex, type SearchEntry } from '../../core/inventory/searchIndex';

interface KindPick extends vscode.QuickPickItem { integrationKind: IntegrationKind }

/** Multi-select of the kinds present; returns the chosen set (empty = all), or undefined when cancelled. */
export async function pickKinds(folders: readonly InventoryFolder[], current: ReadonlySet<IntegrationKind>): Promise<Set<IntegrationKind> | undefined> {
  const counts = new Map<IntegrationKind, number>();
  for (const { result } of folders) {
    const services = serviceIndex(result);
    result.integrations.forEach((integration, index) => {
      const kind = effectiveKind(integration, services.get(index));
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    });
  }
  const items: KindPick[] = INTEGRATION_KINDS.filter((kind) => counts.has(kind) || current.has(kind)).map((kind) => {
    const info = kindInfo(kind);
    return { integrationKind: kind, label: `$(${info.codicon}) ${info.label}`, description: plural(counts.get(kind) ?? 0, 'site'), picked: current.size === 0 || current.has(kind) };
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No integrations found yet: nothing to filter.');
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(items, {
    canPickMany: true, title: 'Show Integrations of Kind', placeHolder: 'Kinds to show (all selected = no filter)',
  });
  if (!chosen) return undefined;
  return chosen.length === items.length ? new Set() : new Set(chosen.map((item) => item.integrationKind));
}

export interface SitePick extends vscode.QuickPickItem { entry: SearchEntry }

/** The items of "Find Integration…": the quick pick filters them by label, description and detail. */
export function sitePickItems(folders: readonly InventoryFolder[], showTests: boolean): SitePick[] {
  const multiRoot = folders.length > 1;
  return buildSearchIndex(folders.map((folder) => folder.result))
    .filter((entry) => showTests || !entry.integration.test)
    .map((entry) => ({
      entry,
      label: `$(${kindInfo(entry.integration.kind).codicon}) ${entry.label}`,
      description: entry.description,
      detail: multiRoot ? `${folders[entry.folder]?.name ?? ''} · ${entry.detail}` : entry.detail,
    }));
}

export async function pickSite(folders: readonly InventoryFolder[], showTests: boolean): Promise<SearchEntry | undefined> {
  const items = sitePickItems(folders, showTests);
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No integrations found yet.');
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Find Integration', placeHolder: 'Library, target or file', matchOnDescription: true, matchOnDetail: true,
  });
  return chosen?.entry;
}
