import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServiceNode } from '../../src/core/inventory/inventoryTree';
import { RESTRICTED_MODE_MESSAGE } from '../../src/client/health/restrictedMode';
import { whenActivatedByWorkspace } from './extensionUnderTest';

suite('Health checks in Restricted Mode', () => {
  test('every health command refuses with the reason and starts no probe', async function () {
    // This suite runs untrusted under test/runInServer.mjs; a host that trusts the folder skips.
    if (vscode.workspace.isTrusted) this.skip();
    const { health, inventory } = (await whenActivatedByWorkspace()).exports;
    assert.ok(health && inventory, 'the extension exports its health and inventory APIs');
    await inventory.whenIdle();
    const service = inventory.provider.nodes().find((node): node is ServiceNode => node.type === 'service');
    assert.ok(service, 'the sample workspace has services');

    assert.equal(await vscode.commands.executeCommand('integrationOrchestrator.checkAllHealth'), undefined);
    assert.equal(health.lastRefusal, RESTRICTED_MODE_MESSAGE);
    assert.equal(await vscode.commands.executeCommand('integrationOrchestrator.checkHealth', service), undefined);
    assert.equal(await vscode.commands.executeCommand('integrationOrchestrator.setServiceTarget', service, 'localhost:1'), undefined);
    assert.equal(health.probesStarted, 0, 'no probe ran');
    assert.equal(health.monitoring, false);
    assert.deepEqual(health.results(), []);
  });
});
