/**
 * Which of the inventory's quick picks ("Filter by Kind…", "Find Integration…") is on screen, with
 * its live QuickPick.
 *
 * The picks report themselves always (no test switch), like the wizard's quick flow
 * (src/client/wizard/quickSteps.ts): the extension's exported API hands this out so the extension
 * tests can wait for the right QuickPick before they drive it with VS Code's own quick-input
 * commands. Nothing here changes what a pick does; it only makes the one open observable.
 */
import type * as vscode from 'vscode';
import { ShownQuickInput } from '../shownQuickInput';

export type InventoryPickId = 'filterByKind' | 'findIntegration';

export interface ShownInventoryPick {
  readonly id: InventoryPickId;
  readonly pick: vscode.QuickPick<vscode.QuickPickItem>;
}

/** Read-only view exported to tests (InventoryApi.picks). */
export interface InventoryPicksApi {
  /** The pick shown now; undefined when none of the inventory's picks is open. */
  readonly current: ShownInventoryPick | undefined;
  readonly onDidChange: vscode.Event<ShownInventoryPick | undefined>;
}

export class InventoryPickTracker extends ShownQuickInput<ShownInventoryPick> implements InventoryPicksApi {
  readonly onDidChange = this.onDidChangeShown;

  /** Called right after `pick.show()`. */
  shown(id: InventoryPickId, pick: vscode.QuickPick<vscode.QuickPickItem>): void {
    this.show({ id, pick });
  }

  /** Called when `pick` is hidden; another pick may already have replaced it. */
  gone(pick: vscode.QuickPick<vscode.QuickPickItem>): void {
    this.hide((shown) => shown.pick === pick);
  }
}
