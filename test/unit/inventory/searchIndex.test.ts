import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSearchIndex, searchSites } from '../../../src/core/inventory/searchIndex';
import { shopResult } from './syntheticInventory';

const index = buildSearchIndex([shopResult(), shopResult('/ws/other')]);

test('one entry per site over every folder, test sites included and marked; evidence is not a site', () => {
  assert.equal(index.length, 16);
  assert.ok(!index.some((entry) => entry.integration.file === '.env.example'), 'no entry for a .env key');
  const testEntry = index.find((entry) => entry.integration.test);
  assert.ok(testEntry);
  assert.match(testEntry.detail, /· test$/);
  assert.deepEqual(new Set(index.map((entry) => entry.folder)), new Set([0, 1]));
});

test('entries show library, short target and file:line, never a password', () => {
  const compose = index.find((entry) => entry.folder === 0 && entry.index === 3);
  assert.ok(compose);
  assert.equal(compose.label, 'docker-compose');
  assert.equal(compose.description, 'db');
  assert.match(compose.detail, /^docker-compose\.yml:14 · container · declaration · service db$/);
  const withPassword = { ...shopResult(), integrations: [{ ...shopResult().configuration[0], file: 'config/db.yml' }], services: [] };
  const redacted = buildSearchIndex([withPassword])[0];
  assert.equal(redacted.description, 'postgres://db:5432/shop');
  assert.ok(!JSON.stringify(redacted.fields).includes('s3cret'));
  assert.ok(!JSON.stringify(index.map(({ label, description, detail, fields }) => ({ label, description, detail, fields }))).includes('s3cret'));
});

test('search matches library, target and file; every token must match; library ranks first', () => {
  const folder0 = index.filter((entry) => entry.folder === 0);
  assert.deepEqual(searchSites(folder0, 'stripe').map((e) => e.integration.library), ['fetch', 'express']);
  assert.deepEqual(searchSites(folder0, 'pg').map((e) => e.integration.file), ['api/src/db.ts']);
  assert.deepEqual(searchSites(folder0, 'payments.ts 30').map((e) => e.integration.line), [30]);
  assert.deepEqual(searchSites(folder0, 'AMQP').map((e) => e.integration.library), ['pika']);
  assert.deepEqual(searchSites(folder0, 'fetch').map((e) => e.integration.file), ['api/src/payments.ts', 'api/test/payments.test.ts']);
  assert.deepEqual(searchSites(folder0, 'nothing-like-this'), []);
  assert.equal(searchSites(folder0, '  ').length, folder0.length);
  assert.equal(searchSites(folder0, 'api', 2).length, 2);
});
