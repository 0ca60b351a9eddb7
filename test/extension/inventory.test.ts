import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Integration } from '../../src/core/detection/types';
import type { InventoryNode, ServiceNode, SiteNode } from '../../src/core/inventory/inventoryTree';
import type { InventoryApi } from '../../src/client/inventory/registerInventory';
import type { TreeNode } from '../../src/client/inventory/inventoryNodes';
import { whenActivatedByWorkspace } from './extensionUnderTest';
import { log } from './testLog';
import { WaitTimeoutError } from './waitFor';

/** Live updates must show within this budget (debounce 300 ms + analysis in the worker). */
const LIVE_BUDGET_MS = 1000;

async function inventoryApi(): Promise<InventoryApi> {
  const extension = await whenActivatedByWorkspace();
  const api = extension.exports.inventory;
  assert.ok(api, 'the extension exports no inventory API (did registerInventory fail?)');
  await api.whenIdle();
  return api;
}

/** Node → the label and description VS Code shows, through the provider's own getTreeItem. */
function shown(api: InventoryApi, node: TreeNode): { label: string; description: string; contextValue: string } {
  const item = api.provider.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  return { label, description: typeof item.description === 'string' ? item.description : '', contextValue: item.contextValue ?? '' };
}

function sites(api: InventoryApi): SiteNode[] {
  return api.provider.nodes().filter((node): node is SiteNode => node.type === 'site');
}

function findSite(api: InventoryApi, predicate: (integration: Integration) => boolean): SiteNode | undefined {
  return sites(api).find((node) => predicate(node.integration));
}

/** Waits for the tree to satisfy `predicate`, woken by the API's change event; rejects after `timeoutMs`. */
function waitForTree(api: InventoryApi, what: string, predicate: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  if (predicate()) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new WaitTimeoutError(what, timeoutMs)); }, timeoutMs);
    const listener = api.onDidChange(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(Date.now() - started);
    });
  });
}

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

const PROBE_HOST = 'x.example.com';
const isProbe = (integration: Integration): boolean => (integration.target ?? '').includes(PROBE_HOST) || integration.host === PROBE_HOST;

