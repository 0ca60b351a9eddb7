/**
 * Robustness: thousands of mutated documents (seeded, reproducible) through the validator,
 * completion, hover and symbols; none may throw, hit the validator's internal-failure path, or
 * take long. Every document the fast parser accepts is also parsed by `yaml`, which must find
 * no error and the same tree. Plus the named hazards: alias bombs, 5 MB, binary, deep nesting.
 * FUZZ_DOCS=20000 FUZZ_SEED=7 to search harder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateConfig } from '../../../bench/config.bench';
import { fastParseYaml } from '../../../src/core/config/fastYaml';
import { buildJsonSchema } from '../../../src/core/config/jsonSchema';
import { parseYaml } from '../../../src/core/config/parseYaml';
import { validateConfig } from '../../../src/core/config/validate';
import { ConfigCompletion } from '../../../src/server/config/completion';
import { ConfigHover } from '../../../src/server/config/hover';
import { ParsedDocuments } from '../../../src/server/config/parsedDocuments';
import { ConfigSymbols } from '../../../src/server/config/symbols';
import { ISSUE_EXAMPLE } from './helpers';

const DOCS = Number(process.env.FUZZ_DOCS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20251125);
const MAX_MS = 200;

/** mulberry32: small, fast, good enough to pick mutations reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD = ['\t', '\n', '\r', '\r\n', '\0', '\uFFFD', '\uD800', '\u00A0', '😀', '"', "'", ':', ': ', '- ', '{', '}', '[', ']', '&a ', '*a', '!tag ', '|', '>', '#', '%', '@', '`', '?', ',', '<<: ', '\\', '${', '}', '0x1F', '.inf', '~', '  ', '\uFEFF', '\u2028', '\x85'];

function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const at = () => Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 9)) {
    case 0: { // byte flip
      const i = at();
      return text.slice(0, i) + (random() < 0.5 ? String.fromCharCode(32 + Math.floor(random() * 95)) : pick(ODD)) + text.slice(i + 1);
    }
    case 1: return text.slice(0, at()); // truncation
    case 2: { // duplication of a slice elsewhere
      const a = at();
      const b = Math.min(text.length, a + Math.floor(random() * 200));
      const c = at();
      return text.slice(0, c) + text.slice(a, b) + text.slice(c);
    }
    case 3: { // a tab at a line start
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      lines[i] = '\t' + lines[i];
      return lines.join('\n');
    }
    case 4: { // an anchor before a value, an alias instead of one
      const i = text.indexOf(': ', at());
      if (i < 0) return text;
      return random() < 0.5 ? `${text.slice(0, i + 2)}&a ${text.slice(i + 2)}` : `${text.slice(0, i + 2)}*a${text.slice(text.indexOf('\n', i) >>> 0 || text.length)}`;
    }
    case 5: { // deletion
      const a = at();
      return text.slice(0, a) + text.slice(Math.min(text.length, a + Math.floor(random() * 40)));
    }
    case 6: { // swapped lines
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      const j = Math.floor(random() * lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 7: { // indentation shifted
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      lines[i] = random() < 0.5 ? `  ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
    default: { // an odd token inserted
      const i = at();
      return text.slice(0, i) + pick(ODD) + text.slice(i);
    }
  }
}

const normalize = (node: unknown) => JSON.stringify(node, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : Object.is(value, -0) ? '-0' : value));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

test(`fuzz: ${DOCS} mutated documents, no crash, bounded time, fast path agrees with yaml`, async () => {
  const root = path.resolve(__dirname, '../../..');
  const corpus = [
    ISSUE_EXAMPLE,
    readFileSync(path.join(root, 'test/fixtures/config/correct.integration.yml'), 'utf8'),
    readFileSync(path.join(root, 'test/fixtures/config/broken.integration.yml'), 'utf8'),
    generateConfig(120),
    'version: 1\nintegrations:\n  - name: a\n    target: { type: rest, endpoint: "${A}" }\npolicies:\n  base: &base\n    timeout: 1s\n  b:\n    <<: *base\n',
  ];
  const random = prng(SEED);
  const parsed = new ParsedDocuments();
  const deps = { schema: buildJsonSchema(), parsed, envNamesFor: async () => new Set(['A']), redHatYamlActive: () => false };
  const completion = new ConfigCompletion(deps);
  const hover = new ConfigHover(deps);
  const symbols = new ConfigSymbols(parsed);
  const wall: number[] = [];
  const cpu: number[] = [];
  const texts: string[] = [];
  let fastAccepted = 0;
  for (let n = 0; n < DOCS; n++) {
    let text = corpus[n % corpus.length]!;
    const mutations = 1 + Math.floor(random() * 4);
    for (let m = 0; m < mutations; m++) text = mutate(text, random);
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const diagnostics = validateConfig(text, { uri: 'file:///w/integration-config.yml', workspaceEnv: new Set(['A']), inventoryTargets: [{ name: 'a', hosts: ['a.example'] }] });
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    texts.push(text);
    const failure = diagnostics.find((d) => d.message.startsWith('the validator failed'));
    assert.equal(failure, undefined, `validator failure on document ${n} (seed ${SEED}): ${JSON.stringify(text.slice(0, 300))}`);

    const fast = fastParseYaml(text);
    if (fast) {
      fastAccepted++;
      const slow = parseYaml(text, { fast: false });
      assert.deepEqual(slow.problems.filter((p) => p.severity === 'error'), [], `fast path accepted invalid YAML (document ${n}): ${JSON.stringify(text.slice(0, 400))}`);
      assert.equal(normalize(fast.root), normalize(slow.root), `trees differ (document ${n}): ${JSON.stringify(text.slice(0, 400))}`);
    }
    if (n % 25 === 0) {
      const document = TextDocument.create('file:///w/integration-config.yml', 'yaml', n, text);
      for (let k = 0; k < 4; k++) {
        const position = document.positionAt(Math.floor(random() * (text.length + 1)));
        await completion.complete(document, position);
        await hover.hover(document, position);
      }
      symbols.symbols(document);
    }
  }
  const report = (name: string, values: number[]) => `${name} max ${Math.max(...values).toFixed(1)} ms, p99 ${percentile(values, 0.99).toFixed(1)} ms, median ${percentile(values, 0.5).toFixed(2)} ms`;
  console.log(`fuzz: ${DOCS} documents (seed ${SEED}); fast path took ${fastAccepted}; ${report('wall', wall)}; ${report('cpu', cpu)}`);
  // CPU time, not wall time, and the best of three runs of the slowest documents: a garbage
  // collection or a busy shared machine must not fail the test; a slow input is slow every time.
  const slowest = cpu.map((ms, i) => [ms, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 5);
  for (const [, i] of slowest) {
    const best = Math.min(...[0, 1, 2].map(() => {
      const cpuStart = process.cpuUsage();
      validateConfig(texts[i]!, { uri: 'file:///w/integration-config.yml', workspaceEnv: new Set(['A']) });
      const used = process.cpuUsage(cpuStart);
      return (used.user + used.system) / 1000;
    }));
    assert.ok(best < MAX_MS, `document ${i} takes ${best.toFixed(1)} ms of CPU: ${JSON.stringify(texts[i]!.slice(0, 300))}`);
  }
  assert.ok(fastAccepted > DOCS / 20, `the fast path took only ${fastAccepted} documents: the differential check tested little`);
});

test('alias bomb (billion laughs): rejected quickly with an alias-limit error', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  const started = performance.now();
  const diagnostics = validateConfig(lines.join('\n') + '\n', { uri: 'x' });
  const took = performance.now() - started;
  assert.ok(diagnostics.some((d) => d.code === 'alias-limit'), JSON.stringify(diagnostics));
  assert.ok(took < 2000, `${took} ms`);
});

test('a 5 MB file is validated in bounded time (fast path, and yaml when cut mid-line); above the editor limit it is skipped at once', () => {
  const text = generateConfig(170_000);
  assert.ok(text.length >= 5 * 1024 * 1024, `${text.length}`);
  // Cut inside a flow mapping near the end: not the fast path's YAML, so `yaml` parses all of it.
  const cut = text.slice(0, text.lastIndexOf('{ type: service') + 8);
  for (const [name, doc, expected] of [['fast path', text, []], ['cut inside a { … }', cut, ['yaml-syntax']]] as const) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const diagnostics = validateConfig(doc, { uri: 'x' });
    const usage = process.cpuUsage(cpuStart);
    const used = (usage.user + usage.system) / 1000;
    console.log(`5 MB, ${name}: ${(performance.now() - started).toFixed(0)} ms wall, ${used.toFixed(0)} ms cpu, ${diagnostics.length} diagnostics`);
    assert.ok(used < 30_000);
    assert.deepEqual([...new Set(diagnostics.map((d) => d.code))].filter((code) => code === 'yaml-syntax'), expected);
  }
  const skippedAt = performance.now();
  assert.deepEqual(validateConfig(text, { uri: 'x', maxLength: 1024 * 1024 }).map((d) => d.code), ['file-too-large']);
  assert.ok(performance.now() - skippedAt < 100);
});

test('binary garbage, invalid UTF-8, deep nesting and odd documents never throw', () => {
  const random = prng(SEED + 1);
  const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, () => Math.floor(random() * 256)));
  const texts = [
    new TextDecoder('utf-8').decode(bytes),
    bytes.toString('latin1'),
    '['.repeat(50_000),
    '{a: '.repeat(20_000),
    Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
    '- '.repeat(10_000) + 'x',
    '---\nversion: 1\n---\nversion: 2\n',
    '%YAML 1.2\n---\nversion: 1\n',
    'version: !!binary aGVsbG8=\nintegrations: !custom []\n',
    '? complex\n: key\n',
    'a: |\n  block\n  scalar\nb: >-\n  folded\n',
    '',
    '\uFEFFversion: 1\n',
  ];
  for (const text of texts) {
    const started = performance.now();
    const diagnostics = validateConfig(text, { uri: 'x', workspaceEnv: new Set() });
    assert.ok(Array.isArray(diagnostics));
    assert.equal(diagnostics.find((d) => d.message.startsWith('the validator failed')), undefined, JSON.stringify(text.slice(0, 60)));
    assert.ok(performance.now() - started < 10_000, JSON.stringify(text.slice(0, 60)));
  }
});
