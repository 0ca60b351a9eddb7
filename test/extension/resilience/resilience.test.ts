/**
 * The resilience quick fixes in a real VS Code, on test/fixtures/resilience-workspace (a TS ESM
 * project and a CommonJS JS project): diagnostics from the inventory, the actions found through
 * `vscode.executeCodeActionProvider` and applied with `vscode.workspace.applyEdit`, the results
 * compiled (tsc, node --check). Every fixture file is put back afterwards.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { IntegrationOrchestratorApi } from '../../../src/client/extension';
import type { AddResilienceResult } from '../../../src/client/resilience/addResilienceCommand';
import { whenActivatedByWorkspace } from '../extensionUnderTest';
import { executeLanguageCommand } from '../languageCommands';
import { log } from '../testLog';
import { waitFor, WaitTimeoutError } from '../waitFor';
import { FixtureFiles } from './fixtureFiles';

const TITLE = 'Add retry, timeout and circuit breaker';
const FIX_ALL_TITLE = `${TITLE} to every HTTP call in this file`;

let api: IntegrationOrchestratorApi;
let fixture: FixtureFiles;
let repoRoot: string;

function workspacePath(...segments: string[]): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return path.join(folder.uri.fsPath, ...segments);
}

const TS_FILE = () => vscode.Uri.file(workspacePath('ts-esm', 'src', 'api.ts'));
const JS_FILE = () => vscode.Uri.file(workspacePath('js-cjs', 'src', 'client.js'));

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Integrations');

/** Waits for the diagnostics of `uri` to satisfy `predicate`, woken by VS Code's change event. */
function waitForDiagnostics(uri: vscode.Uri, what: string, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  if (predicate(ours(uri))) return Promise.resolve(ours(uri));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new WaitTimeoutError(`${what} (now: ${JSON.stringify(ours(uri).map((d) => d.range.start.line))})`, timeoutMs)); }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString()) || !predicate(ours(uri))) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(ours(uri));
    });
  });
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const actions = await executeLanguageCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind?.value);
  return (actions ?? []).filter((action): action is vscode.CodeAction => 'edit' in action || 'kind' in action);
}

/** The range of the first occurrence of `snippet` in the document (a cursor at its start when `empty`). */
function rangeOf(document: vscode.TextDocument, snippet: string, empty = false): vscode.Range {
  const offset = document.getText().indexOf(snippet);
  assert.ok(offset >= 0, `'${snippet}' in ${path.basename(document.uri.fsPath)}`);
  const start = document.positionAt(offset);
  return empty ? new vscode.Range(start, start) : new vscode.Range(start, document.positionAt(offset + snippet.length));
}

/** Runs the repository's node on a script (the extension host's own binary, as plain Node). */
function node(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, timeout: 120_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** Applies an action as VS Code does: its edit, then its command (which saves a created module). */
async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" carries an edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `VS Code applied "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/**
 * Saves and checks the document ended up saved. `TextDocument.save()` also answers false when
 * the document was not dirty any more; under load, two full runs saw one such false right after
 * an edit, so a false is asked again before failing on a document that really stays unsaved.
 */
async function saved(document: vscode.TextDocument): Promise<void> {
  for (let attempt = 0; attempt < 3 && (attempt === 0 || document.isDirty); attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 300));
    if (await document.save()) return;
  }
  assert.equal(document.isDirty, false, `${path.basename(document.uri.fsPath)} could not be saved`);
}

async function settle(): Promise<void> {
  await api.inventory?.whenIdle();
  await api.resilience?.whenIdle();
}

async function setSeverity(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('integrationOrchestrator.resilience').update('diagnosticSeverity', value, vscode.ConfigurationTarget.Workspace);
}

