/**
 * TypeScript/JavaScript call rewriting: exact results on fixture sources, the import added once
 * in the file's style, idempotence, and the rewritten files compiled (tsc --strict) and run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_POLICY } from '../../../src/core/resilience/policy';
import { renderResilienceModule } from '../../../src/core/resilience/renderModule';
import { findHttpCalls } from '../../../src/core/resilience/rewrite/findHttpCalls';
import { fixAllInFile, rewriteHttpCall, type RewriteOptions } from '../../../src/core/resilience/rewrite/rewriteHttpCall';
import { applyTextEdits } from '../../../src/core/resilience/rewrite/textEdit';
import { FaultServer, run, tempProject, tsc } from './harness';

const TS: RewriteOptions = { fileName: 'src/api/client.ts', modulePath: 'src/integrations/resilience.ts' };

async function fixAll(source: string, options: RewriteOptions): Promise<string> {
  const calls = await findHttpCalls(source, options.fileName);
  const { edits, skipped } = await fixAllInFile(source, calls, options);
  assert.deepEqual(skipped, []);
  return applyTextEdits(source, edits);
}

describe('fetch', () => {
  test('keeps arguments, await, .then chains, comments and layout; adds the import after the others', async () => {
    const source = [
      "import { log } from './log.js';",
      '',
      'export async function load(url: string, body: string) {',
      "  const res = await fetch(url, { headers: { accept: 'application/json' } }); // first",
      '  const data = await fetch(',
      '    url, // where',
      "    { method: 'PUT', body },",
      '  ).then((r) => r.json());',
      '  const plain = await window.fetch(url);',
      '  log(res, data, plain);',
      '}',
      '',
    ].join('\n');
    assert.equal(await fixAll(source, TS), [
      "import { log } from './log.js';",
      "import { resilientFetch, policies } from '../integrations/resilience.js';",
      '',
      'export async function load(url: string, body: string) {',
      "  const res = await resilientFetch(url, { headers: { accept: 'application/json' } }, policies.default); // first",
      '  const data = await resilientFetch(',
      '    url, // where',
      "    { method: 'PUT', body },",
      '    policies.default,',
      '  ).then((r) => r.json());',
      '  const plain = await resilientFetch(url, undefined, policies.default);',
      '  log(res, data, plain);',
      '}',
      '',
    ].join('\n'));
  });

  test('the target\'s policy is used when the caller names one', async () => {
    const source = 'export const get = (u: string) => fetch(u);\n';
    const edits = await rewriteHttpCall(source, { start: 34, end: 42, library: 'fetch', policy: 'payments-api' }, TS);
    assert.equal(applyTextEdits(source, edits),
      "import { resilientFetch, policies } from '../integrations/resilience';\n\nexport const get = (u: string) => resilientFetch(u, undefined, policies['payments-api']);\n");
  });

  test('spread arguments are skipped with a reason, other calls still fixed', async () => {
    const source = 'export const a = (args: [string]) => fetch(...args);\nexport const b = (u: string) => fetch(u, {});\n';
    const calls = await findHttpCalls(source, TS.fileName);
    const { edits, skipped } = await fixAllInFile(source, calls, TS);
    assert.equal(skipped.length, 1);
    assert.match(skipped[0]!.reason, /spread/);
    assert.match(applyTextEdits(source, edits), /resilientFetch\(u, \{\}, policies\.default\)/);
  });
});

describe('axios and got', () => {
  test('wrapped in withResilience with the method, chains outside, got body helpers inside', async () => {
    const source = [
      "import axios from 'axios';",
      "import got from 'got';",
      '',
      "const api = axios.create({ baseURL: 'https://api.example.com' });",
      '',
      'export async function sync(id: string) {',
      '  const user = await axios.get(`/users/${id}`).then((r) => r.data);',
      '  await api.post(',
      "    '/events',",
      '    { id },',
      '  );',
      "  const doc = await got.get('https://x.example/doc').json();",
      "  const removed = await got('https://x.example/doc', { method: 'DELETE' });",
      '  return [user, doc, removed];',
      '}',
      '',
    ].join('\n');
    assert.equal(await fixAll(source, TS), [
      "import axios from 'axios';",
      "import got from 'got';",
      "import { withResilience, policies } from '../integrations/resilience';",
      '',
      "const api = axios.create({ baseURL: 'https://api.example.com' });",
      '',
      'export async function sync(id: string) {',
      "  const user = await withResilience(() => axios.get(`/users/${id}`), policies.default, { method: 'GET' }).then((r) => r.data);",
      '  await withResilience(() => api.post(',
      "    '/events',",
      '    { id },',
      "  ), policies.default, { method: 'POST' });",
      "  const doc = await withResilience(() => got.get('https://x.example/doc').json(), policies.default, { method: 'GET' });",
      "  const removed = await withResilience(() => got('https://x.example/doc', { method: 'DELETE' }), policies.default, { method: 'DELETE' });",
      '  return [user, doc, removed];',
      '}',
      '',
    ].join('\n'));
  });
});

describe('the import', () => {
  test('CommonJS: after "use strict" and the requires, in the file\'s quotes and without semicolons', async () => {
    const source = [
      '"use strict"',
      'const axios = require("axios")',
      '',
      'module.exports = async (u) => [await fetch(u), await axios.get(u)]',
      '',
    ].join('\n');
    assert.equal(await fixAll(source, { fileName: 'lib/sync.js', modulePath: 'src/integrations/resilience.js' }), [
      '"use strict"',
      'const axios = require("axios")',
      'const { resilientFetch, withResilience, policies } = require("../src/integrations/resilience")',
      '',
      "module.exports = async (u) => [await resilientFetch(u, undefined, policies.default), await withResilience(() => axios.get(u), policies.default, { method: 'GET' })]",
      '',
    ].join('\n'));
  });

  test('a file without imports gets one below its header comment; ESM JavaScript gets the real extension', async () => {
    const source = '// Sync job.\n\nexport const run = (u) => fetch(u);\n';
    assert.equal(await fixAll(source, { fileName: 'src/jobs/sync.mjs', modulePath: 'src/integrations/resilience.js' }),
      "// Sync job.\n\nimport { resilientFetch, policies } from '../integrations/resilience.js';\n\nexport const run = (u) => resilientFetch(u, undefined, policies.default);\n");
  });

  test('an existing import of the module gets the missing names, never a second import', async () => {
    const source = "import { resilientFetch } from '../integrations/resilience';\nimport axios from 'axios';\n\nexport const a = (u: string) => axios.head(u);\nexport const b = (u: string) => resilientFetch(u);\n";
    const fixed = await fixAll(source, TS);
    assert.equal(fixed.split('\n')[0], "import { resilientFetch, withResilience, policies } from '../integrations/resilience';");
    assert.equal(fixed.match(/integrations\/resilience/g)!.length, 1);
  });

  test('fixing twice changes nothing the second time; one call at a time adds one import', async () => {
    const source = "import got from 'got';\n\nexport async function f(u: string) {\n  await fetch(u);\n  await got(u);\n}\n";
    const once = await fixAll(source, TS);
    const calls = await findHttpCalls(once, TS.fileName);
    assert.deepEqual((await fixAllInFile(once, calls, TS)).edits, []);
    let stepwise = source;
    for (let i = 0; i < 2; i++) {
      const [first] = (await findHttpCalls(stepwise, TS.fileName)).filter((c) => !stepwise.slice(c.start, c.end).startsWith('resilientFetch'));
      stepwise = applyTextEdits(stepwise, await rewriteHttpCall(stepwise, first!, TS));
    }
    // The same code and one import; only the order of the imported names may differ.
    const body = (text: string): string => text.split('\n').filter((line) => !line.includes('integrations/resilience')).join('\n');
    assert.equal(body(stepwise), body(once));
    assert.equal(stepwise.match(/integrations\/resilience/g)!.length, 1);
    assert.match(stepwise, /import \{ resilientFetch, policies, withResilience \} from '\.\.\/integrations\/resilience';/);
  });
});

describe('rewritten projects compile and run', () => {
  const project = tempProject('resilience-rewrite');
  const server = new FaultServer();
  before(async () => { await server.start(); });
  after(async () => {
    await server.stop();
    project.cleanup();
  });

  test('TypeScript (ESM and CommonJS output) with fetch, axios and got passes tsc --strict', async () => {
    project.write('src/integrations/resilience.ts', renderResilienceModule({ flavor: 'ts', useCockatiel: false, policies: [DEFAULT_POLICY] }));
    // axios and got are not installed here: minimal declarations of the calls used.
    project.write('types/clients.d.ts', [
      "declare module 'axios' {",
      '  interface Response<T = unknown> { data: T; status: number }',
      '  interface Instance { get<T = unknown>(url: string, config?: object): Promise<Response<T>>; post<T = unknown>(url: string, body?: unknown, config?: object): Promise<Response<T>> }',
      '  const axios: Instance & { create(config?: object): Instance };',
      '  export default axios;',
      '}',
      "declare module 'got' {",
      '  interface GotPromise<T> extends Promise<T> { json<J = unknown>(): Promise<J> }',
      '  const got: ((url: string, options?: object) => GotPromise<{ body: string }>) & { get(url: string): GotPromise<{ body: string }> };',
      '  export default got;',
      '}',
    ].join('\n'));
    const source = [
      "import axios from 'axios';",
      "import got from 'got';",
      '',
      'export async function all(url: string): Promise<unknown[]> {',
      '  const a = await fetch(url).then((r) => r.text());',
      "  const b = await fetch(url, { method: 'HEAD' });",
      '  const c = await axios.get<{ id: number }>(url);',
      '  const d = await got.get(url).json<{ ok: boolean }>();',
      "  const e = await got(url, { method: 'PUT' });",
      '  return [a, b.status, c.data.id, d.ok, e.body];',
      '}',
      '',
    ].join('\n');
    project.write('src/api/all.ts', await fixAll(source, { fileName: 'src/api/all.ts', modulePath: 'src/integrations/resilience.ts' }));
    const common = { target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true };
    const [esm, cjs] = await Promise.all([
      tsc(project.dir, 'esm', ['src/api/all.ts', 'types/clients.d.ts'], { ...common, module: 'ESNext', moduleResolution: 'Bundler' }),
      tsc(project.dir, 'cjs', ['src/api/all.ts', 'types/clients.d.ts'], { ...common, module: 'CommonJS', moduleResolution: 'Node10', esModuleInterop: true }),
    ]);
    assert.equal(esm.code, 0, esm.stdout);
    assert.equal(cjs.code, 0, cjs.stdout);
  });

  for (const style of ['esm', 'cjs'] as const) {
    test(`JavaScript ${style}: the rewritten file runs and retries against the server`, async () => {
      const moduleFile = `${style}/src/integrations/resilience.${style === 'esm' ? 'mjs' : 'cjs'}`;
      project.write(moduleFile, renderResilienceModule({ flavor: style === 'esm' ? 'js-esm' : 'js-cjs', useCockatiel: false, policies: [{ ...DEFAULT_POLICY, initialDelayMs: 10 }] }));
      const url = server.script(`/rewritten-${style}`, [503, 200]);
      const source = style === 'esm'
        ? `const res = await fetch(${JSON.stringify(url)});\nconsole.log(res.status);\n`
        : `'use strict';\n\nfetch(${JSON.stringify(url)}).then((res) => console.log(res.status));\n`;
      const file = `${style}/src/main.${style === 'esm' ? 'mjs' : 'cjs'}`;
      const fixed = await fixAll(source, { fileName: file, modulePath: moduleFile });
      assert.match(fixed, style === 'esm' ? /^import \{ resilientFetch, policies \} from ["']\.\/integrations\/resilience\.mjs["'];/ : /= require\(["']\.\/integrations\/resilience\.cjs["']\);/);
      const main = project.write(file, fixed);
      const result = await run(process.execPath, [main], { timeoutMs: 20_000 });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), '200');
      assert.equal(server.count(`/rewritten-${style}`), 2);
    });
  }
});
