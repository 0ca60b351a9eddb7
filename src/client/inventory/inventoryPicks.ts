/**
 * The inventory's quick picks: filter by kind, and "Find Integration…" over every site. Each is a
 * `createQuickPick` set up as `showQuickPick` would set it up, so that it can be reported to an
 * InventoryPickTracker (the extension tests drive the pick the tracker hands them).
 */
import * as vscode from 'vscode';
import type { IntegrationKind } from '../../core/detection/types';
import { effectiveKind, plural, serviceIndex, type InventoryFolder } from '../../core/inventory/inventoryTree';
import { INTEGRATION_KINDS, kindInfo } from '../../core/inventory/kinds';
import { buildSearchIndex, type SearchEntry } from '../../core/inventory/searchIndex';
import type { InventoryPickId, InventoryPickTracker } from './inventoryPickTracker';

interface KindPick extends vscode.QuickPickItem { integrationKind: IntegrationKind }

/**
 * Shows `pick` and settles as `showQuickPick` does: on accept with the checked items (multi-select)
 * or the highlighted one (single-select; Enter on an empty list does nothing), on hide (Escape,
 * focus lost) with undefined. Disposes the pick either way.
 */
function showPick<T extends vscode.QuickPickItem>(tracker: InventoryPickTracker, id: InventoryPickId, pick: vscode.QuickPick<T>): Promise<readonly T[] | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (chosen: readonly T[] | undefined): void => {
      if (settled) return;
      settled = true;
      tracker.gone(pick);
      resolve(chosen);
      pick.dispose();
    };
    pick.onDidAccept(() => {
      if (pick.canSelectMany) {
        finish([...pick.selectedItems]);
        return;
      }
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen) finish([chosen]);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
    tracker.shown(id, pick);
  });
}

/** Multi-select of the kinds present; returns the chosen set (empty = all), or undefined when cancelled. */
export async function pickKinds(folders: readonly InventoryFolder[], current: ReadonlySet<IntegrationKind>, tracker: InventoryPickTracker): Promise<Set<IntegrationKind> | undefined> {
  const counts = new Map<IntegrationKind, number>();
  for (const { result } of folders) {
    const services = serviceIndex(result);
    result.integrations.forEach((integration, index) => {
      const kind = effectiveKind(integration, services.get(index));
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    });
    // A service the tree shows for its .env keys alone makes its kind one to filter by, with no site to count.
    for (const service of result.services) {
      if (service.integrations.length === 0 && service.configuration.length > 0) counts.set(service.kind, counts.get(service.kind) ?? 0);
    }
  }
  const items: KindPick[] = INTEGRATION_KINDS.filter((kind) => counts.has(kind) || current.has(kind)).map((kind) => {
    const info = kindInfo(kind);
    return { integrationKind: kind, label: `$(${info.codicon}) ${info.label}`, description: plural(counts.get(kind) ?? 0, 'site'), picked: current.size === 0 || current.has(kind) };
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No integrations found yet: nothing to filter.');
    return undefined;
  }
  const pick = vscode.window.createQuickPick<KindPick>();
  Object.assign(pick, { canSelectMany: true, title: 'Show Integrations of Kind', placeholder: 'Kinds to show (all selected = no filter)', items });
  pick.selectedItems = items.filter((item) => item.picked);
  const chosen = await showPick(tracker, 'filterByKind', pick);
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

export async function pickSite(folders: readonly InventoryFolder[], showTests: boolean, tracker: InventoryPickTracker): Promise<SearchEntry | undefined> {
  const items = sitePickItems(folders, showTests);
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No integrations found yet.');
    return undefined;
  }
  const pick = vscode.window.createQuickPick<SitePick>();
  Object.assign(pick, { title: 'Find Integration', placeholder: 'Library, target or file', matchOnDescription: true, matchOnDetail: true, items });
  const chosen = await showPick(tracker, 'findIntegration', pick);
  return chosen?.[0]?.entry;
}
