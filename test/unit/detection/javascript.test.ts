import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, findings } from './detect';

test('fetch, axios instance with baseURL, pg and redis with env targets', async () => {
  const found = await detect('src/a.ts', [
    "import axios from 'axios';",
    "import { Pool } from 'pg';",
    "import { createClient } from 'redis';",
    'const BASE = "https://api.shipping.example.com";',
    'const http = axios.create({ baseURL: process.env.INVENTORY_URL, timeout: 5000 });',
    'export async function f(id: string) {',
    '  const r = await fetch(`${BASE}/rates/${id}`);',
    '  await http.get(`/items/${id}`);',
    '  const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
    "  await pool.query('select 1');",
    '  const redis = createClient({ url: process.env.REDIS_URL });',
    "  await redis.get('x');",
    '}',
  ].join('\n'));
  assert.deepEqual(found, [
    '5 http axios client ${INVENTORY_URL}',
    '7 http fetch call https://api.shipping.example.com/rates/…',
    '8 http axios call ${INVENTORY_URL}/items/…',
    '9 database pg client ${DATABASE_URL}',
    '10 database pg call ${DATABASE_URL}',
    '11 cache redis client ${REDIS_URL}',
    '12 cache redis call ${REDIS_URL}',
  ]);
});

test('look-alikes are not integrations', async () => {
  const found = await detect('src/b.ts', [
    '// we use redis and postgres in production',
    'const note = "postgres is great";',
    'function helper() {',
    '  const fetch = (key: string) => cache.get(key);',
    "  return fetch('x');",
    '}',
    'const cache = new Map<string, string>();',
    "cache.get('k');",
    '[1, 2].find((x) => x > 1);',
    'class Cache { get(k: string) { return k; } }',
    "new Cache().get('x');",
    "app.listen(3000);",
    "db.query('select 1');",
  ].join('\n'));
  assert.deepEqual(found, []);
});

test('resilience facts: timeout via signal, options passed opaquely, retry wrappers', async () => {
  const [bare, signalled, opaque, wrapped] = await findings('src/c.ts', [
    "await fetch('https://a.example.com/x');",
    "await fetch('https://a.example.com/x', { signal: AbortSignal.timeout(1000) });",
    "await fetch('https://a.example.com/x', init);",
    "await pRetry(() => fetch('https://a.example.com/x'), { retries: 3 });",
  ].join('\n'));
  assert.deepEqual(bare.resilience, { timeout: false, retry: false, circuitBreaker: false });
  assert.equal(signalled.resilience?.timeout, true);
  assert.equal(opaque.resilience?.timeout, 'unknown');
  assert.equal(wrapped.resilience?.retry, true);
});

test('CommonJS require, DI-injected clients and webhook routes with signature checks', async () => {
  const found = await findings('src/d.js', [
    "const { Kafka } = require('kafkajs');",
    "const kafka = new Kafka({ brokers: [process.env.KAFKA_BROKERS] });",
    'const producer = kafka.producer();',
    "await producer.send({ topic: 'orders', messages: [] });",
    "app.post('/webhooks/stripe', express.raw({ type: '*/*' }), (req, res) => {",
    "  const sig = req.headers['stripe-signature'];",
    '  crypto.timingSafeEqual(expected, Buffer.from(sig));',
    '});',
    "app.get('/orders', handler);",
  ].join('\n'));
  assert.deepEqual(found.map((f) => `${f.line} ${f.kind} ${f.library} ${f.role}`), [
    '2 queue kafkajs client', '4 queue kafkajs call', '5 webhook http-route handler',
  ]);
  assert.equal(found[2].signatureVerified, true);
  assert.equal(found[2].direction, 'inbound');
});

test('a mocked client in a test file is not a call, and test files are marked', async () => {
  const found = await findings('src/__tests__/svc.test.ts', [
    "import axios from 'axios';",
    "jest.mock('axios');",
    "(axios.get as jest.Mock).mockResolvedValue({ data: {} });",
    "await axios.get('https://real.example.com');",
  ].join('\n'));
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 4);
  assert.equal(found[0].test, true);
});

test('calls through the generated resilience module stay in the inventory, marked resilient', async () => {
  const [call] = await findings('src/orders/pay.ts', [
    "import { resilientFetch, policies } from '../integrations/resilience.js';",
    'await resilientFetch(`${process.env.PAYMENTS_URL}/charges`, { method: "POST" }, policies.default);',
  ].join('\n'));
  assert.equal(call.library, 'fetch');
  assert.equal(call.target, '${PAYMENTS_URL}/charges');
  assert.deepEqual(call.resilience, { timeout: true, retry: true, circuitBreaker: true });
});

test('a project module named like a library is not that library', async () => {
  assert.deepEqual(await detect('src/a.ts', "import { get } from './redis';\nimport pg from '../lib/pg.js';\nawait get('k');\nawait pg.query('x');\n"), []);
});
