/** Completion, hover and symbols: the server's plain classes, given cursor-marked documents. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, MarkupContent, Position } from 'vscode-languageserver';
import { buildJsonSchema } from '../../../src/core/config/jsonSchema';
import { LineIndex } from '../../../src/core/config/lineIndex';
import { ConfigCompletion } from '../../../src/server/config/completion';
import { ConfigHover } from '../../../src/server/config/hover';
import { ParsedDocuments } from '../../../src/server/config/parsedDocuments';
import { ConfigSymbols } from '../../../src/server/config/symbols';
import { marked } from './helpers';

function features(redHat = false) {
  const parsed = new ParsedDocuments();
  const deps = { schema: buildJsonSchema(), parsed, envNamesFor: async () => new Set(['PAYMENTS_URL', 'PAYMENTS_TOKEN']), redHatYamlActive: () => redHat };
  return { completion: new ConfigCompletion(deps), hover: new ConfigHover(deps), symbols: new ConfigSymbols(parsed) };
}

function at(source: string): { document: TextDocument; position: Position } {
  const { text, start } = marked(source);
  return { document: TextDocument.create('file:///w/integration-config.yml', 'yaml', 1, text), position: new LineIndex(text).positionAt(start) };
}

async function complete(source: string, redHat = false): Promise<CompletionItem[]> {
  const { document, position } = at(source);
  return features(redHat).completion.complete(document, position);
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const BASE = 'version: 1\nintegrations:\n  - name: a\n    target:\n      type: rest\n';

test('key completion offers the missing keys of the mapping, with docs and required first', async () => {
  const items = await complete(`${BASE}      |\n`);
  assert.deepEqual(labels(items).sort(), ['auth', 'destination', 'endpoint', 'headers']);
  const endpoint = items.find((item) => item.label === 'endpoint')!;
  assert.match((endpoint.documentation as MarkupContent).value, /checked against `type`/);
  assert.equal(endpoint.detail, 'text (required)');
  assert.ok(endpoint.sortText! < items.find((item) => item.label === 'auth')!.sortText!);
  const auth = items.find((item) => item.label === 'auth')!;
  assert.equal((auth.textEdit as { newText: string }).newText, 'auth:\n        $0');
});

test('key completion in a flow mapping and after a partial word', async () => {
  const items = await complete('version: 1\npolicies:\n  default:\n    retry: { max_retries: 3, back| }\n');
  assert.ok(labels(items).includes('backoff'));
  assert.ok(!labels(items).includes('max_retries'));
  const backoff = items.find((item) => item.label === 'backoff')!;
  assert.equal((backoff.textEdit as { range: { start: Position } }).range.start.character, 29);
});

test('enum values complete with their docs; booleans; examples are quoted when YAML needs it', async () => {
  const backoff = await complete('version: 1\npolicies:\n  default:\n    retry:\n      backoff: |\n');
  assert.deepEqual(labels(backoff), ['constant', 'linear', 'exponential']);
  assert.match((backoff[2]!.documentation as MarkupContent).value, /base_delay × 2\^\(n-1\)/);
  assert.deepEqual(labels(await complete(`${BASE}    monitoring: { metrics: | }\n`)).slice(0, 2), ['true', 'false']);
  const afterColon = await complete('version: 1\npolicies:\n  default:\n    retry:\n      backoff:|\n');
  assert.equal((afterColon[0]!.textEdit as { newText: string }).newText, ' constant', 'a space is added after a bare colon');
  const frequency = await complete(`${BASE}    sync:\n      frequency: |\n`);
  assert.equal(frequency.find((item) => item.label === '*/5 * * * *')?.insertText, '"*/5 * * * *"');
});

test('policy: completes the policy names of the document, also with Red Hat YAML active', async () => {
  const source = `${BASE}    resilience: { policy: | }\npolicies:\n  default:\n    timeout: 10s\n  careful:\n    retry: { max_retries: 5 }\n`;
  for (const redHat of [false, true]) {
    const items = await complete(source, redHat);
    assert.deepEqual(labels(items).slice(0, 2), ['default', 'careful']);
    assert.match((items[1]!.documentation as MarkupContent).value, /retry: 5 retries/);
  }
});

test('${ completes environment variable names of the workspace', async () => {
  const items = await complete(`${BASE}      endpoint: "\${PAY|"\n`);
  assert.deepEqual(labels(items), ['PAYMENTS_TOKEN', 'PAYMENTS_URL']);
  assert.equal((items[1]!.textEdit as { newText: string }).newText, 'PAYMENTS_URL}');
});

