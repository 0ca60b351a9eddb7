/** The runner: concurrency, order, slow answers, unresolved targets, cancellation, no passwords out. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHealth } from '../../../src/core/probes/checkHealth';
import type { HealthTarget } from '../../../src/core/probes/sources/healthTarget';
import { PROBES } from '../../../src/core/probes/registry';
import { parseTarget } from '../../../src/core/probes/target';
import type { Probe } from '../../../src/core/probes/types';
import { closedPort, httpServer, tcpServer, type FakeServer } from './fakeServers';

const servers: FakeServer[] = [];
after(async () => { await Promise.all(servers.map((server) => server.close())); });
async function track<T extends FakeServer>(server: Promise<T>): Promise<T> {
  const started = await server;
  servers.push(started);
  return started;
}
function target(service: string, url: string, kind?: string): HealthTarget {
  const endpoint = parseTarget(url, kind);
  return { service, source: 'test', target: url, kind: endpoint.protocol, endpoint };
}

test('at most `concurrency` probes at once; results in the targets\' order, reported as they arrive', async () => {
  const silent = await track(tcpServer(() => undefined));
  // The real Redis probe, wrapped to count how many run at once.
  let running = 0;
  let most = 0;
  const counted: Probe = async (options) => {
    most = Math.max(most, ++running);
    try { return await PROBES.redis(options); } finally { running--; }
  };
  const targets = [1, 2, 3, 4, 5].map((n) => target(`svc${n}`, `redis://127.0.0.1:${silent.port}`));
  const arrived: number[] = [];
  const started = performance.now();
  const results = await checkHealth(targets, {
    concurrency: 2, timeoutMs: 300, probes: { ...PROBES, redis: counted }, onResult: (_result, index) => arrived.push(index),
  });
  const elapsed = performance.now() - started;
  assert.equal(most, 2);
  assert.deepEqual(results.map((r) => r.service), ['svc1', 'svc2', 'svc3', 'svc4', 'svc5']);
  assert.deepEqual([...arrived].sort(), [0, 1, 2, 3, 4]);
  assert.ok(elapsed >= 850 && elapsed < 1600, `3 rounds of 300 ms took ${Math.round(elapsed)} ms`);
  for (const result of results) assert.equal(result.status, 'unhealthy');
});

test('a healthy answer slower than slowMs is degraded, and says why', async () => {
  const slow = await track(httpServer((_request, response) => { setTimeout(() => response.end('ok'), 250); }));
  const [result] = await checkHealth([target('api', `http://127.0.0.1:${slow.port}`)], { slowMs: 100 });
  assert.equal(result!.status, 'degraded');
  assert.match(result!.detail, /^GET \/health → 200 OK \(slow: \d+ ms > 100 ms\)$/);
  const [fast] = await checkHealth([target('api', `http://127.0.0.1:${slow.port}`)], { slowMs: 0 });
  assert.equal(fast!.status, 'healthy');
});

test('an unresolved target is unknown with its reason, and is not probed', async () => {
  const [result] = await checkHealth([{ service: 'ledger', source: 'cfg', target: '${LEDGER_URL}', kind: 'postgres', unresolved: 'endpoint uses ${LEDGER_URL}, which …' }]);
  assert.deepEqual({ ...result, checkedAt: 'x' }, {
    service: 'ledger', kind: 'postgres', target: '${LEDGER_URL}', source: 'cfg', status: 'unknown', latencyMs: 0,
    detail: 'endpoint uses ${LEDGER_URL}, which …', checkedAt: 'x',
  });
});

test('cancelling the run: what has not finished is unknown / cancelled', async () => {
  const silent = await track(tcpServer(() => undefined));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const started = performance.now();
  const results = await checkHealth([1, 2, 3].map((n) => target(`s${n}`, `nats://127.0.0.1:${silent.port}`)), {
    concurrency: 1, timeoutMs: 5000, signal: controller.signal,
  });
  assert.ok(performance.now() - started < 1000);
  assert.deepEqual(results.map((r) => [r.status, r.detail]), [['unknown', 'cancelled'], ['unknown', 'cancelled'], ['unknown', 'cancelled']]);
});

test('passwords appear nowhere in the results: not in target, detail or anything else', async () => {
  const secret = 'Sup3r-S3cret!';
  const port = await closedPort();
  const echo = await track(tcpServer((socket) => {
    // A hostile server that echoes whatever it got, password included, as a Redis error.
    socket.once('data', (chunk) => socket.end(`-ERR got ${chunk.toString().replace(/\r\n/g, ' ')}\r\n`));
  }));
  const results = await checkHealth([
    target('db', `postgres://app:${encodeURIComponent(secret)}@127.0.0.1:${port}/x`),
    target('cache', `redis://:${encodeURIComponent(secret)}@127.0.0.1:${echo.port}`),
    target('api', `http://ops:${encodeURIComponent(secret)}@127.0.0.1:${port}`),
  ]);
  const text = JSON.stringify(results);
  assert.ok(!text.includes(secret) && !text.includes(encodeURIComponent(secret)), text);
  assert.equal(results[0]!.target, `postgres://app:***@127.0.0.1:${port}/x`);
  assert.match(results[1]!.detail, /AUTH failed: Redis answered -ERR got .*\*\*\*/);
});
