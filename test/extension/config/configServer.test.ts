/**
 * The config language server in a real VS Code, on test/fixtures/config-workspace, in
 * Restricted Mode: diagnostics as `languages.getDiagnostics` shows them (the lines marked in
 * the broken fixture, exact ranges and messages of four problems, the inventory's note),
 * completion, hover, and the quick fix that moves a plain-text secret to `.env`, each through
 * VS Code's own commands. Every fixture file is put back afterwards, also when a test fails.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { whenActivatedByWorkspace } from '../extensionUnderTest';
import { executeLanguageCommand } from '../languageCommands';
import { log } from '../testLog';
import { codeOf, configDiagnostics, describe, waitForDiagnostics } from './diagnosticsWait';
import { FixtureSnapshot } from './fixtureSnapshot';

const SECRET = 'sk_live_not_a_real_token';
const ENV_NAME = 'PAYMENTS_API_TOKEN';

let fixture: FixtureSnapshot | undefined;
let started = 0;

function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host opened no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

const BROKEN = () => workspaceFile('broken.integration.yml');
const CORRECT = () => workspaceFile('correct.integration.yml');

/** Codes the fixture marks on each line (`# unknown-key`, `# a, b`), keyed by 0-based line. */
function markedCodes(text: string): Map<number, string[]> {
  const marked = new Map<number, string[]>();
  text.split('\n').forEach((line, index) => {
    if (line.trimStart().startsWith('#')) return;
    const comment = line.indexOf(' # ');
    if (comment < 0) return;
    const codes = line.slice(comment + 3).split('(')[0]!.split(',').map((code) => code.trim()).filter((code) => /^[a-z]+(-[a-z]+)+$/.test(code));
    if (codes.length > 0) marked.set(index, codes.sort());
  });
  return marked;
}

function byLine(diagnostics: vscode.Diagnostic[]): Map<number, string[]> {
  const lines = new Map<number, string[]>();
  for (const diagnostic of diagnostics) lines.set(diagnostic.range.start.line, [...(lines.get(diagnostic.range.start.line) ?? []), codeOf(diagnostic)].sort());
  return lines;
}

function positionAfter(document: vscode.TextDocument, snippet: string, delta = snippet.length): vscode.Position {
  const offset = document.getText().indexOf(snippet);
  assert.ok(offset >= 0, `'${snippet}' in ${path.basename(document.uri.fsPath)}`);
  return document.positionAt(offset + delta);
}

function only(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.filter((diagnostic) => codeOf(diagnostic) === code);
  assert.equal(found.length, 1, `one ${code} among ${JSON.stringify(diagnostics.map((d) => `${codeOf(d)}: ${d.message}`))}`);
  return found[0]!;
}

function assertDiagnostic(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, expected: {
  range: [number, number, number, number]; covers: string; severity: vscode.DiagnosticSeverity; message: string;
}): void {
  const { start, end } = diagnostic.range;
  assert.deepEqual([start.line, start.character, end.line, end.character], expected.range, `range of ${codeOf(diagnostic)}`);
  assert.equal(document.getText(diagnostic.range), expected.covers);
  assert.equal(diagnostic.severity, expected.severity);
  assert.equal(diagnostic.message, expected.message);
}

async function completions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await executeLanguageCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list?.items ?? [];
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const markdownOf = (value: string | vscode.MarkdownString | undefined) => (typeof value === 'string' ? value : value?.value ?? '');

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await executeLanguageCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n---\n');
}

/** Inserts `text` at `at` (as typing would), runs `use`, then removes it again and saves. */
async function withTemporaryEdit<T>(document: vscode.TextDocument, at: vscode.Position, text: string, use: () => Promise<T>): Promise<T> {
  const insert = new vscode.WorkspaceEdit();
  insert.insert(document.uri, at, text);
  assert.equal(await vscode.workspace.applyEdit(insert), true);
  try {
    return await use();
  } finally {
    const remove = new vscode.WorkspaceEdit();
    remove.delete(document.uri, new vscode.Range(at, document.positionAt(document.offsetAt(at) + text.length)));
    await vscode.workspace.applyEdit(remove);
    await document.save();
  }
}

