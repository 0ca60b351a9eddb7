/**
 * The inventory's quick picks in the real workbench, on the `examples/` workspace: the tests run the
 * real commands and drive "Filter by Kind…" and "Find Integration…" with VS Code's quick-input
 * commands (inventoryPickDriver.ts), then read the tree through the exported provider and the
 * editor through the VS Code API.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InventoryApi } from '../../src/client/inventory/registerInventory';
import type { SiteNode } from '../../src/core/inventory/inventoryTree';
import { whenActivatedByWorkspace } from './extensionUnderTest';
import { InventoryPickDriver } from './inventoryPickDriver';
import { labels, type AnyQuickPick } from './quickInputDriver';
import { log } from './testLog';

const FILTER = 'integrationOrchestrator.inventory.filterByKind';
const FIND = 'integrationOrchestrator.inventory.findIntegration';
const COMMAND_TIMEOUT_MS = 5000;
/** Each wait on the workbench fails well within the test's 10 s, with what the pick shows. */
const STEP_TIMEOUT_MS = 4000;

let api: InventoryApi;
let picks: InventoryPickDriver;
/** The command's promise: it settles when its pick is accepted or closed. */
let running: { command: string; result: Thenable<unknown> } | undefined;

/** Starts `command` without awaiting it: it only returns once its pick is gone. */
function start(command: string): void {
  running = { command, result: vscode.commands.executeCommand(command) };
}

/** Waits for the command started last to return. */
async function finished(): Promise<void> {
  const pending = running;
  running = undefined;
  if (!pending) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([pending.result, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${pending.command} did not return within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
  })]).finally(() => clearTimeout(timer));
}

/** The labels of the tree's roots, as VS Code shows them (through the provider's getTreeItem). */
function rootLabels(): string[] {
  return api.provider.getChildren().map((node) => {
    const { label } = api.provider.getTreeItem(node);
    return typeof label === 'string' ? label : label?.label ?? '';
  });
}

/** A kind item's label without its `$(icon)`: "Databases". */
const kindName = (item: vscode.QuickPickItem): string => item.label.replace(/^\$\([^)]*\)\s*/, '');
const checkedKinds = (pick: AnyQuickPick): string[] => pick.selectedItems.map(kindName);

/** Toggles, through the workbench, every item of the kind pick whose checkbox is not as `wanted` says. */
async function checkOnly(pick: AnyQuickPick, wanted: (kind: string) => boolean): Promise<void> {
  for (const item of pick.items) {
    const checked = pick.selectedItems.includes(item);
    if (checked !== wanted(kindName(item))) await picks.toggle(pick, item.label);
  }
}

