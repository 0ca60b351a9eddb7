/**
 * Which step of "New Integration (Quick)" is on screen, and its live QuickPick or InputBox.
 *
 * The flow reports every step it shows, always (no test switch): the extension's exported API
 * hands this out so the extension tests can wait for the right step before they drive VS Code's
 * own quick-input commands (select next, accept, back, close). Nothing here changes what the
 * flow does; it only makes the step it is waiting on observable. A test may set an InputBox's
 * `value`, the one thing no workbench command can do (the `type` command only reaches code
 * editors); accepting still goes through the workbench.
 */
import type * as vscode from 'vscode';
import { ShownQuickInput } from '../shownQuickInput';

export type QuickInputWidget = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

export interface QuickStep {
  /** 1-based, as the title bar shows it ("2/5"). */
  readonly step: number;
  readonly totalSteps: number;
  readonly input: QuickInputWidget;
}

/** Read-only view exported to tests (IntegrationOrchestratorApi.quickWizard). */
export interface QuickWizardApi {
  /** The step shown now; undefined when no step of the flow is open. */
  readonly current: QuickStep | undefined;
  readonly onDidChangeStep: vscode.Event<QuickStep | undefined>;
}

export class QuickStepTracker extends ShownQuickInput<QuickStep> implements QuickWizardApi {
  readonly onDidChangeStep = this.onDidChangeShown;

  /** Called right after `input.show()`. */
  shown(step: number, totalSteps: number, input: QuickInputWidget): void {
    this.show({ step, totalSteps, input });
  }

  /** Called when `input` is hidden or disposed; a later step may already have replaced it. */
  gone(input: QuickInputWidget): void {
    this.hide((shown) => shown.input === input);
  }
}
