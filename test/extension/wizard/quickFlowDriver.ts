/**
 * Drives the real "New Integration (Quick)" QuickPick / InputBox through VS Code's own quick-input
 * commands, as the keyboard does: Down (`workbench.action.quickOpenSelectNext`), Space
 * (`workbench.action.quickPickManyToggle`), Enter (`workbench.action.acceptSelectedQuickOpenItem`),
 * Alt+Left (`workbench.action.quickInputBack`) and Escape (`workbench.action.closeQuickOpen`).
 *
 * The extension's API says which step is on screen (src/client/wizard/quickSteps.ts), so every
 * command is sent only once the step it is meant for shows, and every effect is awaited through
 * what the workbench reports back (active item, checked items, value), never through a sleep.
 * The one thing no command can do is type into an InputBox (the `type` command only reaches code
 * editors), so `type()` sets the InputBox's value through the API; Enter still goes through the
 * workbench, and the flow's own accept handler validates what it got.
 */
import * as vscode from 'vscode';
import type { QuickInputWidget, QuickStep, QuickWizardApi } from '../../../src/client/wizard/quickSteps';
import { WaitTimeoutError } from '../waitFor';

const STEP_TIMEOUT_MS = 10_000;

/** Polls `condition` (cheap: it reads extension-host state) until it holds; `what` is read only on timeout. */
async function until<T>(what: () => string, condition: () => T | undefined | false, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new WaitTimeoutError(what(), timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

const isPick = (input: QuickInputWidget): input is vscode.QuickPick<vscode.QuickPickItem> => 'items' in input;
const labels = (items: readonly vscode.QuickPickItem[]): string[] => items.map((item) => item.label);

export class QuickFlowDriver {
  /** The input driven last: a step shown again after Back is a new input, so waits skip this one. */
  private previous: QuickInputWidget | undefined;

  constructor(private readonly api: QuickWizardApi) {}

  private describe(): string {
    const current = this.api.current;
    if (!current) return 'no step shown';
    const { input } = current;
    const shown = isPick(input) ? `QuickPick "${input.placeholder ?? ''}" [${labels(input.items).join(' | ')}]` : `InputBox "${input.prompt ?? ''}" = "${input.value}"`;
    return `step ${current.step}/${current.totalSteps} shown: ${shown}`;
  }

  /** Waits until step `step` shows an input other than the one driven before. */
  async at(step: number): Promise<QuickStep> {
    const shown = await until(() => `step ${step} of the quick flow (${this.describe()})`,
      () => { const current = this.api.current; return current?.step === step && current.input !== this.previous ? current : undefined; });
    this.previous = shown.input;
    return shown;
  }

  async quickPick(step: number): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
    const { input } = await this.at(step);
    if (!isPick(input)) throw new Error(`step ${step} is an InputBox, expected a QuickPick`);
    // A single-select list highlights its first item when it shows, and the workbench reports it; a
    // multi-select one highlights nothing until the first Down (focus stays in its filter box).
    if (!input.canSelectMany) await until(() => `step ${step} to highlight its first item (${this.describe()})`, () => input.activeItems.length > 0);
    return input;
  }

  async inputBox(step: number): Promise<vscode.InputBox> {
    const { input } = await this.at(step);
    if (isPick(input)) throw new Error(`step ${step} is a QuickPick, expected an InputBox`);
    return input;
  }

  /** Moves the highlight down (wrapping) until the item labelled `label` is active. */
  async moveTo(pick: vscode.QuickPick<vscode.QuickPickItem>, label: string): Promise<void> {
    if (!pick.items.some((item) => item.label === label)) throw new Error(`no item "${label}" among ${labels(pick.items).join(' | ')}`);
    for (let moves = 0; moves <= pick.items.length + 1; moves++) {
      const active = pick.activeItems[0];
      if (active?.label === label) return;
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await until(() => `the active item to move on from "${active?.label}"`, () => pick.activeItems[0] !== active);
    }
    throw new Error(`"${label}" never became the active item`);
  }

  /** Highlights `label` at step `step` and presses Enter. */
  async choose(step: number, label: string): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
    const pick = await this.quickPick(step);
    await this.moveTo(pick, label);
    await this.accept();
    return pick;
  }

  /** Highlights `label` of a multi-select step and toggles its checkbox; resolves once the workbench reports the change. */
  async toggle(pick: vscode.QuickPick<vscode.QuickPickItem>, label: string): Promise<boolean> {
    await this.moveTo(pick, label);
    const checked = () => pick.selectedItems.some((item) => item.label === label);
    const before = checked();
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
    await until(() => `"${label}" to be ${before ? 'unchecked' : 'checked'} (checked: ${labels(pick.selectedItems).join(' | ')})`, () => checked() !== before);
    return !before;
  }

  /**
   * Puts `text` into the InputBox. The extension host sends the new value to the workbench on its
   * next turn (it batches property changes with a 0 ms timer) and the workbench does not echo a value
   * set through the API, so this waits for that turn: a command sent afterwards reaches the workbench
   * after the value (one channel, in order).
   */
  async type(box: vscode.InputBox, text: string): Promise<void> {
    box.value = text;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Waits for something the flow does in answer to a command (e.g. a validation message). */
  until<T>(what: string, condition: () => T | undefined | false): Promise<T> {
    return until(() => `${what} (${this.describe()})`, condition);
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

  /** Closes whatever step is still open (after a failed test) and waits until none is. */
  async closeAll(): Promise<void> {
    if (!this.api.current) return;
    await this.escape();
    await until(() => `the quick flow to close (${this.describe()})`, () => this.api.current === undefined);
  }
}