suite('Inventory quick picks', function () {
  this.timeout(10_000);

  suiteSetup(async function () {
    this.timeout(60_000);
    const extension = await whenActivatedByWorkspace();
    const inventory = extension.exports.inventory;
    assert.ok(inventory, 'the extension exports no inventory API');
    await inventory.whenIdle();
    api = inventory;
    picks = new InventoryPickDriver(api.picks, STEP_TIMEOUT_MS);
  });

  teardown(async function () {
    // A failed test may leave its pick open or the filter on: the next test starts from neither.
    await picks.closeAll();
    await finished().catch((error: unknown) => log(`  (the command of "${this.currentTest?.title}" ended with ${String(error)})`));
    if (api.provider.view.kinds.size > 0) await vscode.commands.executeCommand('integrationOrchestrator.inventory.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Filter by Kind… narrows the tree to the kind checked in the workbench, and checking every kind again clears it', async () => {
    const all = rootLabels();
    const unfiltered = api.view.description;
    assert.ok(all.includes('Databases') && all.length > 1, `roots before: ${all.join(', ')}`);
    assert.doesNotMatch(String(unfiltered), /Databases/);

    start(FILTER);
    const pick = await picks.opened('filterByKind');
    assert.equal(pick.canSelectMany, true);
    for (const kind of all) assert.ok(pick.items.some((item) => kindName(item) === kind), `kind ${kind} offered (${labels(pick.items).join(' | ')})`);
    assert.deepEqual(checkedKinds(pick), pick.items.map(kindName), 'no filter yet: every kind starts checked');
    await checkOnly(pick, (kind) => kind === 'Databases');
    assert.deepEqual(checkedKinds(pick), ['Databases'], 'the workbench reports only Databases checked');
    await picks.accept();
    await finished();
    await picks.closed();

    assert.deepEqual(rootLabels(), ['Databases']);
    assert.deepEqual([...api.provider.view.kinds], ['database']);
    const sites = api.provider.nodes().filter((node): node is SiteNode => node.type === 'site');
    assert.ok(sites.length > 0 && sites.some((node) => node.integration.file === 'orders-service/src/db.ts'), 'the pg sites are still listed');
    assert.ok(sites.every((node) => !node.integration.file.endsWith('payments.ts')), 'the fetch call of payments.ts is filtered out');
    assert.equal(api.view.description, `${unfiltered} · Databases`, 'the view says which kinds it shows');

    // The same pick, opened again, shows the filter; checking every kind lifts it.
    start(FILTER);
    const again = await picks.opened('filterByKind');
    assert.deepEqual(checkedKinds(again), ['Databases'], 'the pick opens on the current filter');
    await checkOnly(again, () => true);
    assert.equal(again.selectedItems.length, again.items.length);
    await picks.accept();
    await finished();

    assert.deepEqual(rootLabels(), all, 'the full tree is back');
    assert.equal(api.provider.view.kinds.size, 0);
    assert.equal(api.view.description, unfiltered);
  });

  test('Escape in Filter by Kind… leaves the tree and its filter as they were', async () => {
    const all = rootLabels();
    const unfiltered = api.view.description;
    start(FILTER);
    const pick = await picks.opened('filterByKind');
    await checkOnly(pick, (kind) => kind !== 'Databases' && kind !== 'HTTP APIs');
    assert.ok(!checkedKinds(pick).includes('Databases'), 'Databases unchecked in the workbench');
    await picks.escape();
    await finished();
    await picks.closed();

    assert.equal(api.provider.view.kinds.size, 0, 'no filter');
    assert.deepEqual(rootLabels(), all);
    assert.equal(api.view.description, unfiltered);
  });

  test('Find Integration… filtered in the workbench to one site opens its file with the exact range selected', async () => {
    const webhook = api.provider.nodes().find((node): node is SiteNode => node.type === 'site'
      && node.integration.file === 'orders-service/src/webhooks.ts' && node.integration.library === 'express' && node.integration.role === 'handler');
    assert.ok(webhook, 'the express webhook handler of orders-service/src/webhooks.ts is in the tree');
    const site = webhook.integration;
    const query = 'webhooks/stripe';
    assert.ok(site.target?.includes(query), `the handler's target: ${site.target}`);

    start(FIND);
    const pick = await picks.opened('findIntegration');
    assert.equal(pick.matchOnDescription && pick.matchOnDetail, true, 'targets and files are searched, not only libraries');
    // The premise: the query is in one item only, and that item is not the one highlighted before filtering.
    const matching = pick.items.filter((item) => [item.label, item.description, item.detail].some((text) => text?.toLowerCase().includes(query)));
    assert.equal(matching.length, 1, `items containing "${query}": ${labels(matching).join(' | ')}`);
    const expected = matching[0];
    assert.equal(expected.detail?.startsWith(`${site.file}:${site.line}`), true, expected.detail);
    assert.notEqual(pick.activeItems[0], expected, 'the site is not highlighted before the query');

    const typed = Date.now();
    await picks.type(pick, query);
    await picks.until(`the workbench to filter "${query}" down to the webhook`, () => pick.activeItems[0] === expected);
    log(`  Find Integration: workbench filtered in ${Date.now() - typed} ms`);
    await picks.accept();
    await finished();
    await picks.closed();

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor opened');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    assert.equal(editor.document.uri.toString(), vscode.Uri.joinPath(folder.uri, ...site.file.split('/')).toString());
    const { start: from, end: to } = editor.selection;
    assert.deepEqual([from.line, from.character, to.line, to.character], [site.line - 1, site.column - 1, site.endLine - 1, site.endColumn - 1]);
    assert.ok(site.endLine > site.line, 'a multi-line range (the whole handler)');
    assert.match(editor.document.getText(editor.selection), /^app\.post\(/);
  });
});