suite('Resilience quick fixes', () => {
  suiteSetup(async () => {
    const extension = await whenActivatedByWorkspace();
    api = extension.exports;
    repoRoot = extension.extensionPath;
    assert.ok(api.resilience, 'the extension exports no resilience API (did registerResilience fail?)');
    fixture = new FixtureFiles(workspacePath());
    // Opening the first TypeScript file activates VS Code's TypeScript extension, whose providers
    // arriving mid-request cancel a code action request; let that happen before the tests ask.
    await vscode.workspace.openTextDocument(TS_FILE());
    const typescript = vscode.extensions.getExtension('vscode.typescript-language-features');
    if (typescript) await waitFor('the TypeScript extension to activate', () => typescript.isActive, 30_000);
    await settle();
  });

  suiteTeardown(async () => {
    await setSeverity(undefined).catch(() => undefined);
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const added = fixture?.added() ?? [];
    fixture?.restore();
    log(`  restored the fixture workspace (removed ${added.join(', ') || 'nothing'})`);
  });

  test('bare calls get a Hint from source Integrations, code bare-http-call', async () => {
    const ts = await waitForDiagnostics(TS_FILE(), '3 diagnostics in api.ts', (d) => d.length === 3);
    assert.deepEqual(ts.map((d) => d.range.start.line).sort((a, b) => a - b), [13, 18, 32]);
    for (const diagnostic of ts) {
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Hint);
      assert.equal(diagnostic.code, 'bare-http-call');
      assert.match(diagnostic.message, /^(fetch|axios) call without timeout or retry, and no circuit breaker$/);
    }
    await waitForDiagnostics(JS_FILE(), '2 diagnostics in client.js', (d) => d.length === 2);
  });

  test('QuickFix on a fetch with a .then chain: the call, the import and the new module in one edit', async () => {
    const document = await vscode.workspace.openTextDocument(TS_FILE());
    const diagnostic = ours(document.uri).find((d) => d.range.start.line === 13);
    assert.ok(diagnostic, 'the diagnostic on listItems()');
    const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix);
    const fix = actions.find((action) => action.title === TITLE);
    assert.ok(fix, `"${TITLE}" among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit);
    const module = workspacePath('ts-esm', 'src', 'integrations', 'resilience.ts');
    assert.equal(existsSync(module), false, 'computing the action writes nothing');

    await apply(fix);
    const text = document.getText();
    assert.match(text, /^import \{ log \} from '\.\/log\.js';\nimport \{ resilientFetch, policies \} from '\.\/integrations\/resilience\.js';$/m);
    assert.match(text, /^ {2}return resilientFetch\(`\$\{BASE\}\/items`, undefined, policies\.default\)\.then\(\(res\) => res\.json\(\) as Promise<Item\[\]>\);$/m);
    assert.ok(existsSync(module), 'the module was created');
    const moduleText = readFileSync(module, 'utf8');
    assert.match(moduleText, /export async function resilientFetch\(/);
    assert.match(moduleText, /^ {2}fast: \{$/m, 'the config\'s policies are in the module');
    await saved(document);
  });

  test('Fix all in file: the multi-line fetch (payments-api policy) and the axios call, then tsc passes', async () => {
    const document = await vscode.workspace.openTextDocument(TS_FILE());
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(document.uri, '2 diagnostics left in api.ts', (d) => d.length === 2);
    const actions = await codeActions(document.uri, diagnostics[0]!.range, vscode.CodeActionKind.QuickFix);
    const fixAll = actions.find((action) => action.title === FIX_ALL_TITLE);
    assert.ok(fixAll?.edit, `"${FIX_ALL_TITLE}" among ${actions.map((a) => a.title).join(' | ')}`);
    const before = document.getText();
    await apply(fixAll);
    const text = document.getText();
    assert.equal(text.match(/from '\.\/integrations\/resilience\.js'/g)?.length, 1, 'one import of the module');
    assert.match(text, /^import \{ resilientFetch, policies, withResilience \} from '\.\/integrations\/resilience\.js';$/m);
    // Layout and comments kept; the policy appended on its own line, as the arguments are.
    assert.ok(text.includes([
      '  const res = await resilientFetch(',
      '    `${process.env.PAYMENTS_URL}/items/${item.sku}`, // payments-api: policy `fast` in integration-config.yml',
      '    {',
      "      method: 'PUT',",
      "      headers: { 'content-type': 'application/json' },",
      '      body: JSON.stringify(item),',
      '    },',
      '    policies.fast,',
      '  );',
    ].join('\n')), text);
    // (The core states `{ method: 'GET' }` for `api.get(…)` but not yet for the generic `api.get<Item>(…)`; axios errors carry the method anyway.)
    assert.match(text, /const \{ data \} = await withResilience\(\(\) => api\.get<Item>\(`\/items\/\$\{encodeURIComponent\(sku\)\}`\), policies\.default(, \{ method: 'GET' \})?\);/);

    // One edit: a single undo restores the text (the module already existed, so only this file changed).
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'undo restores the file in one step');
    await vscode.commands.executeCommand('redo');
    assert.equal(document.getText(), text, 'redo applies it again');
    await saved(document);

    const tsc = await node([path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', workspacePath('ts-esm')], workspacePath('ts-esm'));
    assert.equal(tsc.code, 0, `tsc --noEmit (strict, NodeNext) on the fixed project:\n${tsc.output}`);
    await waitForDiagnostics(document.uri, 'no diagnostics left in api.ts', (d) => d.length === 0);
  });

  test('severity off: no diagnostics, and a RefactorRewrite on the call (CommonJS: a require)', async () => {
    await setSeverity('off');
    await waitForDiagnostics(JS_FILE(), 'diagnostics cleared by severity off', (d) => d.length === 0);
    const document = await vscode.workspace.openTextDocument(JS_FILE());
    const cursor = rangeOf(document, "fetch(BASE + '/items')", true);
    assert.deepEqual((await codeActions(document.uri, cursor, vscode.CodeActionKind.QuickFix)).filter((a) => a.title.startsWith(TITLE)), [], 'no QuickFix without a diagnostic');
    const actions = await codeActions(document.uri, cursor, vscode.CodeActionKind.RefactorRewrite);
    const rewrite = actions.find((action) => action.title === TITLE);
    assert.ok(rewrite?.edit, `"${TITLE}" among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(rewrite.kind && vscode.CodeActionKind.RefactorRewrite.contains(rewrite.kind));
    await apply(rewrite);
    const text = document.getText();
    assert.match(text, /^const axios = require\('axios'\);\nconst \{ resilientFetch, policies \} = require\('\.\/integrations\/resilience'\);$/m);
    assert.ok(text.includes([
      "  return resilientFetch(BASE + '/items', undefined, policies.default)",
      '    .then((res) => res.json())',
      '    .then((body) => body.items);',
    ].join('\n')), text);
    const module = workspacePath('js-cjs', 'src', 'integrations', 'resilience.js');
    assert.match(readFileSync(module, 'utf8'), /^module\.exports = /m, 'a CommonJS module for a CommonJS project');
    await saved(document);
  });

  test('integrationOrchestrator.addResilience applies the same edit for the site the Inventory passes', async () => {
    await settle();
    const folder = api.inventory?.folders()[0];
    assert.ok(folder, 'the inventory has the fixture');
    const integration = folder.result.integrations.find((i) => i.file === 'js-cjs/src/client.js' && i.library === 'axios' && i.role === 'call');
    assert.ok(integration, 'the axios call of client.js is in the inventory');
    const uri = JS_FILE();
    const range = new vscode.Range(integration.line - 1, integration.column - 1, integration.endLine - 1, integration.endColumn - 1);
    const result = await vscode.commands.executeCommand<AddResilienceResult>('integrationOrchestrator.addResilience', { uri, range, integration, root: folder.result.root });
    assert.equal(result?.applied, true, result?.reason);
    assert.deepEqual(result.created, [], 'the module exists already');
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    assert.equal(text.match(/require\('\.\/integrations\/resilience'\)/g)?.length, 1, 'one require of the module');
    assert.ok(text.includes([
      "  const res = await withResilience(() => axios.get(BASE + '/items/' + sku, {",
      "    headers: { accept: 'application/json' },",
      "  }), policies.default, { method: 'GET' });",
    ].join('\n')), text);
    await saved(document);
    for (const file of [uri.fsPath, workspacePath('js-cjs', 'src', 'integrations', 'resilience.js')]) {
      const check = await node(['--check', file], workspacePath('js-cjs'));
      assert.equal(check.code, 0, `node --check ${path.basename(file)}:\n${check.output}`);
    }
    const loaded = await node(['-e', "const m = require('./src/integrations/resilience'); process.stdout.write(typeof m.withResilience + ' ' + typeof m.resilientFetch + ' ' + typeof m.policies.default)"], workspacePath('js-cjs'));
    assert.equal(loaded.output, 'function function object');
  });

  test('calls already wrapped get neither a diagnostic nor an action', async () => {
    await setSeverity(undefined);
    await settle();
    assert.deepEqual(ours(JS_FILE()), []);
    assert.deepEqual(ours(TS_FILE()), []);
    const document = await vscode.workspace.openTextDocument(TS_FILE());
    const actions = await codeActions(document.uri, rangeOf(document, 'api.get<Item>', true));
    assert.deepEqual(actions.filter((action) => action.title.startsWith(TITLE)).map((a) => a.title), []);
    // The fixes created the two modules and nothing else (.vscode/ holds the severity setting of this test).
    assert.deepEqual(fixture.added().filter((file) => !file.startsWith('.vscode/')), ['js-cjs/src/integrations/resilience.js', 'ts-esm/src/integrations/resilience.ts']);
  });
});
