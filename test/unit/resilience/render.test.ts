/**
 * Rendering for a user's project: the policies of integration-config.yml, the flavor (TS, JS ESM,
 * JS CommonJS), the variant; and the JavaScript flavors run under plain Node against a real server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_POLICY, policyAccessor, policyFromConfig } from '../../../src/core/resilience/policy';
import { chooseModuleFlavor, renderResilienceModule, type ModuleFlavor } from '../../../src/core/resilience/renderModule';
import { FaultServer, run, tempProject, tsc } from './harness';

const payments = policyFromConfig('payments-api', {
  timeout: '2s',
  retry: { max_retries: 5, base_delay: '50ms', max_delay: '5s', jitter: 'full', retry_on: [503, 'ECONNRESET', 'timeout'], retry_non_idempotent: true },
  circuit_breaker: { failure_threshold: 10, half_open_after: '1m' },
});

describe('policies from integration-config.yml', () => {
  test('policyFromConfig maps the config fields onto the module policy', () => {
    assert.deepEqual(payments, {
      ...DEFAULT_POLICY,
      name: 'payments-api',
      attemptTimeoutMs: 2000,
      maxRetries: 5,
      jitter: 'full',
      initialDelayMs: 50,
      maxDelayMs: 5000,
      retryStatuses: [503],
      retryErrors: ['ECONNRESET', 'timeout'],
      retryNonIdempotent: true,
      circuitBreaker: { failureThreshold: 10, halfOpenAfterMs: 60_000 },
    });
  });

  test('inline fields override the named policy; missing fields keep its values', () => {
    const inline = policyFromConfig('checkout', { retry: { max_retries: 1 } }, payments);
    assert.equal(inline.maxRetries, 1);
    assert.equal(inline.initialDelayMs, 50);
    assert.equal(inline.name, 'checkout');
  });

  test('a deadline shorter than one attempt grows to the attempt timeout', () => {
    assert.equal(policyFromConfig('slow', { timeout: '45s' }).deadlineMs, 45_000);
  });

  test('policy accessors are valid JavaScript for any name', () => {
    assert.equal(policyAccessor('default'), 'policies.default');
    assert.equal(policyAccessor('payments-api'), "policies['payments-api']");
  });

  test('the rendered module lists every policy, default first, and has no template markers', () => {
    const text = renderResilienceModule({ flavor: 'ts', useCockatiel: false, policies: { 'payments-api': payments } });
    assert.match(text, /export const policies: Record<'default' \| 'payments-api', ResiliencePolicy> = \{\n {2}default: \{/);
    assert.match(text, /\n {2}'payments-api': \{\n {4}name: 'payments-api',\n {4}maxRetries: 5,/);
    assert.match(text, /retryErrors: \['ECONNRESET', 'timeout'\]/);
    assert.doesNotMatch(text, /@shared-|@policies-/);
  });

  test('chooseModuleFlavor follows the project', () => {
    assert.deepEqual(chooseModuleFlavor({ typescript: true, packageJson: { dependencies: { cockatiel: '^3' } } }),
      { flavor: 'ts', useCockatiel: true, defaultPath: 'src/integrations/resilience.ts' });
    assert.equal(chooseModuleFlavor({ typescript: false, packageJson: { type: 'module' } }).flavor, 'js-esm');
    assert.equal(chooseModuleFlavor({ typescript: false, packageJson: {} }).flavor, 'js-cjs');
  });
});

describe('rendered modules', () => {
  const project = tempProject('resilience-render');
  const server = new FaultServer();
  before(async () => { await server.start(); });
  after(async () => {
    await server.stop();
    project.cleanup();
  });

  test('a TS module with several policies compiles under --strict', async () => {
    for (const variant of [false, true]) {
      project.write(`multi-${variant}/resilience.ts`, renderResilienceModule({ flavor: 'ts', useCockatiel: variant, policies: [DEFAULT_POLICY, payments] }));
    }
    project.write('use.ts', [
      "import { policies, resilientFetch, withResilience } from './multi-false/resilience';",
      "import * as viaCockatiel from './multi-true/resilience';",
      "export const a = resilientFetch('http://x', undefined, policies['payments-api']);",
      "export const b = withResilience((signal) => fetch('http://x', { signal }), policies.default, { method: 'GET' });",
      "export const c = viaCockatiel.resilientFetch('http://x', undefined, viaCockatiel.policies['payments-api']);",
      '',
    ].join('\n'));
    const result = await tsc(project.dir, 'multi', ['use.ts'], { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], types: ['node'] });
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  // The JavaScript flavors are what JS projects get: check them under plain Node, no TypeScript loader.
  const cases: Array<[ModuleFlavor, boolean, string]> = [
    ['js-esm', false, 'esm-native/resilience.mjs'],
    ['js-cjs', false, 'cjs-native/resilience.cjs'],
    ['js-esm', true, 'esm-cockatiel/resilience.mjs'],
    ['js-cjs', true, 'cjs-cockatiel/resilience.cjs'],
  ];
  for (const [flavor, useCockatiel, file] of cases) {
    test(`${flavor}${useCockatiel ? ' on cockatiel' : ''} runs under plain Node: retries a 503, not a POST`, async () => {
      const modulePath = project.write(file, renderResilienceModule({ flavor, useCockatiel, policies: [{ ...DEFAULT_POLICY, initialDelayMs: 10, circuitBreaker: null }] }));
      const check = await run(process.execPath, ['--check', modulePath]);
      assert.equal(check.code, 0, check.stderr);
      const get = server.script(`/${flavor}-${useCockatiel}-get`, [503, 200]);
      const post = server.script(`/${flavor}-${useCockatiel}-post`, [503, 200]);
      const load = flavor === 'js-esm' ? `await import(${JSON.stringify(modulePath)})` : `require(${JSON.stringify(modulePath)})`;
      const script = `(async () => {
        const m = ${load};
        const a = await m.resilientFetch(${JSON.stringify(get)});
        const b = await m.resilientFetch(${JSON.stringify(post)}, { method: 'POST', body: 'x' });
        console.log(JSON.stringify({ a: a.status, b: b.status, names: Object.keys(m).sort() }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
      const result = await run(process.execPath, ['-e', script], { cwd: project.dir, timeoutMs: 20_000 });
      assert.equal(result.code, 0, result.stderr);
      const out = JSON.parse(result.stdout) as { a: number; b: number; names: string[] };
      assert.equal(out.a, 200);
      assert.equal(out.b, 503);
      assert.equal(server.count(new URL(get).pathname), 2);
      assert.equal(server.count(new URL(post).pathname), 1);
      for (const name of ['AbortedByCallerError', 'BrokenCircuitError', 'TimeoutError', 'policies', 'resilientFetch', 'withResilience']) {
        assert.ok(out.names.includes(name), `${name} not exported`);
      }
    });
  }
});