test('snippets: New integration on a new list item, New policy under policies', async () => {
  const item = (await complete(`${BASE}  - |\n`)).find((i) => i.label === 'New integration')!;
  const text = (item.textEdit as { newText: string }).newText;
  assert.ok(text.startsWith('name: ${1:payments-api}\n    source:\n      type: ${2|service,'), text);
  assert.ok(text.includes('endpoint: "\\${${4:PAYMENTS_URL}}"'), text);
  const noDash = (await complete(`${BASE}  |\n`)).find((i) => i.label === 'New integration')!;
  assert.ok((noDash.textEdit as { newText: string }).newText.startsWith('- name: ${1:payments-api}\n    source:'));
  const policy = (await complete('version: 1\npolicies:\n  default:\n    timeout: 1s\n  |\n')).find((i) => i.label === 'New policy')!;
  assert.ok((policy.textEdit as { newText: string }).newText.startsWith('${1:default}:\n    timeout: ${2:10s}\n    retry:'));
});

test('with Red Hat YAML active, no key or enum completion (its JSON Schema gives them)', async () => {
  assert.deepEqual(await complete(`${BASE}      |\n`, true), []);
  assert.deepEqual(await complete('version: 1\npolicies:\n  default:\n    retry:\n      backoff: |\n', true), []);
});

test('hover: key docs from the schema, enum value docs, policy summary, env var status', async () => {
  const hover = async (source: string, redHat = false) => {
    const { document, position } = at(source);
    const result = await features(redHat).hover.hover(document, position);
    return result ? (result.contents as MarkupContent).value : undefined;
  };
  assert.match((await hover('version: 1\npolicies:\n  default:\n    retry: { max_re|tries: 3 }\n'))!, /^\*\*`max_retries`\*\* · whole number ≥ 0 or `\$\{VAR\}`\n\nRetries after the first attempt/);
  assert.match((await hover('version: 1\npolicies:\n  default:\n    retry: { backoff: expo|nential }\n'))!, /^\*\*`exponential`\*\*: Wait `base_delay × 2/);
  const policy = `${BASE}    resilience: { policy: de|fault }\npolicies:\n  default:\n    timeout: 10s\n`;
  assert.match((await hover(policy))!, /\*\*Policy `default`\*\*\n\n- timeout: 10s/);
  assert.match((await hover(policy, true))!, /Policy `default`/, 'policy hover stays with Red Hat YAML');
  assert.match((await hover(`${BASE}      endpoint: "\${PAYMENTS_|URL}/v1"\n`))!, /`PAYMENTS_URL`: defined in the workspace/);
  assert.match((await hover(`${BASE}      endpoint: "\${NOPE|}/v1"\n`))!, /`NOPE`: not defined/);
  assert.equal(await hover('version: 1\npolicies:\n  default:\n    retry: { max_re|tries: 3 }\n', true), undefined);
});

test('document symbols: integrations by name, policies by name, sections below', () => {
  const { document } = at(`${BASE}      endpoint: x\n  - name: orders\n    target: { type: rest, endpoint: y }\npolicies:\n  default:\n    timeout: 10s\n|`);
  const symbols = features().symbols.symbols(document);
  assert.deepEqual(symbols.map((s) => s.name), ['version', 'integrations', 'policies']);
  assert.deepEqual(symbols[1]!.children!.map((s) => s.name), ['a', 'orders']);
  assert.deepEqual(symbols[1]!.children![0]!.children!.map((s) => s.name), ['name', 'target']);
  assert.deepEqual(symbols[2]!.children!.map((s) => s.name), ['default']);
});

test('features survive any text: completion, hover and symbols on garbage never throw', async () => {
  const { completion, hover, symbols } = features();
  for (const text of ['', ':', '- - -\n  ? x\n', '{[}]', 'a: &x [*x]\n', '\u0000\uFFFD\t\t:', 'a:\n  b:\n    c: |\n      x\n']) {
    const document = TextDocument.create('file:///w/integration-config.yml', 'yaml', 1, text);
    for (let offset = 0; offset <= text.length; offset++) {
      const position = document.positionAt(offset);
      await completion.complete(document, position);
      await hover.hover(document, position);
    }
    symbols.symbols(document);
  }
});
