/**
 * The vscode-free pieces shared by the code actions and the CLI: which calls are bare, the policy
 * for a call from integration-config.yml, offsets of findings, wrapped calls, the unified diff.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { Integration } from '../../../src/core/detection/types';
import { NO_CONFIG, policyConfigFromYaml } from '../../../src/client/resilience/plan/configPolicies';
import { FixPlanner } from '../../../src/client/resilience/plan/fixPlanner';
import type { PlanFs } from '../../../src/client/resilience/plan/planFs';
import { applyTextEdits } from '../../../src/core/resilience/rewrite/textEdit';
import { bareCall, isRewritableCall } from '../../../src/client/resilience/plan/httpCallRules';
import { findingOffsets, lineStarts } from '../../../src/client/resilience/plan/offsets';
import { unifiedDiff } from '../../../src/client/resilience/plan/unifiedDiff';
import { wrappedFindings } from '../../../src/client/resilience/plan/wrappedCalls';
import { tempDir, type TempDir } from './exampleCopy';

function finding(overrides: Partial<Integration>): Integration {
  return {
    file: 'src/a.ts', line: 1, column: 1, endLine: 1, endColumn: 2, kind: 'http', library: 'fetch', role: 'call', direction: 'outbound', test: false,
    resilience: { timeout: false, retry: false, circuitBreaker: false }, ...overrides,
  };
}

describe('bare calls', () => {
  test('TS/JS: a known missing timeout or retry; Python and Go: a known missing timeout; unknown never flags', () => {
    assert.equal(bareCall(finding({}))?.message, 'fetch call without timeout or retry, and no circuit breaker');
    assert.equal(bareCall(finding({ library: 'axios', resilience: { timeout: true, retry: false, circuitBreaker: false } }))?.message, 'axios call without retry, and no circuit breaker');
    // got retries by default but has no timeout.
    assert.equal(bareCall(finding({ library: 'got', resilience: { timeout: false, retry: true, circuitBreaker: false } }))?.message, 'got call without timeout, and no circuit breaker');
    assert.equal(bareCall(finding({ resilience: { timeout: 'unknown', retry: 'unknown', circuitBreaker: false } })), undefined);
    assert.equal(bareCall(finding({ resilience: { timeout: true, retry: true, circuitBreaker: false } })), undefined);
    assert.match(bareCall(finding({ file: 'w/main.py', library: 'requests' }))!.message, /^requests call without timeout=/);
    assert.equal(bareCall(finding({ file: 'w/main.py', library: 'requests', resilience: { timeout: true, retry: false, circuitBreaker: false } })), undefined);
    assert.match(bareCall(finding({ file: 'main.go', library: 'net/http' }))!.message, /without a timeout or context deadline/);
  });

  test('only libraries the rewriters handle, never the generated helpers, never inbound or declarations', () => {
    assert.equal(isRewritableCall(finding({ library: 'ky' })), false);
    assert.equal(isRewritableCall(finding({ file: 'src/integrations/resilience.ts' })), false);
    assert.equal(isRewritableCall(finding({ file: 'pkg/resilience_http.go', library: 'net/http' })), false);
    assert.equal(isRewritableCall(finding({ role: 'client' })), false);
    assert.equal(isRewritableCall(finding({ file: 'types.d.ts' })), false);
    assert.equal(isRewritableCall(finding({ file: 'x.py', library: 'aiohttp' })), false);
    assert.equal(isRewritableCall(finding({ file: 'x.mjs' })), true);
  });
});

describe('policy for a call', () => {
  const config = policyConfigFromYaml([
    'version: 1',
    'integrations:',
    '  - name: payments-api',
    '    target: { type: rest, endpoint: "${PAYMENTS_URL}/v1" }',
    '    resilience: { policy: fast }',
    '  - name: catalog',
    '    target: { type: rest, endpoint: "https://catalog.example.com/api" }',
    '    resilience: { policy: fast, timeout: 3s, retry: { max_retries: 7 } }',
    '  - name: off',
    '    enabled: false',
    '    target: { type: rest, endpoint: "${OFF_URL}" }',
    '    resilience: { policy: fast }',
    '  - name: orders-db',
    '    target: { type: postgres, endpoint: "${DATABASE_URL}" }',
    '    resilience: { policy: default, timeout: 1s }',
    'policies:',
    '  fast: { timeout: 1s, retry: { max_retries: 1, base_delay: 50ms } }',
    '',
  ].join('\n'), 'integration-config.yml');

  test('by env var, by host, else default; disabled integrations do not count', () => {
    assert.equal(config.policyFor({ envVars: ['PAYMENTS_URL'], target: '${PAYMENTS_URL}/charges' }), 'fast');
    assert.equal(config.policyFor({ target: 'https://catalog.example.com/items?x=1' }), 'catalog');
    assert.equal(config.policyFor({ host: 'CATALOG.example.com' }), 'catalog');
    assert.equal(config.policyFor({ envVars: ['OFF_URL'] }), 'default');
    assert.equal(config.policyFor({ target: 'https://elsewhere.example.com/' }), 'default');
  });

  test('the module carries default, the named policies and the HTTP integrations\' own (inline overrides on top of their base)', () => {
    assert.deepEqual(config.policies.map((p) => p.name), ['default', 'fast', 'catalog']);
    const catalog = config.policies.find((p) => p.name === 'catalog')!;
    assert.equal(catalog.attemptTimeoutMs, 3000);
    assert.equal(catalog.maxRetries, 7);
    assert.equal(catalog.initialDelayMs, 50, 'the rest comes from `fast`');
    assert.equal(config.policies[0]!.attemptTimeoutMs, 10_000, 'no `default` in the file: the built-in one');
  });

  test('text that is not a YAML mapping lends no policies', () => {
    assert.deepEqual(policyConfigFromYaml('version: [1\n').policies, NO_CONFIG.policies);
    assert.equal(policyConfigFromYaml('- a\n- b\n').policyFor({ envVars: ['X'] }), 'default');
  });
});

describe('offsets of findings', () => {
  const text = 'const a = 1;\r\nawait fetch(u);\n  x(fetch(v)\n';
  const starts = lineStarts(text);

  test('1-based lines and UTF-16 columns; the range must still end a call', () => {
    const range = findingOffsets(text, starts, { line: 2, column: 7, endLine: 2, endColumn: 15 });
    assert.deepEqual(range && text.slice(range.start, range.end), 'fetch(u)');
    // Stale: the text changed and the range no longer ends with `)`.
    assert.equal(findingOffsets(text, starts, { line: 2, column: 7, endLine: 2, endColumn: 13 }), undefined);
    assert.equal(findingOffsets(text, starts, { line: 9, column: 1, endLine: 9, endColumn: 3 }), undefined);
    assert.equal(findingOffsets(text, starts, { line: 1, column: 40, endLine: 2, endColumn: 15 }), undefined);
  });
});

describe('wrapped calls', () => {
  test('calls inside withResilience(…) are wrapped, others are not', async () => {
    const text = "import axios from 'axios';\nawait withResilience(() => axios.get(u), policies.default);\nawait axios.get(v);\n";
    const wrapped = finding({ library: 'axios', line: 2, column: 28, endLine: 2, endColumn: 40 });
    const bare = finding({ library: 'axios', line: 3, column: 7, endLine: 3, endColumn: 19 });
    const result = await wrappedFindings(text, 'a.ts', [wrapped, bare]);
    assert.deepEqual([...result], [wrapped]);
  });
});

describe('FixPlanner', () => {
  /** An in-memory file system: the planner only reads. */
  const memoryFs = (files: Record<string, string>): PlanFs => ({ readText: (file) => Promise.resolve(files[file]) });
  const config = 'version: 1\nintegrations:\n  - name: pay\n    target: { type: rest, endpoint: "${PAY_URL}" }\n    resilience: { policy: fast }\npolicies:\n  fast: { timeout: 1500ms }\n';

  test('Python: the policy\'s timeout in seconds, resilience.py planned once per folder', async () => {
    const planner = new FixPlanner({ boundary: '/w', fs: memoryFs({ '/w/integration-config.yml': config }) });
    const a = 'import os, requests\nr = requests.get(os.environ["PAY_URL"])\n';
    const first = await planner.planFile('/w/svc/a.py', a, [finding({ file: 'svc/a.py', library: 'requests', line: 2, column: 5, endLine: 2, endColumn: 40, envVars: ['PAY_URL'] })]);
    assert.equal(applyTextEdits(a, first.edits), 'import os, requests\nr = requests.get(os.environ["PAY_URL"], timeout=1.5)\n');
    assert.equal(first.adds, 'timeout');
    assert.deepEqual(first.creates.map((c) => c.path), ['/w/svc/resilience.py']);
    const b = 'import requests\nrequests.post("https://x.example.com/")\n';
    const second = await planner.planFile('/w/svc/b.py', b, [finding({ file: 'svc/b.py', library: 'requests', line: 2, column: 1, endLine: 2, endColumn: 40 })]);
    assert.equal(applyTextEdits(b, second.edits), 'import requests\nrequests.post("https://x.example.com/", timeout=10)\n', 'default policy: 10 s');
    assert.deepEqual(second.creates, [], 'the helper is already planned');
  });

  test('Go: client.Do gets a deadline only, and says so; the helper in the file\'s package', async () => {
    const planner = new FixPlanner({ boundary: '/w', fs: memoryFs({}) });
    const text = 'package client\n\nimport "net/http"\n\nfunc get(c *http.Client, r *http.Request) (*http.Response, error) {\n\treturn c.Do(r)\n}\n';
    const plan = await planner.planFile('/w/client/get.go', text, [finding({ file: 'client/get.go', library: 'net/http', line: 6, column: 9, endLine: 6, endColumn: 16 })]);
    assert.match(applyTextEdits(text, plan.edits), /\treturn doWithDeadline\(c, r\)\n/);
    assert.equal(plan.adds, 'deadline');
    assert.equal(plan.fixed, 1);
    assert.match(plan.creates[0]!.content, /^package client$/m);
  });

  test('an existing file at the module path that is not the module: every call skipped with the reason', async () => {
    const planner = new FixPlanner({ boundary: '/w', fs: memoryFs({ '/w/package.json': '{}', '/w/src/integrations/resilience.js': 'module.exports = {};\n' }) });
    const text = 'fetch(u);\n';
    const plan = await planner.planFile('/w/src/a.js', text, [finding({ file: 'src/a.js', line: 1, column: 1, endLine: 1, endColumn: 9 })]);
    assert.deepEqual(plan.edits, []);
    assert.match(plan.skipped[0]!.reason, /exists but is not the resilience module/);
  });
});

