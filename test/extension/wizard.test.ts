import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { whenActivatedByWorkspace } from './extensionUnderTest';
import { waitFor } from './waitFor';

const WIZARD_VIEW_TYPE = 'integrationOrchestrator.wizard';

function wizardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) =>
    tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(WIZARD_VIEW_TYPE));
}

suite('New Integration wizard', () => {
  test('"New Integration…" opens the wizard panel, and running it again reveals the same panel', async () => {
    await whenActivatedByWorkspace();
    await vscode.commands.executeCommand('integrationOrchestrator.newIntegration');
    const tabs = await waitFor('the wizard panel to open', () => (wizardTabs().length > 0 ? wizardTabs() : undefined), 10_000);
    assert.equal(tabs.length, 1);
    assert.equal(tabs[0].label, 'New Integration');
    await vscode.commands.executeCommand('integrationOrchestrator.newIntegration');
    assert.equal(wizardTabs().length, 1, 'a second panel was opened instead of revealing the first');
    await vscode.window.tabGroups.close(wizardTabs());
    assert.equal(wizardTabs().length, 0);
  });
});
