/** Registers the wizard: its two commands' factories and the serializer that restores the panel after a reload. */
import * as vscode from 'vscode';
import type { CommandFactory } from '../commands';
import type { ExtensionCtx } from '../context';
import { WIZARD_VIEW_TYPE, webviewOptions, WizardPanel } from './panel';
import { newIntegrationQuick } from './quickPick';
import type { QuickStepTracker } from './quickSteps';

/** `quickSteps` is told which step of the quick flow is on screen (exported to tests through the extension's API). */
export function registerWizard(ctx: ExtensionCtx, quickSteps: QuickStepTracker): Record<string, CommandFactory> {
  ctx.own(vscode.window.registerWebviewPanelSerializer(WIZARD_VIEW_TYPE, {
    // The webview's own state (setState) comes back with it; the host only rebuilds the page.
    deserializeWebviewPanel: async (panel) => {
      panel.webview.options = webviewOptions(ctx.extension.extensionUri);
      WizardPanel.revive(ctx, panel);
    },
  }));
  return {
    newIntegration: () => () => { WizardPanel.show(ctx); },
    newIntegrationQuick: () => () => newIntegrationQuick(ctx, quickSteps),
  };
}
