import * as assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { HealthResult } from '../../../src/core/probes/checkHealth';
import type { ServiceNode } from '../../../src/core/inventory/inventoryTree';
import type { IntegrationOrchestratorApi } from '../../../src/client/extension';
import type { TreeNode } from '../../../src/client/inventory/inventoryNodes';
import { freePort, startRedis, type RunningServer } from '../../unit/probes/servers';
import { whenActivatedByWorkspace } from '../extensionUnderTest';
import { log } from '../testLog';
import { waitFor } from '../waitFor';

type Api = IntegrationOrchestratorApi & { inventory: NonNullable<IntegrationOrchestratorApi['inventory']>; health: NonNullable<IntegrationOrchestratorApi['health']> };

async function api(): Promise<Api> {
  const extension = await whenActivatedByWorkspace();
  const { inventory, health } = extension.exports;
  assert.ok(inventory, 'the extension exports no inventory API');
  assert.ok(health, 'the extension exports no health API');
  await inventory.whenIdle();
  return { ...extension.exports, inventory, health };
}

function serviceNode(api: Api, name: string): ServiceNode {
  const node = api.inventory.provider.nodes().find((candidate): candidate is ServiceNode => candidate.type === 'service' && candidate.service.name === name);
  assert.ok(node, `service ${name} in the tree (services: ${api.inventory.provider.nodes().filter((n) => n.type === 'service').map((n) => (n as ServiceNode).service.name).join(', ')})`);
  return node;
}

/** What VS Code shows for a node: description, icon colour id, tooltip text. */
function shown(api: Api, node: TreeNode): { label: string; description: string; color: string | undefined; icon: string | undefined; tooltip: string } {
  const item = api.inventory.provider.getTreeItem(node);
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
  return {
    label: typeof item.label === 'string' ? item.label : item.label?.label ?? '',
    description: typeof item.description === 'string' ? item.description : '',
    // ThemeColor.id exists at run time; @types/vscode 1.91 does not declare it yet.
    color: (icon?.color as unknown as { id?: string } | undefined)?.id,
    icon: icon?.id,
    tooltip,
  };
}

const REDIS_PASSWORD = 'pw-from-secret-storage';

