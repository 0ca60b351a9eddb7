/**
 * Drives the inventory's "Filter by Kind…" and "Find Integration…" QuickPicks with VS Code's own
 * quick-input commands (quickInputDriver.ts). The inventory API says which pick is on screen
 * (src/client/inventory/inventoryPickTracker.ts), so commands are sent only once it shows.
 */
import type { InventoryPickId, InventoryPicksApi } from '../../src/client/inventory/inventoryPickTracker';
import { labels, QuickInputDriver, until, type AnyQuickPick } from './quickInputDriver';

export class InventoryPickDriver extends QuickInputDriver {
  /** The pick driven last: the same command run again shows a new pick, so waits skip this one. */
  private previous: AnyQuickPick | undefined;

  constructor(private readonly api: InventoryPicksApi, stepTimeoutMs?: number) {
    super(stepTimeoutMs);
  }

  protected describe(): string {
    const current = this.api.current;
    if (!current) return 'no inventory pick shown';
    const { id, pick } = current;
    return `${id} shown: "${pick.title ?? ''}" = "${pick.value}", active "${pick.activeItems[0]?.label ?? ''}", ${pick.items.length} items [${labels(pick.items).slice(0, 8).join(' | ')}${pick.items.length > 8 ? ' | …' : ''}]`;
  }

  /** Waits until the pick of command `id` shows (a pick other than the one driven before) and is ready for keys. */
  async opened(id: InventoryPickId): Promise<AnyQuickPick> {
    const { pick } = await until(() => `the ${id} pick to show (${this.describe()})`,
      () => { const current = this.api.current; return current?.id === id && current.pick !== this.previous ? current : undefined; }, this.stepTimeoutMs);
    this.previous = pick;
    await this.highlighted(pick, id);
    return pick;
  }

  /** Resolves once no inventory pick is shown. */
  async closed(): Promise<void> {
    await until(() => `the inventory pick to close (${this.describe()})`, () => this.api.current === undefined, this.stepTimeoutMs);
  }

  /** Closes the pick still open (after a failed test) and waits until none is. */
  async closeAll(): Promise<void> {
    if (!this.api.current) return;
    await this.escape();
    await this.closed();
  }
}
