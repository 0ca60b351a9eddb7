/**
 * `integration-orchestrator fix` on a copy of examples/ (never the real one): the TypeScript
 * service still compiles under `tsc --strict` with its calls routed through the module, the Python
 * worker compiles with `timeout=` on every requests call, `--dry-run` writes nothing, a second
 * run changes nothing, and nothing outside the given folder or files is touched.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyExamples, fix, python, snapshot, tempDir, tscStrict, type TempDir } from './exampleCopy';

const temps: TempDir[] = [];
after(() => temps.forEach((t) => t.cleanup()));
function freshExamples(): string {
  const temp = tempDir('examples');
  temps.push(temp);
  return copyExamples(temp.dir);
}

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');

const REQUESTS_TIMEOUTS = `
import ast, sys
tree = ast.parse(open(sys.argv[1]).read())
calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
         and isinstance(n.func.value, ast.Name) and n.func.value.id == "requests"]
print(len(calls), sum(1 for c in calls if any(k.arg == "timeout" for k in c.keywords)))
`;

function hasGofmt(): boolean {
  try {
    execFileSync('gofmt', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // gofmt -h exits 2 after printing its usage: it is there.
    return (error as { status?: number }).status === 2;
  }
}

describe('fix on a copy of examples/', () => {
  let root: string;
  let dryRun: { code: number; out: string; err: string };
  let first: { code: number; out: string; err: string };
  let beforeDryRun: Map<string, string>;
  let afterDryRun: Map<string, string>;

  before(async () => {
    root = freshExamples();
    // The copy compiles before the fix: what breaks afterwards is the fix's doing.
    await tscStrict(path.join(root, 'orders-service'));
    beforeDryRun = snapshot(root);
    dryRun = await fix(['--dry-run'], root);
    afterDryRun = snapshot(root);
    first = await fix(['.'], root);
  });

  test('--dry-run prints the diff and leaves every file byte-identical', () => {
    assert.equal(dryRun.code, 0, dryRun.err);
    assert.deepEqual(afterDryRun, beforeDryRun);
    assert.match(dryRun.out, /^--- a\/orders-service\/src\/payments\.ts\n\+\+\+ b\/orders-service\/src\/payments\.ts$/m);
    assert.match(dryRun.out, /^\+ {2}const res = await resilientFetch\(`\$\{process\.env\.PAYMENTS_URL\}\/charges`, \{$/m);
    assert.match(dryRun.out, /^--- \/dev\/null\n\+\+\+ b\/orders-service\/src\/integrations\/resilience\.ts$/m);
    assert.match(dryRun.err, /would fix 6 calls in 5 files/);
    assert.match(dryRun.err, /dry run: nothing written/);
    // What the dry run announced is exactly what the real run did.
    assert.equal(first.out, dryRun.out);
  });

  test('writes the module once and routes the fetch and axios calls through it', () => {
    assert.equal(first.code, 0, first.err);
    assert.match(first.err, /^fixed 6 calls in 5 files$/m);
    assert.match(first.err, /^wrote orders-service\/src\/integrations\/resilience\.ts$/m);
    assert.equal(first.err.match(/^wrote .*resilience\.(ts|js)$/gm)?.length, 1);
    const module = read(root, 'orders-service/src/integrations/resilience.ts');
    assert.match(module, /export async function resilientFetch\(/);
    // The config's `default` policy (timeout 5s, max_delay 5s), not the built-in one.
    assert.match(module, /attemptTimeoutMs: 5000,/);
    assert.match(module, /aggressive: \{/);

    const payments = read(root, 'orders-service/src/payments.ts');
    assert.match(payments, /^import \{ resilientFetch, policies \} from "\.\/integrations\/resilience";$/m);
    assert.match(payments, /await resilientFetch\(`\$\{process\.env\.PAYMENTS_URL\}\/charges`, \{[\s\S]*?\n {2}\}, policies\.default\);/);
    const shipping = read(root, 'orders-service/src/shipping.ts');
    assert.match(shipping, /await resilientFetch\(`\$\{BASE\}\/v2\/quotes\?[^\n]*, undefined, policies\.default\);/);
    const inventory = read(root, 'orders-service/src/inventory.ts');
    assert.match(inventory, /await withResilience\(\(\) => inventory\.get<\{ sku: string; available: number \}>\(/);
    assert.match(inventory, /await withResilience\(\(\) => inventory\.post\("\/reservations", \{ sku, quantity, orderId \}\), policies\.default, \{ method: 'POST' \}\);/);
    for (const file of ['payments.ts', 'shipping.ts', 'inventory.ts']) {
      const text = read(root, `orders-service/src/${file}`);
      assert.doesNotMatch(text, /(?<![\w.])fetch\(/, `${file} still calls fetch directly`);
      assert.equal(text.match(/from "\.\/integrations\/resilience"/g)?.length, 1, `${file} imports the module once`);
    }
    // labels.ts has a local function named fetch: not an HTTP call, not touched.
    assert.equal(read(root, 'orders-service/src/labels.ts'), readFileSync(path.join(__dirname, '../../../examples/orders-service/src/labels.ts'), 'utf8'));
  });

  test('the TypeScript service still compiles with tsc --noEmit --strict', async () => {
    await tscStrict(path.join(root, 'orders-service'));
  });

  test('the Python worker compiles and every requests call has timeout=', async () => {
    await python(['-m', 'py_compile', 'worker/main.py', 'worker/resilience.py'], path.join(root, 'worker'));
    const [calls, withTimeout] = (await python(['-c', REQUESTS_TIMEOUTS, 'worker/main.py'], path.join(root, 'worker'))).trim().split(' ').map(Number);
    assert.equal(calls, 2);
    assert.equal(withTimeout, calls);
    // The first call had none: it gets the default policy's timeout (5s in integration-config.yml).
    assert.match(read(root, 'worker/worker/main.py'), /params=\{"sku": ",".join\(skus\)\}, timeout=5\)/);
    assert.match(read(root, 'worker/worker/resilience.py'), /def resilient_session\(/);
  });

  test('the Go service calls the retrying client from a helper in its package', { skip: !hasGofmt() && 'gofmt not installed' }, () => {
    const main = read(root, 'inventory-go/main.go');
    assert.match(main, /resp, err := resilientHTTPClient\.Get\(os\.Getenv\("PRICING_URL"\) \+ "\/prices"\)/);
    assert.match(read(root, 'inventory-go/resilience_http.go'), /^package main$/m);
    // gofmt -l prints files that are not formatted; -e fails on syntax errors.
    assert.equal(execFileSync('gofmt', ['-e', '-l', 'main.go', 'resilience_http.go'], { cwd: path.join(root, 'inventory-go'), encoding: 'utf8' }), '');
  });

  test('a second run changes nothing', async () => {
    const snap = snapshot(root);
    const second = await fix([], root);
    assert.equal(second.code, 0, second.err);
    assert.equal(second.out, '');
    assert.match(second.err, /^fixed 0 calls in 0 files$/m);
    assert.deepEqual(snapshot(root), snap);
  });
});

describe('fix boundaries', () => {
  test('a folder argument: nothing outside it is read for writing or written', async () => {
    const root = freshExamples();
    const snap = snapshot(root);
    const result = await fix(['orders-service/src'], root);
    assert.equal(result.code, 0, result.err);
    const changed = [...snapshot(root)].filter(([file, bytes]) => snap.get(file) !== bytes).map(([file]) => file).sort();
    // The module goes under the folder given (its package.json is above it, outside the boundary).
    assert.deepEqual(changed, [
      'orders-service/src/integrations/resilience.ts', 'orders-service/src/inventory.ts', 'orders-service/src/payments.ts', 'orders-service/src/shipping.ts',
    ].map((file) => file.split('/').join(path.sep)));
    assert.match(read(root, 'orders-service/src/payments.ts'), /from "\.\/integrations\/resilience"/);
    await tscStrict(path.join(root, 'orders-service'));
  });

  test('a list of files: only those files (and the module) change', async () => {
    const root = freshExamples();
    const snap = snapshot(root);
    const result = await fix(['orders-service/src/shipping.ts'], root);
    assert.equal(result.code, 0, result.err);
    const changed = [...snapshot(root)].filter(([file, bytes]) => snap.get(file) !== bytes).map(([file]) => file).sort();
    assert.deepEqual(changed, ['orders-service/src/integrations/resilience.ts', 'orders-service/src/shipping.ts'].map((file) => file.split('/').join(path.sep)));
  });

  test('usage errors exit 2', async () => {
    const root = freshExamples();
    assert.equal((await fix(['--frobnicate'], root)).code, 2);
    assert.equal((await fix(['no-such-dir'], root)).code, 2);
    assert.equal((await fix(['orders-service', 'worker/worker/main.py'], root)).code, 2);
    assert.equal((await fix(['--module-path', '/abs/resilience.ts'], root)).code, 2);
    assert.match((await fix(['--help'], root)).out, /^Usage: integration-orchestrator fix/);
  });
});

describe('fix on small projects', () => {
  function project(files: Record<string, string>): string {
    const temp = tempDir('project');
    temps.push(temp);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(temp.dir, file)), { recursive: true });
      writeFileSync(path.join(temp.dir, file), text);
    }
    return temp.dir;
  }

  test('a file that does not parse is left alone, with the reason', async () => {
    const root = project({
      'package.json': '{ "name": "p", "type": "module" }\n',
      'src/broken.js': 'export async function f(u) {\n  const r = await fetch(u);\n  return r.json(;\n}\n',
    });
    const original = read(root, 'src/broken.js');
    const result = await fix([], root);
    assert.equal(result.code, 0, result.err);
    assert.equal(read(root, 'src/broken.js'), original);
    assert.equal(existsSync(path.join(root, 'src/integrations')), false);
    assert.match(result.err, /skipped src\/broken\.js:2:\d+ \(fetch\): the rewritten file would not parse cleanly/);
  });

  test('the policy of the integration whose endpoint names the env var; an ESM JavaScript module', async () => {
    const root = project({
      'package.json': '{ "name": "p", "type": "module" }\n',
      'integration-config.yml': [
        'version: 1',
        'integrations:',
        '  - name: payments-api',
        '    target: { type: rest, endpoint: "${PAYMENTS_URL}" }',
        '    resilience: { policy: fast, timeout: 2s }',
        'policies:',
        '  fast: { timeout: 1s, retry: { max_retries: 1 } }',
        '',
      ].join('\n'),
      'src/pay.js': "export const pay = (body) => fetch(`${process.env.PAYMENTS_URL}/pay`, { method: 'POST', body });\nexport const other = () => fetch('https://example.com/');\n",
    });
    const result = await fix([], root);
    assert.equal(result.code, 0, result.err);
    const pay = read(root, 'src/pay.js');
    assert.match(pay, /^import \{ resilientFetch, policies \} from '\.\/integrations\/resilience\.js';$/m);
    assert.match(pay, /resilientFetch\(`\$\{process\.env\.PAYMENTS_URL\}\/pay`, \{ method: 'POST', body \}, policies\['payments-api'\]\)/);
    assert.match(pay, /resilientFetch\('https:\/\/example\.com\/', undefined, policies\.default\)/);
    const module = read(root, 'src/integrations/resilience.js');
    assert.match(module, /^export const policies = \{$/m);
    // payments-api: `fast` (1 retry) with the inline timeout (2s) on top.
    assert.match(module, /'payments-api': \{\n\s+name: 'payments-api',\n\s+maxRetries: 1,[\s\S]*?attemptTimeoutMs: 2000,/);
    execFileSync(process.execPath, ['--check', path.join(root, 'src/pay.js')]);
    execFileSync(process.execPath, ['--check', path.join(root, 'src/integrations/resilience.js')]);
  });

  test('a CommonJS project gets a CommonJS module and a require', async () => {
    const root = project({
      'package.json': '{ "name": "p" }\n',
      'lib/client.js': "const axios = require('axios');\n\nasync function load(id) {\n  const { data } = await axios.get(`/items/${id}`);\n  return data;\n}\n\nmodule.exports = { load };\n",
    });
    const result = await fix([], root);
    assert.equal(result.code, 0, result.err);
    const client = read(root, 'lib/client.js');
    assert.match(client, /^const \{ withResilience, policies \} = require\('\.\.\/src\/integrations\/resilience'\);$/m);
    assert.match(client, /await withResilience\(\(\) => axios\.get\(`\/items\/\$\{id\}`\), policies\.default, \{ method: 'GET' \}\);/);
    assert.match(read(root, 'src/integrations/resilience.js'), /module\.exports = /);
    // The module loads under Node as CommonJS and exports what the rewritten file requires.
    const exported = execFileSync(process.execPath, ['-e', `const m = require(${JSON.stringify(path.join(root, 'src/integrations/resilience.js'))}); console.log(typeof m.withResilience, typeof m.policies.default)`], { encoding: 'utf8' });
    assert.equal(exported.trim(), 'function object');
  });
});
