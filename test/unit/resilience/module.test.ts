/**
 * The generated TypeScript module (dependency-free and cockatiel variants), rendered as a user's
 * project gets it, compiled with `tsc --strict`, then run against a real local HTTP server with
 * injected faults. Delays come from a seeded random source so that they can be asserted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderResilienceModule } from '../../../src/core/resilience/renderModule';
import { DEFAULT_POLICY } from '../../../src/core/resilience/policy';
import type * as Generated from '../../../src/core/resilience/template/resilience';
import { FaultServer, importFile, seededRandom, tempProject, tsc } from './harness';

type Module = typeof Generated;
type Policy = Generated.ResiliencePolicy;
type Variant = 'native' | 'cockatiel';

const project = tempProject('resilience-module');
const server = new FaultServer();
const modules = new Map<Variant, Module>();
let pathCounter = 0;
const uniquePath = (name: string): string => `/${name}-${++pathCounter}`;

before(async () => {
  await server.start();
  for (const variant of ['native', 'cockatiel'] as const) {
    const file = project.write(`${variant}/resilience.ts`, renderResilienceModule({ flavor: 'ts', useCockatiel: variant === 'cockatiel', policies: [DEFAULT_POLICY] }));
    modules.set(variant, await importFile<Module>(file));
  }
});

after(async () => {
  await server.stop();
  project.cleanup();
});

describe('generated module compiles under tsc --strict', () => {
  // Two kinds of projects: a browser-ish one (DOM, no @types/node) with every strict extra people
  // turn on, and a Node one (@types/node, no DOM lib) on NodeNext.
  const configs: Array<[string, Record<string, unknown>]> = [
    ['dom', {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], types: [],
      exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noImplicitOverride: true, noImplicitReturns: true,
      noUnusedLocals: true, noUnusedParameters: true, noFallthroughCasesInSwitch: true, erasableSyntaxOnly: true, verbatimModuleSyntax: true,
    }],
    ['node', { target: 'ES2020', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2020'], types: ['node'], isolatedModules: true }],
  ];
  for (const variant of ['native', 'cockatiel'] as const) {
    for (const [label, options] of configs) {
      test(`${variant}: ${label}`, async () => {
        const result = await tsc(project.dir, `${variant}-${label}`, [`${variant}/resilience.ts`], options);
        assert.equal(result.code, 0, result.stdout + result.stderr);
      });
    }
  }
});

function policy(variant: Variant, overrides: Partial<Policy>, events: Array<{ type: string; [key: string]: unknown }> = []): Policy {
  const base = modules.get(variant)!.policies.default;
  return {
    ...base,
    initialDelayMs: 20,
    circuitBreaker: null,
    random: seededRandom(42),
    hooks: {
      onAttempt: (e) => events.push({ type: 'attempt', ...e }),
      onRetry: (e) => events.push({ type: 'retry', ...e }),
      onLatency: (e) => events.push({ type: 'latency', ...e }),
      onBreakerStateChange: (e) => events.push({ type: 'breaker', ...e }),
    },
    ...overrides,
  };
}

const ofType = (events: Array<{ type: string; [key: string]: unknown }>, type: string) => events.filter((e) => e.type === type);

for (const variant of ['native', 'cockatiel'] as const) {
  describe(`${variant} variant against a live server`, () => {
    const mod = (): Module => modules.get(variant)!;

    test('503 then 200: one retry after the jittered delay', async () => {
      const events: Array<{ type: string; [key: string]: unknown }> = [];
      const url = server.script(uniquePath('flaky'), [503, 200]);
      const started = performance.now();
      const res = await mod().resilientFetch(url, undefined, policy(variant, {}, events));
      const elapsed = performance.now() - started;
      assert.equal(res.status, 200);
      assert.equal(await res.text(), 'ok');
      assert.equal(ofType(events, 'attempt').length, 2);
      const [retry] = ofType(events, 'retry');
      // The same seed gives the same first delay as the schedule itself.
      const expected = mod().backoffSchedule({ ...mod().policies.default, initialDelayMs: 20, random: seededRandom(42) })();
      assert.equal(retry!.delayMs, expected);
      assert.equal(retry!.reason, 'status 503');
      assert.ok(elapsed >= expected - 5, `elapsed ${elapsed} < delay ${expected}`);
      const gap = server.requests.filter((r) => r.path === new URL(url).pathname).map((r) => r.at);
      assert.ok(gap[1]! - gap[0]! >= expected - 5);
    });

    test('maxRetries counts retries: 2 retries = 3 attempts, then the last 503 is returned', async () => {
      const url = server.script(uniquePath('always503'), [503]);
      const res = await mod().resilientFetch(url, undefined, policy(variant, { maxRetries: 2 }));
      assert.equal(res.status, 503);
      assert.equal(server.count(new URL(url).pathname), 3);
    });

    test('429 with Retry-After: 1 waits one second', async () => {
      const events: Array<{ type: string; [key: string]: unknown }> = [];
      const url = server.script(uniquePath('ra'), [{ status: 429, headers: { 'retry-after': '1' } }, 200]);
      const started = performance.now();
      const res = await mod().resilientFetch(url, undefined, policy(variant, {}, events));
      const elapsed = performance.now() - started;
      assert.equal(res.status, 200);
      assert.equal(ofType(events, 'retry')[0]!.delayMs, 1000);
      assert.ok(elapsed >= 990 && elapsed < 5000, `elapsed ${elapsed}`);
    });

    test('Retry-After as an HTTP-date', async () => {
      const events: Array<{ type: string; [key: string]: unknown }> = [];
      const pathname = uniquePath('radate');
      // HTTP-dates have whole seconds: two seconds from now is 1-2 s away once parsed.
      const url = server.script(pathname, [{ status: 503, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } }, 200]);
      const res = await mod().resilientFetch(url, undefined, policy(variant, {}, events));
      assert.equal(res.status, 200);
      const delay = ofType(events, 'retry')[0]!.delayMs as number;
      assert.ok(delay > 900 && delay <= 2100, `delay ${delay}`);
      const [first, second] = server.requests.filter((r) => r.path === pathname);
      assert.ok(second!.at - first!.at >= delay - 20);
    });

    test('Retry-After above the maximum: give-up returns the 429, wait-max waits the maximum', async () => {
      const giveUp = server.script(uniquePath('ralong'), [{ status: 429, headers: { 'retry-after': '120' } }, 200]);
      const res = await mod().resilientFetch(giveUp, undefined, policy(variant, { maxRetryAfterMs: 5000, retryAfterOverMax: 'give-up' }));
      assert.equal(res.status, 429);
      assert.equal(server.count(new URL(giveUp).pathname), 1);

      const events: Array<{ type: string; [key: string]: unknown }> = [];
      const waitMax = server.script(uniquePath('ralongwait'), [{ status: 429, headers: { 'retry-after': '120' } }, 200]);
      const started = performance.now();
      const res2 = await mod().resilientFetch(waitMax, undefined, policy(variant, { maxRetryAfterMs: 150, retryAfterOverMax: 'wait-max' }, events));
      assert.equal(res2.status, 200);
      assert.equal(ofType(events, 'retry')[0]!.delayMs, 150);
      assert.ok(performance.now() - started >= 145);
    });

    test('a hanging response: the per-attempt timeout fires, the retry succeeds', async () => {
      const events: Array<{ type: string; [key: string]: unknown }> = [];
      const url = server.script(uniquePath('hang'), ['hang', 200]);
      const res = await mod().resilientFetch(url, undefined, policy(variant, { attemptTimeoutMs: 200 }, events));
      assert.equal(res.status, 200);
      const [first] = ofType(events, 'latency');
      assert.equal(first!.outcome, 'timeout');
      assert.ok((first!.durationMs as number) >= 190 && (first!.durationMs as number) < 3000, `first attempt took ${first!.durationMs}`);
      assert.equal(ofType(events, 'retry')[0]!.reason, 'timeout');
    });

    test('a connection reset is retried', async () => {
      const events: Array<{ type: string; [key: string]: unknown }> = [];
      const url = server.script(uniquePath('reset'), ['reset', 200]);
      const res = await mod().resilientFetch(url, undefined, policy(variant, {}, events));
      assert.equal(res.status, 200);
      assert.equal(server.count(new URL(url).pathname), 2);
      assert.equal(ofType(events, 'retry')[0]!.reason, 'ECONNRESET');
    });

    test('a refused connection is retried, then its error is thrown', async () => {
      const closed = new FaultServer();
      await closed.start();
      const url = `${closed.origin}/nothing`;
      await closed.stop();
      const events: Array<{ type: string; [key: string]: unknown }> = [];
      await assert.rejects(mod().resilientFetch(url, undefined, policy(variant, { maxRetries: 1 }, events)), (error: Error) => {
        assert.ok(error instanceof TypeError, String(error));
        return true;
      });
      assert.equal(ofType(events, 'attempt').length, 2);
      assert.equal(ofType(events, 'retry')[0]!.reason, 'ECONNREFUSED');
    });

    test('a POST is not retried', async () => {
      const url = server.script(uniquePath('post'), [503, 200]);
      const res = await mod().resilientFetch(url, { method: 'POST', body: 'x' }, policy(variant, {}));
      assert.equal(res.status, 503);
      assert.equal(server.count(new URL(url).pathname), 1);
    });

    test('a POST with an Idempotency-Key is retried, body and key sent again', async () => {
      const pathname = uniquePath('postkey');
      const url = server.script(pathname, [503, 200]);
      const res = await mod().resilientFetch(url, { method: 'POST', body: 'payload', headers: { 'Idempotency-Key': 'k-1' } }, policy(variant, {}));
      assert.equal(res.status, 200);
      const seen = server.requests.filter((r) => r.path === pathname);
      assert.equal(seen.length, 2);
      assert.equal(seen[1]!.headers['idempotency-key'], 'k-1');
      assert.equal(seen[1]!.headers['content-length'], '7');
    });

    test('a POST is retried when the policy opts in', async () => {
      const url = server.script(uniquePath('postopt'), [503, 200]);
      const res = await mod().resilientFetch(url, { method: 'POST', body: 'x' }, policy(variant, { retryNonIdempotent: true }));
      assert.equal(res.status, 200);
    });

    test('the caller aborting gives AbortedByCallerError, not TimeoutError, and no retry', async () => {
      const pathname = uniquePath('abort');
      const url = server.script(pathname, ['hang']);
      const controller = new AbortController();
      server.once('request', () => controller.abort(new Error('user left')));
      await assert.rejects(mod().resilientFetch(url, { signal: controller.signal }, policy(variant, { attemptTimeoutMs: 5000 })), (error: unknown) => {
        assert.ok(error instanceof mod().AbortedByCallerError, String(error));
        assert.ok(!(error instanceof mod().TimeoutError));
        assert.equal(((error as Generated.AbortedByCallerError).reason as Error).message, 'user left');
        return true;
      });
      assert.equal(server.count(pathname), 1);
    });

    test('the overall deadline ends the call with TimeoutError kind deadline', async () => {
      const url = server.script(uniquePath('deadline'), ['hang']);
      const started = performance.now();
      await assert.rejects(mod().resilientFetch(url, undefined, policy(variant, { attemptTimeoutMs: 5000, deadlineMs: 300 })), (error: unknown) => {
        assert.ok(error instanceof mod().TimeoutError, String(error));
        assert.equal((error as Generated.TimeoutError).kind, 'deadline');
        return true;
      });
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 290 && elapsed < 3000, `elapsed ${elapsed}`);
    });

    test('attempt timeouts and retries stay within the deadline', async () => {
      const pathname = uniquePath('deadline2');
      const url = server.script(pathname, ['hang']);
      const started = performance.now();
      await assert.rejects(mod().resilientFetch(url, undefined, policy(variant, { attemptTimeoutMs: 100, deadlineMs: 400, maxRetries: 10 })), mod().TimeoutError);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 400 + 1500, `elapsed ${elapsed}`);
      assert.ok(server.count(pathname) >= 2);
    });

    test('withResilience retries an axios-shaped client by its error (response.status, config.method)', async () => {
      const client = axiosLike();
      const ok = server.script(uniquePath('axios'), [503, 200]);
      const result = await mod().withResilience(() => client.get(ok), policy(variant, {}));
      assert.equal(result.status, 200);
      assert.equal(server.count(new URL(ok).pathname), 2);

      const post = server.script(uniquePath('axiospost'), [503, 200]);
      await assert.rejects(mod().withResilience(() => client.post(post), policy(variant, {})), (error: { response: { status: number } }) => error.response.status === 503);
      assert.equal(server.count(new URL(post).pathname), 1);
    });

    test('withResilience: a client that ignores the signal is still cut by the attempt timeout', async () => {
      const client = axiosLike();
      const url = server.script(uniquePath('axioshang'), ['hang', 200]);
      const started = performance.now();
      const result = await mod().withResilience(() => client.get(url), policy(variant, { attemptTimeoutMs: 150 }), { method: 'GET' });
      assert.equal(result.status, 200);
      assert.ok(performance.now() - started < 3000);
    });

    test('circuit breaker: opens after N failures, fails fast, half-opens with one trial, closes', async () => {
      mod().resetCircuitBreakers();
      const events: Array<{ type: string; [key: string]: unknown }> = [];
      // A target of its own: the breaker key is the origin.
      const target = new FaultServer();
      await target.start();
      try {
        let now = 1_000_000;
        const p = policy(variant, {
          maxRetries: 0,
          circuitBreaker: { failureThreshold: 3, halfOpenAfterMs: variant === 'native' ? 10_000 : 300 },
          now: () => now,
        }, events);
        const url = target.script('/svc', [503, 503, 503, 'hold', 200]);
        for (let i = 0; i < 3; i++) assert.equal((await mod().resilientFetch(url, undefined, p)).status, 503);
        assert.equal(mod().circuitState(target.origin), 'open');
        await assert.rejects(mod().resilientFetch(url, undefined, p), mod().BrokenCircuitError);
        assert.equal(target.count('/svc'), 3, 'an open circuit sends nothing');

        if (variant === 'native') {
          now += 10_000;
        } else {
          // cockatiel keeps its own clock: wait for the break to pass, without asserting on the sleep.
          const openedAt = performance.now();
          while (performance.now() - openedAt < 320) await new Promise((r) => setTimeout(r, 20));
        }
        const trial = mod().resilientFetch(url, undefined, p);
        await target.waitFor('/svc', 4);
        assert.equal(mod().circuitState(target.origin), 'half-open');
        // While the trial is in flight no other call reaches the target.
        const concurrent = mod().resilientFetch(url, undefined, p).then((r) => r.status, (e: unknown) => e);
        if (variant === 'native') assert.ok((await concurrent) instanceof mod().BrokenCircuitError);
        assert.equal(target.count('/svc'), 4);
        target.release('/svc');
        assert.equal((await trial).status, 200);
        assert.equal(mod().circuitState(target.origin), 'closed');
        if (variant === 'cockatiel') assert.equal(await concurrent, 200, 'cockatiel runs the waiting call after the trial');
        const transitions = ofType(events, 'breaker').map((e) => `${e.from}>${e.to}`);
        assert.deepEqual(transitions, ['closed>open', 'open>half-open', 'half-open>closed']);
      } finally {
        target.release('/svc');
        await target.stop();
      }
    });

    test('circuit breaker: a failed trial opens the circuit again', async () => {
      mod().resetCircuitBreakers();
      const target = new FaultServer();
      await target.start();
      try {
        let now = 0;
        const p = policy(variant, { maxRetries: 0, circuitBreaker: { failureThreshold: 2, halfOpenAfterMs: variant === 'native' ? 1000 : 200 }, now: () => now });
        const url = target.script('/svc', [503]);
        await mod().resilientFetch(url, undefined, p);
        await mod().resilientFetch(url, undefined, p);
        assert.equal(mod().circuitState(target.origin), 'open');
        if (variant === 'native') now += 1000;
        else await new Promise((r) => setTimeout(r, 220));
        assert.equal((await mod().resilientFetch(url, undefined, p)).status, 503);
        assert.equal(mod().circuitState(target.origin), 'open');
        await assert.rejects(mod().resilientFetch(url, undefined, p), mod().BrokenCircuitError);
        assert.equal(target.count('/svc'), 3);
      } finally {
        await target.stop();
      }
    });
  });
}

describe('native variant details', () => {
  const mod = (): Module => modules.get('native')!;

  test('the failed response body is drained before the retry', async () => {
    const pathname = uniquePath('stream');
    const url = server.script(pathname, ['stream-503', 200]);
    const res = await mod().resilientFetch(url, undefined, policy('native', {}));
    assert.equal(res.status, 200);
    const [first] = server.requests.filter((r) => r.path === pathname);
    // The endless 503 body was cancelled: its exchange closed instead of hanging forever.
    await Promise.race([first!.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('503 body never released')), 2000).unref())]);
  });

  test('the caller aborting during the wait between retries ends the call at once', async () => {
    const pathname = uniquePath('abortwait');
    const url = server.script(pathname, [503]);
    const controller = new AbortController();
    const events: Array<{ type: string; [key: string]: unknown }> = [];
    const p = policy('native', { initialDelayMs: 5000, hooks: { onRetry: (e) => { events.push({ type: 'retry', ...e }); controller.abort(); } } });
    const started = performance.now();
    await assert.rejects(mod().resilientFetch(url, { signal: controller.signal }, p), mod().AbortedByCallerError);
    assert.ok(performance.now() - started < 2500, 'not the 5 s backoff');
    assert.equal(events.length, 1);
  });

  test('without AbortSignal.any (older runtimes) one signal still carries the caller\'s abort and the timeout', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(AbortSignal, 'any')!;
    delete (AbortSignal as { any?: unknown }).any;
    let fallback: Module;
    try {
      // A fresh copy of the module sees no AbortSignal.any when it loads.
      fallback = await importFile<Module>(project.write('fallback/resilience.ts', renderResilienceModule({ flavor: 'ts', useCockatiel: false })));
    } finally {
      Object.defineProperty(AbortSignal, 'any', descriptor);
    }
    const base = { ...fallback.policies.default, circuitBreaker: null, initialDelayMs: 10, attemptTimeoutMs: 150 };
    const controller = new AbortController();
    const retried = server.script(uniquePath('fallback-timeout'), ['hang', 200]);
    assert.equal((await fallback.resilientFetch(retried, { signal: controller.signal }, base)).status, 200);
    const aborted = uniquePath('fallback-abort');
    server.script(aborted, ['hang']);
    server.once('request', () => controller.abort());
    await assert.rejects(fallback.resilientFetch(server.origin + aborted, { signal: controller.signal }, { ...base, attemptTimeoutMs: 5000 }), fallback.AbortedByCallerError);
  });

  test('a retry that would pass the deadline is not attempted: the last response is returned', async () => {
    const pathname = uniquePath('deadlinewait');
    const url = server.script(pathname, [{ status: 503, headers: { 'retry-after': '2' } }, 200]);
    const res = await mod().resilientFetch(url, undefined, policy('native', { deadlineMs: 500 }));
    assert.equal(res.status, 503);
    assert.equal(server.count(pathname), 1);
  });

  test('a 404 is a success for the breaker and is not retried', async () => {
    mod().resetCircuitBreakers();
    const url = server.script(uniquePath('notfound'), [404]);
    const p = policy('native', { circuitBreaker: { failureThreshold: 1, halfOpenAfterMs: 1000 } });
    assert.equal((await mod().resilientFetch(url, undefined, p)).status, 404);
    assert.equal(mod().circuitState(server.origin), 'closed');
  });

  test('a throwing metrics hook does not change the outcome', async () => {
    const url = server.script(uniquePath('hookthrows'), [503, 200]);
    const p = policy('native', { hooks: { onAttempt: () => { throw new Error('boom'); }, onRetry: () => { throw new Error('boom'); } } });
    assert.equal((await mod().resilientFetch(url, undefined, p)).status, 200);
  });

  test('parseRetryAfter reads seconds and HTTP-dates, ignores garbage', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(mod().parseRetryAfter('3', now), 3000);
    assert.equal(mod().parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now), 5000);
    assert.equal(mod().parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
    assert.equal(mod().parseRetryAfter('soon', now), undefined);
    assert.equal(mod().parseRetryAfter(null, now), undefined);
  });

  test('backoff medians of retries 1-5 match the decorrelated-jitter reference (128 ms)', () => {
    const random = seededRandom(7);
    const samples: number[][] = [[], [], [], [], []];
    for (let run = 0; run < 20_000; run++) {
      const next = mod().decorrelatedJitter(128, 30_000, random);
      for (let retry = 0; retry < 5; retry++) samples[retry]!.push(next());
    }
    const reference = [115, 146, 258, 512, 1023];
    samples.forEach((values, i) => {
      const sorted = [...values].sort((a, b) => a - b);
      const med = sorted[Math.floor(sorted.length / 2)]!;
      assert.ok(Math.abs(med - reference[i]!) / reference[i]! < 0.15, `retry ${i + 1}: median ${med.toFixed(1)} vs ${reference[i]}`);
    });
  });

  test('backoff: every delay is capped by maxDelayMs, and constant/linear/none schedules are exact', () => {
    const base = mod().policies.default;
    const capped = mod().decorrelatedJitter(128, 300, seededRandom(1));
    for (let i = 0; i < 50; i++) assert.ok(capped() <= 300);
    const take = (p: Policy, n: number): number[] => { const next = mod().backoffSchedule(p); return Array.from({ length: n }, () => next()); };
    assert.deepEqual(take({ ...base, backoff: 'constant', jitter: 'none', initialDelayMs: 100 }, 3), [100, 100, 100]);
    assert.deepEqual(take({ ...base, backoff: 'linear', jitter: 'none', initialDelayMs: 100 }, 3), [100, 200, 300]);
    assert.deepEqual(take({ ...base, backoff: 'exponential', jitter: 'none', initialDelayMs: 100, maxDelayMs: 350 }, 4), [100, 200, 350, 350]);
    for (const d of take({ ...base, backoff: 'exponential', jitter: 'full', initialDelayMs: 100, random: seededRandom(3) }, 3)) assert.ok(d >= 0 && d <= 400);
  });
});

/** A stand-in with axios's error and response shapes (axios itself is not a dependency here), on real HTTP. */
function axiosLike(): { get: (url: string) => Promise<{ status: number; data: string }>; post: (url: string) => Promise<{ status: number; data: string }> } {
  const request = async (method: string, url: string): Promise<{ status: number; data: string }> => {
    const res = await fetch(url, { method });
    const data = await res.text();
    if (res.status >= 400) {
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => { headers[key] = value; });
      throw Object.assign(new Error(`Request failed with status code ${res.status}`), {
        response: { status: res.status, headers, data },
        config: { method: method.toLowerCase(), headers: {} },
      });
    }
    return { status: res.status, data };
  };
  return { get: (url) => request('GET', url), post: (url) => request('POST', url) };
}