suite('Health checks', () => {
  let redis: RunningServer | undefined;
  let redisWithPassword: RunningServer | undefined;
  let web: http.Server | undefined;
  let closedPort = 0;

  suiteSetup(async function () {
    this.timeout(60_000);
    [redis, redisWithPassword] = await Promise.all([startRedis(), startRedis({ password: REDIS_PASSWORD })]);
    web = http.createServer((request, response) => {
      response.writeHead(request.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((resolve) => web!.listen(0, '127.0.0.1', resolve));
    closedPort = await freePort();
    // The fixture's .env reads these: the extension host's environment stands in for the app's.
    process.env.IO_HEALTH_REDIS_PORT = String(redis.port);
    process.env.IO_HEALTH_HTTP_PORT = String((web.address() as AddressInfo).port);
    process.env.IO_HEALTH_CLOSED_PORT = String(closedPort);
    log(`health servers: redis ${redis.port}, http ${process.env.IO_HEALTH_HTTP_PORT}, closed ${closedPort}`);
  });

  suiteTeardown(async () => {
    await Promise.all([redis?.stop(), redisWithPassword?.stop()]);
    await new Promise<void>((resolve) => (web ? web.close(() => resolve()) : resolve()));
  });

  test('the workspace is trusted and nothing was probed before a command ran', async () => {
    const { health } = await api();
    assert.equal(vscode.workspace.isTrusted, true);
    assert.equal(health.probesStarted, 0, 'monitoring is off by default: no probe at activation');
    assert.equal(health.monitoring, false);
  });

  test('Check All probes every service and decorates the tree: healthy Redis and API, unhealthy database', async () => {
    const current = await api();
    const started = Date.now();
    const results = await vscode.commands.executeCommand<HealthResult[]>('integrationOrchestrator.checkAllHealth');
    log(`Check All: ${results?.length} results in ${Date.now() - started} ms`);
    assert.ok(Array.isArray(results), 'Check All returns its results');
    const byService = new Map(results.map((result) => [result.service, result]));
    assert.deepEqual([...byService.keys()].sort(), ['DATABASE_URL', 'ORDERS_API_URL', 'REDIS_URL']);
    assert.equal(byService.get('REDIS_URL')?.status, 'healthy', byService.get('REDIS_URL')?.detail);
    assert.equal(byService.get('ORDERS_API_URL')?.status, 'healthy', byService.get('ORDERS_API_URL')?.detail);
    const db = byService.get('DATABASE_URL');
    assert.equal(db?.status, 'unhealthy');
    assert.equal(db?.target, `postgres://app:***@127.0.0.1:${closedPort}/app`, 'the password is redacted in results');

    const redisItem = shown(current, serviceNode(current, 'REDIS_URL'));
    assert.match(redisItem.description, /· healthy \d+ ms$/);
    assert.equal(redisItem.color, 'testing.iconPassed');
    assert.match(redisItem.tooltip, /Health: \*\*healthy \d+ ms\*\*/);
    const dbItem = shown(current, serviceNode(current, 'DATABASE_URL'));
    assert.match(dbItem.description, /· unhealthy$/);
    assert.equal(dbItem.color, 'testing.iconFailed');
    assert.match(dbItem.tooltip, /refused/i);
    assert.doesNotMatch(dbItem.tooltip, /fixture-password/, 'no password in the tooltip');
    assert.equal(current.health.statusBarText, '$(pulse) 2 ✓ 1 ✗');
    assert.ok(current.health.probesStarted >= 3);
  });

  test('Group by Health and Sort by Health rearrange the tree; the inventory order comes back', async () => {
    const current = await api();
    try {
      await vscode.commands.executeCommand('integrationOrchestrator.health.groupByHealth');
      assert.equal(current.health.arrangement, 'group');
      const groups = current.inventory.provider.getChildren();
      assert.deepEqual(groups.map((node) => shown(current, node).label), ['Unhealthy', 'Healthy']);
      const unhealthy = groups[0];
      assert.ok(unhealthy && unhealthy.type === 'group');
      assert.deepEqual(current.inventory.provider.getChildren(unhealthy).map((node) => shown(current, node).label), ['DATABASE_URL']);
      const dbNode = current.inventory.provider.getChildren(unhealthy)[0]!;
      assert.equal(current.inventory.provider.getParent(dbNode), unhealthy, 'reveal works inside a health group');
      assert.equal(shown(current, unhealthy).color, 'testing.iconFailed');

      await vscode.commands.executeCommand('integrationOrchestrator.inventory.groupByService');
      await vscode.commands.executeCommand('integrationOrchestrator.health.sortByHealth');
      const sorted = current.inventory.provider.getChildren().filter((node) => node.type === 'service').map((node) => shown(current, node).label);
      assert.equal(sorted[0], 'DATABASE_URL', `worst first: ${sorted.join(', ')}`);
    } finally {
      await vscode.commands.executeCommand('integrationOrchestrator.health.inventoryOrder');
      await vscode.commands.executeCommand('integrationOrchestrator.inventory.groupByKind');
    }
    assert.equal(current.health.arrangement, 'none');
    assert.ok(current.inventory.provider.getChildren().every((node) => node.type === 'kind'));
  });

  test('Set Service Target overrides where a service is checked; clearing it goes back to .env', async () => {
    const current = await api();
    const node = serviceNode(current, 'REDIS_URL');
    const root = current.inventory.folders()[node.folder]!.result.root;
    try {
      const stored = await vscode.commands.executeCommand<string>('integrationOrchestrator.setServiceTarget', node, `127.0.0.1:${closedPort}`);
      assert.equal(stored, `127.0.0.1:${closedPort}`);
      const [moved] = await vscode.commands.executeCommand<HealthResult[]>('integrationOrchestrator.checkHealth', node);
      assert.equal(moved?.status, 'unhealthy', 'checked on the override, where nothing listens');
      assert.equal(moved?.source, 'target set in this workspace');
      assert.equal(current.health.result(root, node.service.id)?.status, 'unhealthy');
      assert.match(shown(current, serviceNode(current, 'REDIS_URL')).description, /unhealthy$/);
    } finally {
      await vscode.commands.executeCommand('integrationOrchestrator.setServiceTarget', node, '');
    }
    // The tree's own context-menu command forwards `{ root, service }` to the health feature.
    const [back] = await vscode.commands.executeCommand<HealthResult[]>('integrationOrchestrator.inventory.checkHealth', serviceNode(current, 'REDIS_URL'));
    assert.equal(back?.status, 'healthy', back?.detail);
    assert.equal(back?.source, '.env:3 (REDIS_URL)');
    assert.equal(current.health.statusBarText, '$(pulse) 2 ✓ 1 ✗');
  });

  test('monitoring checks on the interval setting and notifies once when a service changes state', async function () {
    this.timeout(40_000);
    const current = await api();
    const settings = vscode.workspace.getConfiguration('integrationOrchestrator.health');
    const node = serviceNode(current, 'REDIS_URL');
    const before = current.health.probesStarted;
    try {
      // User settings of the throw-away profile: nothing is written into the fixture.
      await settings.update('monitorIntervalSeconds', 5, vscode.ConfigurationTarget.Global);
      await waitFor('monitoring to start', () => current.health.monitoring, 5_000);
      await waitFor('the first monitoring round', () => current.health.probesStarted >= before + 3, 10_000);
      assert.equal(current.health.lastNotification, undefined, 'the first round only confirms what Check All saw');
      // Redis "goes down": its target moves to the closed port (no check now; the next round finds it).
      await vscode.commands.executeCommand('integrationOrchestrator.setServiceTarget', node, `127.0.0.1:${closedPort}`);
      const text = await waitFor('a state-change notification', () => current.health.lastNotification, 15_000, 100);
      assert.equal(text, 'Health: REDIS_URL is unhealthy (was healthy).');
      log(`monitoring: "${text}"`);
    } finally {
      await settings.update('monitorIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('integrationOrchestrator.setServiceTarget', node, '');
    }
    await waitFor('monitoring to stop', () => !current.health.monitoring, 5_000);
    await current.health.whenIdle();
  });

  test('credentials come from secret storage: a password typed into a target is moved there, and used', async () => {
    const current = await api();
    const node = serviceNode(current, 'REDIS_URL');
    const port = redisWithPassword!.port;
    try {
      const stored = await vscode.commands.executeCommand<string>('integrationOrchestrator.setServiceTarget', node, `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}`);
      assert.equal(stored, `redis://127.0.0.1:${port}`, 'the stored target holds no password');
      const [withPassword] = await vscode.commands.executeCommand<HealthResult[]>('integrationOrchestrator.checkHealth', node);
      assert.equal(withPassword?.status, 'healthy', withPassword?.detail);
      assert.ok(!JSON.stringify(withPassword).includes(REDIS_PASSWORD), 'the password is in no result');
      assert.doesNotMatch(shown(current, serviceNode(current, 'REDIS_URL')).tooltip, new RegExp(REDIS_PASSWORD));

      assert.equal(await vscode.commands.executeCommand('integrationOrchestrator.setServiceCredentials', node, null), false);
      const [without] = await vscode.commands.executeCommand<HealthResult[]>('integrationOrchestrator.checkHealth', node);
      assert.equal(without?.status, 'degraded');
      assert.match(without?.detail ?? '', /needs credentials/);

      assert.equal(await vscode.commands.executeCommand('integrationOrchestrator.setServiceCredentials', node, { password: REDIS_PASSWORD }), true);
      const [again] = await vscode.commands.executeCommand<HealthResult[]>('integrationOrchestrator.checkHealth', node);
      assert.equal(again?.status, 'healthy', again?.detail);
    } finally {
      await vscode.commands.executeCommand('integrationOrchestrator.setServiceCredentials', node, null);
      await vscode.commands.executeCommand('integrationOrchestrator.setServiceTarget', node, '');
    }
    const [back] = await vscode.commands.executeCommand<HealthResult[]>('integrationOrchestrator.checkHealth', node);
    assert.equal(back?.status, 'healthy', back?.detail);
  });
});
