/** The inventory as a source of health targets: a real scan of a small folder, resolved through its .env. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanFolder } from '../../../src/core/detection/index';
import { collectHealthTargets, DEFAULT_TARGET_SOURCES } from '../../../src/core/probes/collect';
import { collectServiceTargets, inventoryTargets, type ServiceHealthTarget } from '../../../src/core/probes/sources/inventory';

const dirs: string[] = [];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'io-health-inventory-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const SHOP = {
  'package.json': JSON.stringify({ name: 'shop', dependencies: { ioredis: '5', pg: '8', express: '4' } }),
  '.env': [
    'REDIS_URL=redis://127.0.0.1:6390',
    'DATABASE_URL=postgres://app:pa%40ss@db.internal:5433/shop',
    'ORDERS_API_URL=http://127.0.0.1:${ORDERS_PORT}',
  ].join('\n'),
  'src/cache.ts': 'import Redis from "ioredis";\nexport const cache = new Redis(process.env.REDIS_URL);\n',
  'src/db.ts': 'import { Pool } from "pg";\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n',
  'src/orders.ts': 'export const list = () => fetch(`${process.env.ORDERS_API_URL}/orders`);\n',
  'src/quotes.ts': 'export const quote = () => fetch("https://quotes.example.test/v2/quote?zip=1");\n',
  'src/hooks.ts': 'import express from "express";\nconst app = express();\napp.post("/webhooks/stripe", (req, res) => res.sendStatus(200));\n',
};

function byId(targets: ServiceHealthTarget[]): Map<string, ServiceHealthTarget['target']> {
  return new Map(targets.map((entry) => [entry.serviceId, entry.target]));
}

test('each service with a target: env vars resolved through .env, literal URLs, credentials kept for the probe', async () => {
  const dir = folder(SHOP);
  const result = await scanFolder(dir);
  const targets = byId((await collectServiceTargets(result, { env: {} })).targets);

  const redis = targets.get('env:REDIS_URL');
  assert.ok(redis?.endpoint, `REDIS_URL resolved: ${JSON.stringify([...targets.keys()])}`);
  assert.deepEqual(redis.endpoint, { protocol: 'redis', host: '127.0.0.1', port: 6390, tls: false });
  assert.equal(redis.source, '.env:1 (REDIS_URL)');

  const db = targets.get('env:DATABASE_URL');
  assert.equal(db?.endpoint?.protocol, 'postgres');
  assert.equal(db?.endpoint?.port, 5433);
  assert.equal(db?.endpoint?.username, 'app');
  assert.equal(db?.endpoint?.password, 'pa@ss', 'the password reaches the probe (and only the probe)');
  assert.equal(db?.endpoint?.database, 'shop');

  const quotes = [...targets.values()].find((target) => target.endpoint?.host === 'quotes.example.test');
  assert.ok(quotes, 'the literal https URL of a fetch call is a target');
  assert.deepEqual([quotes.endpoint?.protocol, quotes.endpoint?.port, quotes.endpoint?.tls], ['http', 443, true]);
  assert.equal(quotes.source, 'src/quotes.ts:1');

  // ${ORDERS_PORT} is defined nowhere: reported, not guessed.
  const orders = targets.get('env:ORDERS_API_URL');
  assert.equal(orders?.endpoint, undefined);
  assert.match(orders?.unresolved ?? '', /ORDERS_API_URL uses \$\{ORDERS_PORT\}/);

  // Manifest dependencies and inbound webhook routes have nothing of ours to check.
  assert.ok(![...targets.keys()].some((id) => id.startsWith('library:ioredis') || id.startsWith('library:pg')), [...targets.keys()].join(', '));
  assert.ok(![...targets.values()].some((target) => /webhooks/.test(target.service)), 'no target for the inbound webhook route');
});

test('the environment wins over .env, and fills in variables .env leaves open', async () => {
  const dir = folder(SHOP);
  const result = await scanFolder(dir);
  const targets = byId((await collectServiceTargets(result, { env: { ORDERS_PORT: '4100', REDIS_URL: 'rediss://cache.internal:6380' } })).targets);
  assert.deepEqual(targets.get('env:ORDERS_API_URL')?.endpoint, { protocol: 'http', host: '127.0.0.1', port: 4100, tls: false });
  assert.equal(targets.get('env:ORDERS_API_URL')?.source, '.env:3 (ORDERS_API_URL)');
  assert.deepEqual(targets.get('env:REDIS_URL')?.endpoint, { protocol: 'redis', host: 'cache.internal', port: 6380, tls: true });
  assert.equal(targets.get('env:REDIS_URL')?.source, 'environment (REDIS_URL)');
});

test('a compose service is checked on its published port, not on its compose-network name', async () => {
  const dir = folder({
    'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "6391:6379"\n',
    // `cache` is a name on the compose network: the published port on localhost is what the editor can reach.
    'src/app.ts': 'import Redis from "ioredis";\nexport const cache = new Redis("redis://cache:6379");\n',
    'package.json': JSON.stringify({ name: 'x', dependencies: { ioredis: '5' } }),
  });
  const result = await scanFolder(dir);
  const compose = result.services.find((service) => service.keyedBy === 'compose' && service.name === 'cache');
  assert.ok(compose, `compose service in ${result.services.map((s) => s.id).join(', ')}`);
  const target = byId((await collectServiceTargets(result, { env: {} })).targets).get(compose.id);
  assert.ok(target?.endpoint, 'resolved through the compose port mapping');
  assert.deepEqual([target.endpoint.protocol, target.endpoint.host, target.endpoint.port], ['redis', 'localhost', 6391]);
  assert.match(target.source, /docker-compose\.yml: services\.cache\.ports\[0\]/);
});

test('inventoryTargets is one more source of collectHealthTargets; an endpoint named twice is listed once', async () => {
  const dir = folder(SHOP);
  const result = await scanFolder(dir);
  const all = await collectHealthTargets(dir, { env: { ORDERS_PORT: '4100' }, sources: [inventoryTargets(result), ...DEFAULT_TARGET_SOURCES] });
  const redis = all.filter((target) => target.endpoint?.protocol === 'redis');
  assert.equal(redis.length, 1, 'REDIS_URL comes from the inventory and from .env: one target');
  assert.equal(redis[0]?.service, 'REDIS_URL');
  assert.ok(all.some((target) => target.endpoint?.host === 'quotes.example.test'), 'the inventory adds what .env does not name');
  const plain = await collectHealthTargets(dir, { env: { ORDERS_PORT: '4100' } });
  assert.ok(!plain.some((target) => target.endpoint?.host === 'quotes.example.test'), 'without the inventory source the literal URL is unknown');
});
