/**
 * Python: the `timeout=` fix and the generated resilience.py (urllib3 Retry on a requests
 * Session), run with every python3 here that has requests (urllib3 1.26 and 2.x both occur)
 * against a real local server.
 */
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_POLICY } from '../../../src/core/resilience/policy';
import { renderPythonHelper } from '../../../src/core/resilience/renderHelpers';
import { findPythonHttpCalls, pythonTimeoutEdits } from '../../../src/core/resilience/rewrite/python';
import { applyTextEdits } from '../../../src/core/resilience/rewrite/textEdit';
import { FaultServer, run, tempProject, type Fault } from './harness';

/** Interpreters with requests installed, one per real executable (scripts/setup-test-env.sh installs python3-requests). */
async function pythons(): Promise<Array<{ exe: string; versions: string }>> {
  const found = new Map<string, { exe: string; versions: string }>();
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = await run(candidate, ['-c', 'import sys, requests, urllib3; print(sys.executable); print(sys.version.split()[0], "requests", requests.__version__, "urllib3", urllib3.__version__)']);
    if (probe.code !== 0) continue;
    const [exe, versions] = probe.stdout.trim().split('\n');
    found.set(realpathSync(exe!), { exe: candidate, versions: versions! });
  }
  return [...found.values()];
}

describe('Python timeout fix', () => {
  test('adds timeout= after the last argument, in the call\'s layout; leaves calls that have one or pass **kwargs', async () => {
    const source = [
      'import requests',
      'import httpx',
      '',
      'r1 = requests.get(URL)',
      'r2 = requests.post(',
      '    URL,',
      '    json={"a": 1},',
      ')',
      'r3 = requests.get(URL, timeout=3)',
      'r4 = httpx.get(URL, **options)',
      'r5 = requests.request("PUT", URL, data=b"x")  # keep',
      '',
    ].join('\n');
    const { edits, skipped } = await pythonTimeoutEdits(source, await findPythonHttpCalls(source), 10);
    assert.equal(applyTextEdits(source, edits), [
      'import requests',
      'import httpx',
      '',
      'r1 = requests.get(URL, timeout=10)',
      'r2 = requests.post(',
      '    URL,',
      '    json={"a": 1},',
      '    timeout=10,',
      ')',
      'r3 = requests.get(URL, timeout=3)',
      'r4 = httpx.get(URL, **options)',
      'r5 = requests.request("PUT", URL, data=b"x", timeout=10)  # keep',
      '',
    ].join('\n'));
    assert.equal(skipped.length, 1);
    assert.match(skipped[0]!.reason, /kwargs/);
  });
});