suite('Config language server (Restricted Mode)', () => {
  suiteSetup(async () => {
    started = Date.now();
    await whenActivatedByWorkspace();
    const root = workspaceFile().fsPath;
    assert.equal(existsSync(path.join(root, '.env')), false, `${root}/.env is left over from an earlier run: delete it`);
    fixture = new FixtureSnapshot(root);
  });

  suiteTeardown(async () => {
    // Nothing stays dirty (no "save?" prompt when the editors close), then the bytes on disk are put back.
    const root = fixture?.root;
    for (const document of vscode.workspace.textDocuments) {
      if (root && document.isDirty && document.uri.fsPath.startsWith(root + path.sep)) await document.save().then(undefined, () => false);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const restored = fixture?.restore();
    if (restored) log(`  restored the fixture (removed: ${restored.removed.join(', ') || 'nothing'}; rewritten: ${restored.rewritten.join(', ') || 'nothing'})`);
  });

  test('the folder is untrusted, the manifest supports that, and the server runs anyway', async function () {
    const extension = await whenActivatedByWorkspace();
    const manifest = extension.packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    // Set by test/runInServer.mjs from the suite's `workspaceTrust`; other hosts may trust the folder.
    if (process.env.IO_TEST_EXPECT_TRUSTED !== undefined) assert.equal(vscode.workspace.isTrusted, process.env.IO_TEST_EXPECT_TRUSTED === 'true');
    if (vscode.workspace.isTrusted) this.skip();
    const document = await vscode.workspace.openTextDocument(BROKEN());
    await vscode.window.showTextDocument(document, { preview: false });
    assert.equal(document.languageId, 'yaml');
    await waitForDiagnostics(document.uri, 'the first diagnostics of the broken config', (d) => d.length > 0);
    log(`  first diagnostics ${Date.now() - started} ms after the suite started`);
  });

  test('broken config: exactly the problems its lines are marked with', async () => {
    const document = await vscode.workspace.openTextDocument(BROKEN());
    const expected = markedCodes(document.getText());
    assert.equal(expected.size, 9, 'the fixture marks nine lines');
    const total = [...expected.values()].flat().length;
    // The inventory's note comes from a background scan: wait until it is in as well.
    const diagnostics = await waitForDiagnostics(document.uri, `${total} diagnostics as marked`, (d) => d.length === total);
    assert.deepEqual(byLine(diagnostics), expected, describe(document.uri));
    log(`  all ${total} diagnostics (inventory included) ${Date.now() - started} ms after the suite started`);
  });

  test('exact ranges and messages: unknown key, wrong type, unknown policy, plain-text secret, inventory', async () => {
    const document = await vscode.workspace.openTextDocument(BROKEN());
    const diagnostics = configDiagnostics(document.uri);
    const unknownKey = only(diagnostics, 'unknown-key');
    assertDiagnostic(document, unknownKey, {
      range: [22, 23, 22, 39], covers: 'failure_treshold', severity: vscode.DiagnosticSeverity.Error,
      message: 'unknown key `failure_treshold` in default.circuit_breaker; did you mean `failure_threshold`?',
    });
    const wrongType = diagnostics.find((d) => codeOf(d) === 'invalid-value' && d.range.start.line === 21);
    assert.ok(wrongType, describe(document.uri));
    assertDiagnostic(document, wrongType, {
      range: [21, 26, 21, 33], covers: '"three"', severity: vscode.DiagnosticSeverity.Error,
      message: 'retry.max_retries must be a whole number ≥ 0, got "three"',
    });
    assertDiagnostic(document, only(diagnostics, 'unknown-policy'), {
      range: [10, 26, 10, 33], covers: 'defualt', severity: vscode.DiagnosticSeverity.Error,
      message: 'policy `defualt` is not defined under `policies:` (defined: `default`); did you mean `default`?',
    });
    assertDiagnostic(document, only(diagnostics, 'plain-secret'), {
      range: [8, 41, 8, 67], covers: `"${SECRET}"`, severity: vscode.DiagnosticSeverity.Error,
      message: 'auth.credentials is a secret written in plain text; write a `${VAR}` reference and keep the value in `.env`',
    });
    assertDiagnostic(document, only(diagnostics, 'target-not-in-inventory'), {
      range: [16, 45, 16, 64], covers: '"ftp://search:9200"', severity: vscode.DiagnosticSeverity.Information,
      message: 'no code in the workspace was found talking to this target of `search` (by host, environment variable or service name)',
    });
  });

  test('correct config: no diagnostics, inventory included (proved by an edit that adds one and its undo)', async () => {
    const document = await vscode.workspace.openTextDocument(CORRECT());
    await vscode.window.showTextDocument(document, { preview: false });
    const at = positionAfter(document, 'resilience: { policy: default');
    await withTemporaryEdit(document, at, 'x', async () => {
      const withTypo = await waitForDiagnostics(document.uri, 'unknown-policy on the edited line', (d) => d.length === 1);
      assert.equal(codeOf(withTypo[0]!), 'unknown-policy');
    });
    await waitForDiagnostics(document.uri, 'no diagnostics once the edit is undone', (d) => d.length === 0);
    assert.equal(document.isDirty, false);
  });

  test('completion: the enum values of target.type, with their documentation, replacing the value', async () => {
    const document = await vscode.workspace.openTextDocument(CORRECT());
    const position = positionAfter(document, 'type: rest', 'type: '.length);
    const items = (await completions(document.uri, position)).filter((item) => item.kind === vscode.CompletionItemKind.EnumMember);
    const labels = items.map(labelOf);
    for (const type of ['rest', 'graphql', 'grpc', 'postgres', 'mysql', 'mongodb', 'redis', 'rabbitmq', 'kafka', 'sqs', 'nats', 'webhook', 'smtp']) {
      assert.ok(labels.includes(type), `${type} among ${labels.join(', ')}`);
    }
    const rest = items.find((item) => labelOf(item) === 'rest')!;
    assert.equal(markdownOf(rest.documentation), 'HTTP/JSON API. Endpoint: `http(s)://` URL.');
    const range = rest.range instanceof vscode.Range ? rest.range : rest.range?.replacing;
    assert.ok(range, 'the item replaces the value');
    assert.equal(document.getText(range), 'rest');
  });

  test('completion: the missing keys of a mapping on a new line, required first, with docs', async () => {
    const document = await vscode.workspace.openTextDocument(BROKEN());
    const endOfType = positionAfter(document, '      type: postgres');
    const typed = '\n      ';
    const items = await withTemporaryEdit(document, endOfType, typed, async () => {
      const cursor = document.positionAt(document.offsetAt(endOfType) + typed.length);
      return (await completions(document.uri, cursor)).filter((item) => item.kind === vscode.CompletionItemKind.Property);
    });
    assert.deepEqual(items.map(labelOf).sort(), ['auth', 'destination', 'endpoint', 'headers']);
    const endpoint = items.find((item) => labelOf(item) === 'endpoint')!;
    const auth = items.find((item) => labelOf(item) === 'auth')!;
    assert.equal(endpoint.detail, 'text (required)');
    assert.ok(endpoint.sortText! < auth.sortText!, 'the required key sorts first');
    assert.match(markdownOf(endpoint.documentation), /checked against `type`/);
    await waitForDiagnostics(document.uri, 'the broken config as before the edit', (d) => d.length === [...markedCodes(document.getText()).values()].flat().length);
  });

  test('hover: a key\'s docs from the schema, and the summary of a referenced policy', async () => {
    const document = await vscode.workspace.openTextDocument(CORRECT());
    const key = await hoverText(document.uri, positionAfter(document, 'max_retries', 3));
    assert.match(key, /^\*\*`max_retries`\*\* · whole number ≥ 0 or `\$\{VAR\}`\n\nRetries after the first attempt \(the first call is not counted\)/);
    const policy = await hoverText(document.uri, positionAfter(document, 'policy: default', 'policy: d'.length));
    assert.match(policy, /^\*\*Policy `default`\*\*\n\n- timeout: 10s\n- retry: 3 retries, exponential backoff from 200ms up to 30s/);
  });

  test('the inventory follows the code: a new file talking to `search` removes the note, deleting it brings it back', async () => {
    const document = await vscode.workspace.openTextDocument(BROKEN());
    const source = workspaceFile('src', 'search.ts');
    const hasNote = (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === 'target-not-in-inventory');
    assert.ok(hasNote(configDiagnostics(document.uri)), describe(document.uri));
    // Source files reach the server through the watcher it registers itself (the client only syncs .env and compose files).
    const written = Date.now();
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode('export const search = (q: string) => fetch(`http://search:9200/q?${q}`);\n'));
    await waitForDiagnostics(document.uri, 'the note gone once code talks to search', (d) => d.length > 0 && !hasNote(d));
    log(`  note gone ${Date.now() - written} ms after the new source file was written (the server debounces file events by 500 ms)`);
    await vscode.workspace.fs.delete(source);
    await waitForDiagnostics(document.uri, 'the note back once that code is deleted', hasNote);
  });

  test('quick fix: the secret moves to .env, its name to .env.example, the config gets ${NAME}', async () => {
    const document = await vscode.workspace.openTextDocument(BROKEN());
    const envFile = workspaceFile('.env');
    const exampleFile = workspaceFile('.env.example');
    const diagnostic = only(configDiagnostics(document.uri), 'plain-secret');
    const actions = await executeLanguageCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const title = `Move secret to .env as \${${ENV_NAME}}`;
    const fix = (actions ?? []).find((action) => action.title === title);
    assert.ok(fix?.edit, `"${title}" among ${(actions ?? []).map((action) => action.title).join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
    assert.equal(fix.isPreferred, true);
    assert.equal(existsSync(envFile.fsPath), false, 'computing the action writes nothing');

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(document.lineAt(8).text, `      auth: { type: bearer, credentials: "\${${ENV_NAME}}" } # plain-secret`);
    assert.ok(!document.getText().includes(SECRET), 'the secret is gone from the config');
    const envDocument = await vscode.workspace.openTextDocument(envFile);
    assert.equal(envDocument.getText(), `${ENV_NAME}=${SECRET}\n`);
    const exampleDocument = await vscode.workspace.openTextDocument(exampleFile);
    assert.equal(exampleDocument.getText(), `PAYMENTS_URL=\nPAYMENTS_TOKEN=\nORDERS_DB_PASSWORD=\n${ENV_NAME}=\n`);

    // On disk after saving, and the server agrees: no plain secret, and the new name is defined.
    // (Saved one by one: workspace.saveAll() leaves the .env the edit created dirty in code-server.)
    for (const changed of [envDocument, exampleDocument, document]) assert.equal(await changed.save(), true, `saved ${path.basename(changed.uri.fsPath)}`);
    assert.equal(readFileSync(envFile.fsPath, 'utf8'), `${ENV_NAME}=${SECRET}\n`);
    assert.ok(!readFileSync(exampleFile.fsPath, 'utf8').includes(SECRET), '.env.example holds no value');
    assert.match(readFileSync(document.uri.fsPath, 'utf8'), new RegExp(`credentials: "\\$\\{${ENV_NAME}\\}"`));
    const after = await waitForDiagnostics(document.uri, `no plain-secret, and ${ENV_NAME} defined (the server re-read .env)`,
      (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'plain-secret' || x.message.includes(ENV_NAME)));
    assert.deepEqual([...byLine(after).keys()].sort((a, b) => a - b), [9, 10, 12, 14, 16, 17, 21, 22], 'every other problem stays');
    log(`  suite done ${Date.now() - started} ms after it started`);
  });
});
