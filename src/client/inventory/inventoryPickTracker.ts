/**
 * Which of the inventory's quick picks ("Filter by Kind…", "Find Integration…") is on screen, with
 * its live QuickPick.
 *
 * The picks report themselves always (no test switch), like the wizard's quick flow
 * (src/client/wizard/quickSteps.ts): the extension's exported API hands this out so the extension
 * tests can wait for the right QuickPick before they drive it with VS Code's own quick-input
 * commands. Nothing here changes what a pick does; it only makes the one open observable.
 */
import * as vscode from 'vscode';

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

export class InventoryPickTracker implements InventoryPicksApi, vscode.Disposable {
  private shownPick: ShownInventoryPick | undefined;
  private readonly changed = new vscode.EventEmitter<ShownInventoryPick | undefined>();
  readonly onDidChange = this.changed.event;

  get current(): ShownInventoryPick | undefined {
    return this.shownPick;
  }

  /** Called right after `pick.show()`. */
  shown(id: InventoryPickId, pick: vscode.QuickPick<vscode.QuickPickItem>): void {
    this.shownPick = { id, pick };
    this.changed.fire(this.shownPick);
  }

  /** Called when `pick` is hidden; another pick may already have replaced it. */
  gone(pick: vscode.QuickPick<vscode.QuickPickItem>): void {
    if (this.shownPick?.pick !== pick) return;
    this.shownPick = undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.shownPick = undefined;
    this.changed.dispose();
  }
}
