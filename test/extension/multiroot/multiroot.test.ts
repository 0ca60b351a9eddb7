/**
 * A multi-root workspace (test/fixtures/multiroot-workspace/multiroot.code-workspace: `shop`, a
 * TypeScript service, and `worker`, a Python job runner): the Integrations view shows one root per
 * folder, each with its own services; an edit in one folder changes only that root; a folder
 * removed from the workspace leaves the tree, and comes back when it is added again.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { InventoryApi } from '../../../src/client/inventory/registerInventory';
import type { TreeNode } from '../../../src/client/inventory/inventoryNodes';
import { whenActivatedByWorkspace } from '../extensionUnderTest';
import { log } from '../testLog';
import { WaitTimeoutError } from '../waitFor';

let api: InventoryApi;

/** The label VS Code shows for a node, through the provider's own getTreeItem. */
function label(node: TreeNode): string {
  const item = api.provider.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

function description(node: TreeNode): string {
  const item = api.provider.getTreeItem(node);
  return typeof item.description === 'string' ? item.description : '';
}

/** Every site's file under a root, depth first through the provider ("Declared in" evidence is no site). */
function filesUnder(node: TreeNode): string[] {
  if (node.type === 'site') return [node.integration.file];
  return (api.provider.getChildren(node) ?? []).flatMap(filesUnder);
}

function roots(): TreeNode[] {
  return api.provider.getChildren() ?? [];
}

/** Root name → the files of its sites, for the folder roots of the tree. */
function byRoot(): Map<string, string[]> {
  return new Map(roots().filter((node) => node.type === 'folder').map((node) => [label(node), [...new Set(filesUnder(node))].sort()]));
}

/** Waits for the tree to satisfy `predicate`, woken by the API's change event. */
function waitForTree(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  if (predicate()) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new WaitTimeoutError(`${what} (now: ${JSON.stringify([...byRoot()])})`, timeoutMs)); }, timeoutMs);
    const listener = api.onDidChange(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(Date.now() - started);
    });
  });
}

function folderPath(name: string): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(folder, `workspace folder ${name}`);
  return folder.uri.fsPath;
}

suite('Multi-root workspace', () => {
  let workspaceFile: string;
  let workspaceFileText: string;
  const written: string[] = [];

  suiteSetup(async () => {
    const extension = await whenActivatedByWorkspace();
    assert.ok(extension.exports.inventory, 'the extension exports no inventory API');
    api = extension.exports.inventory;
    assert.ok(vscode.workspace.workspaceFile, 'opened as a .code-workspace');
    workspaceFile = vscode.workspace.workspaceFile.fsPath;
    workspaceFileText = readFileSync(workspaceFile, 'utf8');
    await api.whenIdle();
  });

  suiteTeardown(() => {
    for (const file of written) rmSync(file, { force: true });
    // Adding and removing folders rewrites the .code-workspace file: put the tracked text back.
    if (workspaceFile) writeFileSync(workspaceFile, workspaceFileText);
    log(`  restored the fixture (removed ${written.map((f) => path.basename(f)).join(', ') || 'nothing'})`);
  });

  test('one root per folder, named after it, each with its own services and counts', async () => {
    await waitForTree('two folder roots', () => byRoot().size === 2);
    assert.deepEqual([...byRoot()], [
      ['shop', ['src/pay.ts']],
      ['worker', ['jobs.py']],
    ]);
    const [shop, worker] = roots();
    assert.equal(description(shop!), '1 service · 1 site');
    // The redis line of requirements.txt is evidence under REDIS_URL's "Declared in", not a third site.
    assert.match(description(worker!), /^1 service · 2 sites$/);
    assert.deepEqual(api.folders().map((folder) => folder.name), ['shop', 'worker']);
  });

  test('an edit in one folder changes only its root', async () => {
    const file = path.join(folderPath('worker'), 'notify.py');
    written.push(file);
    const shopBefore = byRoot().get('shop');
    writeFileSync(file, 'import requests\n\n\ndef notify(text):\n    return requests.post("https://hooks.example.com/notify", json={"text": text}, timeout=5)\n');
    const ms = await waitForTree('notify.py under worker', () => byRoot().get('worker')?.includes('notify.py') === true);
    log(`  a new file in the second folder showed in ${ms} ms`);
    assert.deepEqual(byRoot().get('shop'), shopBefore, 'the other root is unchanged');
    rmSync(file);
    await waitForTree('notify.py gone', () => byRoot().get('worker')?.includes('notify.py') === false);
  });

  test('a folder removed from the workspace leaves the tree; added back, it returns', async () => {
    const worker = vscode.workspace.workspaceFolders?.find((f) => f.name === 'worker');
    assert.ok(worker);
    assert.ok(vscode.workspace.updateWorkspaceFolders(worker.index, 1), 'VS Code accepted the removal');
    // One folder left: the tree drops the folder level and shows that folder's kinds directly.
    await waitForTree('only the shop left', () => roots().every((node) => node.type !== 'folder') && roots().flatMap(filesUnder).every((file) => file === 'src/pay.ts') && roots().length > 0);
    assert.deepEqual(api.folders().map((folder) => folder.name), ['shop']);

    assert.ok(vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 1, 0, { uri: worker.uri, name: 'worker' }), 'VS Code accepted the addition');
    await waitForTree('both roots again', () => byRoot().size === 2 && (byRoot().get('worker')?.includes('jobs.py') ?? false));
  });
});