describe('unified diff', () => {
  const temps: TempDir[] = [];
  after(() => temps.forEach((t) => t.cleanup()));

  test('hunks with 3 lines of context that `patch` applies exactly, on 200 random edits', () => {
    const temp = tempDir('diff');
    temps.push(temp);
    let seed = 7;
    const random = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    for (let run = 0; run < 200; run++) {
      const a = Array.from({ length: Math.floor(random() * 40) }, () => `line ${Math.floor(random() * 6)}`);
      const b = a.flatMap((line) => { const p = random(); return p < 0.1 ? [] : p < 0.2 ? [line, `new ${run}`] : p < 0.25 ? ['changed'] : [line]; });
      const before = a.map((l) => `${l}\n`).join('');
      const after = b.map((l) => `${l}\n`).join('');
      const diff = unifiedDiff('f.txt', before, after);
      if (before === after) { assert.equal(diff, ''); continue; }
      const file = path.join(temp.dir, 'f.txt');
      writeFileSync(file, before);
      writeFileSync(path.join(temp.dir, 'f.patch'), diff);
      execFileSync('patch', ['-s', '-p1', '-i', 'f.patch'], { cwd: temp.dir });
      assert.equal(readFileSync(file, 'utf8'), after, `run ${run}:\n${diff}`);
    }
  });

  test('the format: headers, ranges, a new file from /dev/null', () => {
    assert.equal(unifiedDiff('a.ts', 'a\nb\nc\n', 'a\nB\nc\n'), '--- a/a.ts\n+++ b/a.ts\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    assert.equal(unifiedDiff('n.ts', undefined, 'x\ny\n'), '--- /dev/null\n+++ b/n.ts\n@@ -0,0 +1,2 @@\n+x\n+y\n');
  });
});
