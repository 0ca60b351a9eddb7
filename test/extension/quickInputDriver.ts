/**
 * Drives a native QuickPick / InputBox through VS Code's own quick-input commands, as the keyboard
 * does: Down (`workbench.action.quickOpenSelectNext`), Space (`workbench.action.quickPickManyToggle`),
 * Enter (`workbench.action.acceptSelectedQuickOpenItem`), Alt+Left (`workbench.action.quickInputBack`)
 * and Escape (`workbench.action.closeQuickOpen`). Shared by the wizard's quick flow
 * (wizard/quickFlowDriver.ts) and the inventory's picks (inventoryPickDriver.ts); each subclass knows
 * from the extension's API which input is on screen, so commands are sent only once the input they
 * are meant for shows.
 *
 * Every effect is awaited through what the workbench reports back (active item, checked items), never
 * through a sleep. The one thing no command can do is type into a quick input (the `type` command only
 * reaches code editors), so `type()` sets the input's value through the API; Enter still goes through
 * the workbench, and the extension's own accept handler decides what it got.
 */
import * as vscode from 'vscode';
import { WaitTimeoutError } from './waitFor';

export const STEP_TIMEOUT_MS = 10_000;

export type AnyQuickPick = vscode.QuickPick<vscode.QuickPickItem>;
export type QuickInput = AnyQuickPick | vscode.InputBox;

/** Polls `condition` (cheap: it reads extension-host state) until it holds; `what` is read only on timeout. */
export async function until<T>(what: () => string, condition: () => T | undefined | false, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new WaitTimeoutError(what(), timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

export const isPick = (input: QuickInput): input is AnyQuickPick => 'items' in input;
export const labels = (items: readonly vscode.QuickPickItem[]): string[] => items.map((item) => item.label);

export abstract class QuickInputDriver {
  /** How long each wait for the workbench's answer may take before it fails with what is on screen. */
  constructor(protected readonly stepTimeoutMs = STEP_TIMEOUT_MS) {}

  /** What is on screen, for timeout messages. */
  protected abstract describe(): string;

  /**
   * A single-select list highlights its first item when it shows, and the workbench reports it; a
   * multi-select one highlights nothing until the first Down (focus stays in its filter box).
   */
  protected async highlighted(pick: AnyQuickPick, what: string): Promise<void> {
    if (!pick.canSelectMany) await until(() => `${what} to highlight its first item (${this.describe()})`, () => pick.activeItems.length > 0, this.stepTimeoutMs);
  }

  /** Moves the highlight down (wrapping) until the item labelled `label` is active. */
  async moveTo(pick: AnyQuickPick, label: string): Promise<void> {
    if (!pick.items.some((item) => item.label === label)) throw new Error(`no item "${label}" among ${labels(pick.items).join(' | ')}`);
    for (let moves = 0; moves <= pick.items.length + 1; moves++) {
      const active = pick.activeItems[0];
      if (active?.label === label) return;
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await until(() => `the active item to move on from "${active?.label}"`, () => pick.activeItems[0] !== active, this.stepTimeoutMs);
    }
    throw new Error(`"${label}" never became the active item`);
  }

  /** Highlights `label` of a multi-select pick and toggles its checkbox; resolves once the workbench reports the change. */
  async toggle(pick: AnyQuickPick, label: string): Promise<boolean> {
    await this.moveTo(pick, label);
    const checked = () => pick.selectedItems.some((item) => item.label === label);
    const before = checked();
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
    await until(() => `"${label}" to be ${before ? 'unchecked' : 'checked'} (checked: ${labels(pick.selectedItems).join(' | ')})`, () => checked() !== before, this.stepTimeoutMs);
    return !before;
  }

  /**
   * Puts `text` into the input (an InputBox, or a QuickPick's filter box). The extension host sends
   * the new value to the workbench on its next turn (it batches property changes with a 0 ms timer)
   * and the workbench does not echo a value set through the API, so this waits for that turn: a
   * command sent afterwards reaches the workbench after the value (one channel, in order).
   */
  async type(input: QuickInput, text: string): Promise<void> {
    input.value = text;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Waits for something the extension or the workbench does in answer to a command. */
  until<T>(what: string, condition: () => T | undefined | false): Promise<T> {
    return until(() => `${what} (${this.describe()})`, condition, this.stepTimeoutMs);
  }

  accept(): Thenable<unknown> {
    return vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }

  back(): Thenable<unknown> {
    return vscode.commands.executeCommand('workbench.action.quickInputBack');
  }

  escape(): Thenable<unknown> {
    return vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
}
