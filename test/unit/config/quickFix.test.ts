/**
 * The code actions, through the server's ConfigCodeActions class with an in-memory file
 * system: the edits are applied to the texts and the result validated again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { validateConfig } from '../../../src/core/config/validate';
import { ConfigCodeActions } from '../../../src/server/config/codeActions';
import { toLspDiagnostic } from '../../../src/server/config/lspConvert';
import { ParsedDocuments } from '../../../src/server/config/parsedDocuments';
import { pathToUri, uriToPath } from '../../../src/server/config/uri';

const ROOT = path.resolve('/workspace/app');
const CONFIG = path.join(ROOT, 'integration-config.yml');
const SECRET = 'sk_live_51Habc_do_not_log';

function setup(files: Record<string, string>) {
  const fs = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const parsed = new ParsedDocuments();
  const actions = new ConfigCodeActions({
    parsed,
    readText: async (file) => fs.get(file),
    workspaceRootFor: () => ROOT,
    envNamesFor: async () => new Set(),
  });
  const document = TextDocument.create(pathToUri(CONFIG), 'yaml', 7, fs.get(CONFIG)!);
  const diagnostics: Diagnostic[] = validateConfig(document.getText(), { uri: document.uri }).map(toLspDiagnostic);
  return { fs, actions, document, diagnostics };
}

/** Applies a WorkspaceEdit to the in-memory files (creates, then text edits from the end backwards). */
function apply(fs: Map<string, string>, edit: WorkspaceEdit): void {
  const byFile = new Map<string, TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) byFile.set(uriToPath(uri)!, [...edits]);
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      const file = uriToPath(change.uri)!;
      if (!fs.has(file)) fs.set(file, '');
      continue;
    }
    const textEdit = change as TextDocumentEdit;
    const file = uriToPath(textEdit.textDocument.uri)!;
    byFile.set(file, [...(byFile.get(file) ?? []), ...(textEdit.edits as TextEdit[])]);
  }
  for (const [file, edits] of byFile) {
    assert.ok(fs.has(file), `edit of a file that does not exist: ${file}`);
    const document = TextDocument.create(pathToUri(file), 'text', 0, fs.get(file)!);
    fs.set(file, TextDocument.applyEdits(document, edits));
  }
}

function find(actions: CodeAction[], title: RegExp): CodeAction {
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} in ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

const CONFIG_TEXT = `version: 1
integrations:
  - name: payments-api
    target:
      type: rest
      endpoint: https://api.example.com
      auth: { type: bearer, credentials: "${SECRET}" }
`;

test('move secret to .env: creates .env and .env.example, writes ${NAME}, and the error is gone', async () => {
  const { fs, actions, document, diagnostics } = setup({ 'integration-config.yml': CONFIG_TEXT, '.gitignore': 'node_modules/\n' });
  const secretDiagnostic = diagnostics.find((d) => d.code === 'plain-secret')!;
  const action = find(await actions.actions(document, [secretDiagnostic]), /^Move secret to \.env/);
  assert.equal(action.title, 'Move secret to .env as ${PAYMENTS_API_TOKEN}');
  assert.equal(action.kind, 'quickfix');
  assert.ok(!action.title.includes(SECRET));
  const creates = (action.edit!.documentChanges ?? []).filter((c) => 'kind' in c).map((c) => path.basename(uriToPath((c as { uri: string }).uri)!));
  assert.deepEqual(creates.sort(), ['.env', '.env.example']);
  const configEdit = (action.edit!.documentChanges ?? []).find((c) => !('kind' in c) && (c as TextDocumentEdit).textDocument.uri === document.uri) as TextDocumentEdit;
  assert.equal(configEdit.textDocument.version, 7, 'the config edit is tied to the document version');

  apply(fs, action.edit!);
  assert.equal(fs.get(path.join(ROOT, '.env')), `PAYMENTS_API_TOKEN=${SECRET}\n`);
  assert.equal(fs.get(path.join(ROOT, '.env.example')), 'PAYMENTS_API_TOKEN=\n');
  assert.equal(fs.get(path.join(ROOT, '.gitignore')), 'node_modules/\n.env\n');
  const config = fs.get(CONFIG)!;
  assert.ok(config.includes('credentials: "${PAYMENTS_API_TOKEN}" }'), config);
  assert.ok(!config.includes(SECRET));
  const after = validateConfig(config, { uri: 'x', workspaceEnv: new Set(['PAYMENTS_API_TOKEN']) });
  assert.deepEqual(after, []);
});