suite('Inventory view', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the tree groups the sample workspace by kind, service and site, with counts and a badge', async () => {
    const api = await inventoryApi();
    const roots = api.provider.getChildren();
    const kinds = roots.map((node) => shown(api, node).label);
    for (const kind of ['HTTP APIs', 'Databases', 'Caches', 'Queues', 'Webhooks']) assert.ok(kinds.includes(kind), `kind group ${kind} in ${kinds.join(', ')}`);
    assert.deepEqual(kinds, [...kinds].sort((a, b) => order(a) - order(b)), 'kinds in the fixed order');

    const http = roots.find((node) => shown(api, node).label === 'HTTP APIs');
    assert.ok(http && http.type === 'kind');
    assert.match(shown(api, http).description, /^\d+ services? · \d+ sites?$/);

    const payments = findSite(api, (i) => i.file === 'orders-service/src/payments.ts' && i.library === 'fetch');
    assert.ok(payments, 'the fetch call in orders-service/src/payments.ts is listed');
    const item = shown(api, payments);
    assert.match(item.label, /^fetch → \$\{PAYMENTS_URL\}\/charges$/);
    assert.equal(item.description, `orders-service/src/payments.ts:${payments.integration.line}`);
    assert.match(item.contextValue, /\bhttpCall\b/);
    assert.match(item.contextValue, /\bhasEnv\b/);

    const db = findSite(api, (i) => i.file === 'orders-service/src/db.ts' && i.library === 'pg');
    assert.ok(db, 'the pg pool in orders-service/src/db.ts is listed');
    const parents: string[] = [];
    for (let node: TreeNode | undefined = db; node; node = api.provider.getParent(node)) parents.unshift(shown(api, node).label);
    assert.equal(parents[0], 'Databases', `path to the pg site: ${parents.join(' / ')}`);

    const services = api.provider.current.services;
    assert.ok(services >= 5, `services: ${services}`);
    assert.equal(api.folders().length, 1);
    assert.ok(api.provider.nodes().every((node) => node.type !== 'site' || !node.integration.test), 'test files are hidden by default');
  });

  test('clicking a site opens its file with the finding selected', async () => {
    const api = await inventoryApi();
    const site = findSite(api, (i) => i.file === 'orders-service/src/payments.ts' && i.library === 'fetch');
    assert.ok(site);
    const { command } = api.provider.getTreeItem(site);
    assert.ok(command, 'a site item has a click command');
    assert.equal(command.command, 'vscode.open');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor opened');
    assert.ok(editor.document.uri.fsPath.endsWith('orders-service/src/payments.ts'), editor.document.uri.fsPath);
    const { integration } = site;
    assert.deepEqual(
      [editor.selection.start.line, editor.selection.start.character, editor.selection.end.line, editor.selection.end.character],
      [integration.line - 1, integration.column - 1, integration.endLine - 1, integration.endColumn - 1],
    );
    assert.match(editor.document.getText(editor.selection), /fetch/);
  });

  test('the site tooltip shows the code line, the env var definition and resilience facts', async () => {
    const api = await inventoryApi();
    const site = findSite(api, (i) => i.file === 'orders-service/src/payments.ts' && i.library === 'fetch');
    assert.ok(site);
    const item = api.provider.getTreeItem(site);
    const resolved = await api.provider.resolveTreeItem(item, site, new vscode.CancellationTokenSource().token);
    const tooltip = resolved.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString, 'a Markdown tooltip');
    assert.match(tooltip.value, /```typescript\n.*fetch\(/);
    assert.match(tooltip.value, /\*\*`PAYMENTS_URL`:\*\* \[\.env\.example:\d+\]/);
    assert.match(tooltip.value, /\*\*Resilience:\*\*/);
  });

  test('dependencies and .env keys show under their service as "Declared in", not as sites', async () => {
    const api = await inventoryApi();
    const evidenceFile = /(^|\/)(package\.json|requirements\.txt|\.env\.example)$/;
    assert.ok(sites(api).every((node) => !evidenceFile.test(node.integration.file)), 'no dependency or .env key is a site');
    const payments = api.provider.nodes().find((node): node is ServiceNode => node.type === 'service' && node.service.envVars.includes('PAYMENTS_URL'));
    assert.ok(payments, 'the PAYMENTS_URL service');
    assert.match(shown(api, payments).description, /^1 site\b/, 'the .env key is not counted as a site');
    const declared = api.provider.getChildren(payments).find((node) => node.type === 'declared');
    assert.ok(declared, '"Declared in" under the service');
    assert.deepEqual([shown(api, declared).label, shown(api, declared).description], ['Declared in', '1']);
    const [entry] = api.provider.getChildren(declared);
    assert.ok(entry && entry.type === 'evidence');
    assert.deepEqual([shown(api, entry).label, shown(api, entry).description], ['.env.example:5', 'dotenv · PAYMENTS_URL']);
    assert.equal(api.provider.getTreeItem(entry).command?.command, 'vscode.open');
    assert.equal(api.provider.getParent(entry)?.id, declared.id);
  });

  test(`a fetch(...) typed into a file shows up within ${LIVE_BUDGET_MS} ms and goes away when removed`, async () => {
    const api = await inventoryApi();
    const uri = workspaceUri('orders-service', 'src', 'shipping.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(findSite(api, isProbe), undefined, 'no probe before the edit');
    const end = document.lineAt(document.lineCount - 1).range.end;
    const probe = `\nexport const probe = () => fetch("https://${PROBE_HOST}/ping");\n`;
    try {
      const insert = new vscode.WorkspaceEdit();
      insert.insert(uri, end, probe);
      assert.ok(await vscode.workspace.applyEdit(insert));
      const shownAfter = await waitForTree(api, 'the typed fetch call in the tree', () => findSite(api, isProbe) !== undefined, LIVE_BUDGET_MS);
      log(`live update: typed call shown after ${shownAfter} ms`);
      const added = findSite(api, isProbe);
      assert.ok(added);
      assert.equal(added.integration.file, 'orders-service/src/shipping.ts');
      assert.equal(added.integration.line, end.line + 2);

      const remove = new vscode.WorkspaceEdit();
      remove.delete(uri, new vscode.Range(end, document.positionAt(document.offsetAt(end) + probe.length)));
      assert.ok(await vscode.workspace.applyEdit(remove));
      const goneAfter = await waitForTree(api, 'the removed fetch call to leave the tree', () => findSite(api, isProbe) === undefined, LIVE_BUDGET_MS);
      log(`live update: removed call gone after ${goneAfter} ms`);
    } finally {
      if (document.isDirty) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
    await api.whenIdle();
    assert.equal(findSite(api, isProbe), undefined);
  });

  test('a file created on disk with a call is added, and removed when the file is deleted', async () => {
    const api = await inventoryApi();
    const uri = workspaceUri('orders-service', 'src', 'inventory-live-probe.ts');
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`export async function ping(): Promise<number> {\n  const res = await fetch("https://${PROBE_HOST}/health");\n  return res.status;\n}\n`));
      const added = await waitForTree(api, 'the new file\'s call in the tree', () => findSite(api, (i) => isProbe(i) && i.file.endsWith('inventory-live-probe.ts')) !== undefined, 5000);
      log(`live update: created file shown after ${added} ms`);
      await vscode.workspace.fs.delete(uri);
      const removed = await waitForTree(api, 'the deleted file\'s call to leave the tree', () => findSite(api, isProbe) === undefined, 5000);
      log(`live update: deleted file gone after ${removed} ms`);
    } finally {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  test('grouping switches from the title-bar commands (by file, by service, back to by kind)', async () => {
    const api = await inventoryApi();
    try {
      await vscode.commands.executeCommand('integrationOrchestrator.inventory.groupByFile');
      const files = api.provider.getChildren();
      assert.ok(files.every((node) => node.type === 'file'), 'roots are files');
      assert.ok(files.some((node) => node.type === 'file' && node.file === 'orders-service/src/payments.ts'));
      await vscode.commands.executeCommand('integrationOrchestrator.inventory.groupByService');
      const services = api.provider.getChildren();
      assert.ok(services.some((node) => node.type === 'service'));
      assert.ok(services.every((node) => node.type === 'service' || node.type === 'site'));
    } finally {
      await vscode.commands.executeCommand('integrationOrchestrator.inventory.groupByKind');
    }
    assert.ok(api.provider.getChildren().every((node) => node.type === 'kind'));
  });

  test('Export Inventory writes docs/integrations.md with a Mermaid topology and the services table', async () => {
    const api = await inventoryApi();
    const target = workspaceUri('docs', 'integrations.md');
    const docsDir = workspaceUri('docs');
    const existed = await vscode.workspace.fs.stat(docsDir).then(() => true, () => false);
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('integrationOrchestrator.inventory.export');
      assert.ok(written, 'the command returns the written file');
      assert.equal(written.toString(), target.toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(text, /^# Integrations\n/);
      assert.match(text, /```mermaid\nflowchart LR\n[\s\S]*\n```/);
      assert.match(text, /\| Service \| Kind \| Target \| Sites \| Resilience of calls \|/);
      assert.match(text, /\[orders-service\/src\/payments\.ts:\d+\]\(\.\.\/orders-service\/src\/payments\.ts#L\d+\) fetch/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the document is opened');
      assert.ok(api.folders().length === 1);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(existed ? target : docsDir, { recursive: true }).then(undefined, () => undefined);
    }
  });

  test('a health state set through the API colours the service and shows in its description', async () => {
    const api = await inventoryApi();
    const service = api.provider.nodes().find((node): node is InventoryNode & { type: 'service' } => node.type === 'service');
    assert.ok(service);
    const root = api.folders()[service.folder].result.root;
    const changed = new Promise<void>((resolve) => { const l = api.provider.onDidChangeTreeData(() => { l.dispose(); resolve(); }); });
    api.setHealth(root, service.service.id, { status: 'unhealthy', latencyMs: 12, detail: 'connection refused' });
    await changed;
    try {
      const item = api.provider.getTreeItem(service);
      assert.match(String(item.description), /· unhealthy$/);
      assert.ok(item.iconPath instanceof vscode.ThemeIcon);
      // ThemeColor.id exists at run time; @types/vscode 1.91 does not declare it yet.
      assert.equal((item.iconPath.color as unknown as { id?: string } | undefined)?.id, 'testing.iconFailed');
    } finally {
      api.setHealth(root, service.service.id, undefined);
    }
    assert.doesNotMatch(String(api.provider.getTreeItem(service).description), /unhealthy/);
  });

  test('every inventory command is registered and the Check Health / Add Resilience placeholders do not throw', async () => {
    const api = await inventoryApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ['groupByKind', 'groupByService', 'groupByFile', 'filterByKind', 'clearFilter', 'findIntegration', 'export', 'copyTarget', 'goToEnvDefinition', 'revealDeclaration', 'addResilience', 'checkHealth']) {
      assert.ok(registered.has(`integrationOrchestrator.inventory.${id}`), id);
    }
    const service = api.provider.nodes().find((node): node is InventoryNode & { type: 'service' } => node.type === 'service');
    assert.ok(service);
    await vscode.commands.executeCommand('integrationOrchestrator.inventory.checkHealth', service);
    await vscode.commands.executeCommand('integrationOrchestrator.inventory.copyTarget', service);
    assert.ok((await vscode.env.clipboard.readText()).length > 0, 'Copy Target put something on the clipboard');
  });
});

const KIND_ORDER = ['HTTP APIs', 'GraphQL', 'gRPC', 'Databases', 'Caches', 'Queues', 'Webhooks', 'Auth', 'Email', 'Containers', 'Kubernetes'];
function order(label: string): number {
  return KIND_ORDER.indexOf(label);
}