describe('Python helper against a live server', () => {
  const project = tempProject('resilience-python');
  const server = new FaultServer();
  before(async () => { await server.start(); });
  after(async () => {
    await server.stop();
    project.cleanup();
  });

  test('resilience.py and the fixed calls behave as the TypeScript module does', async (t) => {
    const interpreters = await pythons();
    if (interpreters.length === 0) {
      t.skip('no python3 with requests (scripts/setup-test-env.sh installs python3-requests)');
      return;
    }
    project.write('resilience.py', renderPythonHelper([
      DEFAULT_POLICY,
      { ...DEFAULT_POLICY, name: 'fast', initialDelayMs: 10, attemptTimeoutMs: 300, maxRetryAfterMs: 5000, circuitBreaker: null },
      { ...DEFAULT_POLICY, name: 'breaker', maxRetries: 0, circuitBreaker: { failureThreshold: 2, halfOpenAfterMs: 60_000 } },
    ]));
    // A call without timeout, fixed by the rewrite with a short timeout so that the test is quick.
    const unfixed = 'import requests\n\ndef fetch_hanging(base):\n    return requests.get(base + "/hang-forever")\n';
    const fix = await pythonTimeoutEdits(unfixed, await findPythonHttpCalls(unfixed), 0.5);
    project.write('fixed.py', applyTextEdits(unfixed, fix.edits));
    project.write('scenarios.py', SCENARIOS);
    server.script('/hang-forever', ['hang']);

    for (const [index, { exe, versions }] of interpreters.entries()) {
      const prefix = `/py${index}`;
      for (const [name, faults] of Object.entries(scripts())) server.script(`${prefix}/${name}`, faults);
      const result = await run(exe, ['-B', 'scenarios.py', server.origin + prefix, server.origin], { cwd: project.dir, timeoutMs: 60_000 });
      assert.equal(result.code, 0, `${versions}\n${result.stderr}`);
      const out = JSON.parse(result.stdout) as Record<string, [number | string, number]> & { breaker: string };
      const count = (name: string): number => server.count(`${prefix}/${name}`);
      assert.equal(out.flaky![0], 200, versions);
      assert.equal(count('flaky'), 2, versions);
      assert.equal(out.post![0], 503, versions);
      assert.equal(count('post'), 1, `${versions}: a POST is not retried`);
      assert.equal(out.postkey![0], 200, versions);
      assert.equal(count('postkey'), 2, `${versions}: a POST with Idempotency-Key is retried`);
      assert.equal(out.retryafter![0], 200, versions);
      assert.ok(out.retryafter![1] >= 0.95, `${versions}: Retry-After: 1 waited ${out.retryafter![1]} s`);
      assert.equal(out.retryafterlong![0], 429, versions);
      assert.equal(count('retryafterlong'), 1, `${versions}: Retry-After above the maximum gives up`);
      assert.equal(out.hang![0], 200, versions);
      assert.equal(count('hang'), 2, `${versions}: the attempt timeout fired, the retry succeeded`);
      assert.equal(out.reset![0], 200, versions);
      assert.equal(count('reset'), 2, versions);
      assert.equal(out.breaker, 'BrokenCircuitError', versions);
      assert.equal(count('breaker'), 2, `${versions}: the open circuit sent nothing`);
      assert.equal(out.fixed![0], 'timeout', versions);
      assert.ok(out.fixed![1] < 3, `${versions}: the added timeout= ended the call after ${out.fixed![1]} s`);
    }
  });
});

function scripts(): Record<string, Fault[]> {
  return {
    flaky: [503, 200],
    post: [503, 200],
    postkey: [503, 200],
    retryafter: [{ status: 429, headers: { 'retry-after': '1' } }, 200],
    retryafterlong: [{ status: 429, headers: { 'retry-after': '120' } }, 200],
    hang: ['hang', 200],
    reset: ['reset', 200],
    breaker: [503],
  };
}

const SCENARIOS = `
import json, sys, time
import requests
from resilience import BrokenCircuitError, resilient_session
import fixed

base, origin = sys.argv[1], sys.argv[2]
fast = resilient_session("fast")
out = {}

def timed(name, call):
    started = time.monotonic()
    try:
        value = call().status_code
    except requests.exceptions.Timeout:
        value = "timeout"
    out[name] = [value, round(time.monotonic() - started, 3)]

timed("flaky", lambda: fast.get(base + "/flaky"))
timed("post", lambda: fast.post(base + "/post", data=b"x"))
timed("postkey", lambda: fast.post(base + "/postkey", data=b"x", headers={"Idempotency-Key": "k-1"}))
timed("retryafter", lambda: fast.get(base + "/retryafter"))
timed("retryafterlong", lambda: fast.get(base + "/retryafterlong"))
timed("hang", lambda: fast.get(base + "/hang"))
timed("reset", lambda: fast.get(base + "/reset"))
timed("fixed", lambda: fixed.fetch_hanging(origin))

breaker = resilient_session("breaker")
breaker.get(base + "/breaker")
breaker.get(base + "/breaker")
try:
    breaker.get(base + "/breaker")
    out["breaker"] = "no error"
except BrokenCircuitError:
    out["breaker"] = "BrokenCircuitError"
print(json.dumps(out))
`;