test('move secret to .env: appends to an existing .env, picks a free name, leaves an ignoring .gitignore alone', async () => {
  const { fs, actions, document, diagnostics } = setup({
    'integration-config.yml': CONFIG_TEXT,
    '.env': 'PAYMENTS_API_TOKEN=something-else',
    '.env.example': 'PAYMENTS_API_TOKEN=\n',
    '.gitignore': '.env*\n!.env.example\n',
  });
  const action = find(await actions.actions(document, diagnostics), /^Move secret/);
  apply(fs, action.edit!);
  assert.equal(fs.get(path.join(ROOT, '.env')), `PAYMENTS_API_TOKEN=something-else\nPAYMENTS_API_TOKEN_2=${SECRET}\n`);
  assert.equal(fs.get(path.join(ROOT, '.env.example')), 'PAYMENTS_API_TOKEN=\nPAYMENTS_API_TOKEN_2=\n');
  assert.equal(fs.get(path.join(ROOT, '.gitignore')), '.env*\n!.env.example\n');
  assert.ok(fs.get(CONFIG)!.includes('"${PAYMENTS_API_TOKEN_2}"'));
});

test('move secret to .env: a password inside a URL becomes ${NAME} in place', async () => {
  const text = CONFIG_TEXT.replace('type: rest\n      endpoint: https://api.example.com\n      auth: { type: bearer, credentials: "sk_live_51Habc_do_not_log" }', 'type: postgres\n      endpoint: postgres://svc:p%40ss@db:5432/app');
  const { fs, actions, document, diagnostics } = setup({ 'integration-config.yml': text });
  apply(fs, find(await actions.actions(document, diagnostics), /^Move secret/).edit!);
  assert.ok(fs.get(CONFIG)!.includes('endpoint: "postgres://svc:${PAYMENTS_API_PASSWORD}@db:5432/app"'), fs.get(CONFIG));
  assert.equal(fs.get(path.join(ROOT, '.env')), 'PAYMENTS_API_PASSWORD=p%40ss\n');
});

test('did you mean: the quick fix replaces the key or value', async () => {
  const text = CONFIG_TEXT.replace(`"${SECRET}"`, '"${TOKEN}"') + 'policies:\n  default:\n    retry: { max_retry: 3, backoff: exponental }\n';
  const { fs, actions, document, diagnostics } = setup({ 'integration-config.yml': text });
  const all = await actions.actions(document, diagnostics);
  // Both edits were made for the same version: apply the later one in the line first.
  apply(fs, find(all, /^Change to `exponential`/).edit!);
  apply(fs, find(all, /^Change to `max_retries`/).edit!);
  assert.ok(fs.get(CONFIG)!.includes('retry: { max_retries: 3, backoff: exponential }'), fs.get(CONFIG));
});

test('undefined ${VAR}: declare it in .env.example; unknown policy: create it', async () => {
  const text = CONFIG_TEXT.replace(`"${SECRET}"`, '"${TOKEN}"') + '    resilience: { policy: careful }\npolicies:\n  default:\n    timeout: 10s\n';
  const { fs, actions, document } = setup({ 'integration-config.yml': text, '.env.example': 'OTHER=' });
  const diagnostics = validateConfig(text, { uri: document.uri, workspaceEnv: new Set(['OTHER']) }).map(toLspDiagnostic);
  const all = await actions.actions(document, diagnostics);
  apply(fs, find(all, /^Declare TOKEN in \.env\.example/).edit!);
  assert.equal(fs.get(path.join(ROOT, '.env.example')), 'OTHER=\nTOKEN=\n');
  apply(fs, find(all, /^Create policy `careful`/).edit!);
  const config = fs.get(CONFIG)!;
  assert.ok(config.includes('  careful:\n    timeout: 10s\n    retry: {'), config);
  assert.deepEqual(validateConfig(config, { uri: 'x', workspaceEnv: new Set(['TOKEN']) }), []);
});

test('create policy when there is no policies: section yet', async () => {
  const text = CONFIG_TEXT.replace(`"${SECRET}"`, '"${TOKEN}"') + '    resilience: { policy: careful }';
  const { fs, actions, document, diagnostics } = setup({ 'integration-config.yml': text });
  apply(fs, find(await actions.actions(document, diagnostics), /^Create policy/).edit!);
  assert.deepEqual(validateConfig(fs.get(CONFIG)!, { uri: 'x' }), []);
});
