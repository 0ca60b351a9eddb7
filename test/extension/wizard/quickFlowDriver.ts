/**
 * Drives the real "New Integration (Quick)" QuickPick / InputBox steps with VS Code's own
 * quick-input commands (the shared driver: ../quickInputDriver.ts).
 *
 * The extension's API says which step is on screen (src/client/wizard/quickSteps.ts), so every
 * command is sent only once the step it is meant for shows.
 */
import type * as vscode from 'vscode';
import type { QuickStep, QuickWizardApi } from '../../../src/client/wizard/quickSteps';
import { isPick, labels, QuickInputDriver, until, type AnyQuickPick, type QuickInput } from '../quickInputDriver';

export class QuickFlowDriver extends QuickInputDriver {
  /** The input driven last: a step shown again after Back is a new input, so waits skip this one. */
  private previous: QuickInput | undefined;

  constructor(private readonly api: QuickWizardApi) {
    super();
  }

  protected describe(): string {
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

  async quickPick(step: number): Promise<AnyQuickPick> {
    const { input } = await this.at(step);
    if (!isPick(input)) throw new Error(`step ${step} is an InputBox, expected a QuickPick`);
    await this.highlighted(input, `step ${step}`);
    return input;
  }

  async inputBox(step: number): Promise<vscode.InputBox> {
    const { input } = await this.at(step);
    if (isPick(input)) throw new Error(`step ${step} is a QuickPick, expected an InputBox`);
    return input;
  }

  /** Highlights `label` at step `step` and presses Enter. */
  async choose(step: number, label: string): Promise<AnyQuickPick> {
    const pick = await this.quickPick(step);
    await this.moveTo(pick, label);
    await this.accept();
    return pick;
  }

  /** Closes whatever step is still open (after a failed test) and waits until none is. */
  async closeAll(): Promise<void> {
    if (!this.api.current) return;
    await this.escape();
    await until(() => `the quick flow to close (${this.describe()})`, () => this.api.current === undefined);
  }
}
