import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ellipsize, shortTarget } from '../../../src/core/inventory/targetFormat';
import { maskSecrets } from '../../../src/core/secrets/maskSecrets';

test('maskSecrets hides passwords in URLs and bare user:password@host', () => {
  assert.equal(maskSecrets('postgres://app:s3cret@db:5432/shop'), 'postgres://app:***@db:5432/shop');
  assert.equal(maskSecrets('amqp://guest:guest@rabbit'), 'amqp://guest:***@rabbit');
  assert.equal(maskSecrets('user:pw@host:1'), 'user:***@host:1');
  assert.equal(maskSecrets('https://api.example.com/a:b'), 'https://api.example.com/a:b');
  assert.equal(maskSecrets('${DATABASE_URL}'), '${DATABASE_URL}');
});

test('shortTarget drops http(s), credentials, query, fragment and the trailing slash', () => {
  assert.equal(shortTarget('https://api.example.com/v1/users/?page=2#top'), 'api.example.com/v1/users');
  assert.equal(shortTarget('http://localhost:8080/'), 'localhost:8080');
  assert.equal(shortTarget('postgres://app:s3cret@db:5432/shop'), 'postgres://db:5432/shop');
  assert.equal(shortTarget('redis://:pw@cache:6379'), 'redis://cache:6379');
  assert.equal(shortTarget('${API_URL}/orders'), '${API_URL}/orders');
  assert.equal(shortTarget('/'), '/');
  assert.equal(shortTarget(undefined), '');
  assert.ok(!shortTarget('mysql://root:hunter2@db/x').includes('hunter2'));
});

test('long targets are cut in the middle, keeping the last path segment', () => {
  const long = `https://api.example.com/${'segment/'.repeat(10)}final-resource`;
  const short = shortTarget(long, 40);
  assert.equal(short.length, 40);
  assert.ok(short.startsWith('api.example.com/'));
  assert.ok(short.endsWith('resource'));
  assert.ok(short.includes('…'));
  assert.equal(ellipsize('abcdef', 6), 'abcdef');
  assert.equal(ellipsize('abcdefg', 1), '…');
});
