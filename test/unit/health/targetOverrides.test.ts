import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveTarget, splitCredentials } from '../../../src/client/health/targetOverrides';
import type { HealthTarget } from '../../../src/core/probes/sources/healthTarget';

test('a password typed into a target is split off for secret storage; the rest may be stored plainly', () => {
  assert.deepEqual(splitCredentials('redis://:s3cret@cache:6379'), { target: 'redis://cache:6379', credentials: { password: 's3cret' } });
  assert.deepEqual(splitCredentials('postgres://app:p@ss#1@db:5432/app'), { target: 'postgres://app@db:5432/app', credentials: { username: 'app', password: 'p@ss#1' } });
  assert.deepEqual(splitCredentials('amqp://guest:gu%2Fest@mq/'), { target: 'amqp://guest@mq/', credentials: { username: 'guest', password: 'gu/est' } });
  // Typed back as shown (redacted): keep whatever password is stored.
  assert.deepEqual(splitCredentials('redis://app:***@cache:6379'), { target: 'redis://app@cache:6379', credentials: { username: 'app' } });
  assert.deepEqual(splitCredentials('cache:6379'), { target: 'cache:6379', credentials: {} });
  assert.deepEqual(splitCredentials('https://api.example.com/a@b'), { target: 'https://api.example.com/a@b', credentials: {} });
});

const base: HealthTarget = {
  service: 'REDIS_URL', source: '.env:1 (REDIS_URL)', target: 'redis://:envpass@127.0.0.1:6379', kind: 'redis',
  endpoint: { protocol: 'redis', host: '127.0.0.1', port: 6379, tls: false, password: 'envpass' },
};

test('the workspace target is used as is; stored credentials win over the ones in the URL', () => {
  const plain = effectiveTarget({ serviceName: 'REDIS_URL', base, env: {} });
  assert.deepEqual(plain?.endpoint, base.endpoint);
  assert.notEqual(plain?.endpoint, base.endpoint, 'a copy: credentials never leak into the workspace target');
  const withSecret = effectiveTarget({ serviceName: 'REDIS_URL', base, credentials: { username: 'ops', password: 'vault' }, env: {} });
  assert.deepEqual([withSecret?.endpoint?.username, withSecret?.endpoint?.password], ['ops', 'vault']);
  assert.equal(base.endpoint?.password, 'envpass');
  assert.equal(effectiveTarget({ serviceName: 'X', env: {} }), undefined, 'nothing known, nothing to check');
});

test('an override wins, reads ${VAR}, takes the service protocol for a bare host:port, and reports what it cannot read', () => {
  const override = effectiveTarget({ serviceName: 'REDIS_URL', base, override: 'localhost:${CACHE_PORT}', protocol: 'redis', env: { CACHE_PORT: '6390' } });
  assert.deepEqual(override?.endpoint, { protocol: 'redis', host: 'localhost', port: 6390, tls: false });
  assert.equal(override?.source, 'target set in this workspace');
  const withCredentials = effectiveTarget({ serviceName: 'db', override: 'postgres://app@db:5432/app', credentials: { password: 'pw' }, env: {} });
  assert.deepEqual([withCredentials?.endpoint?.username, withCredentials?.endpoint?.password, withCredentials?.endpoint?.database], ['app', 'pw', 'app']);
  assert.match(effectiveTarget({ serviceName: 'api', override: 'http://${API_HOST}', env: {} })?.unresolved ?? '', /uses \$\{API_HOST\}/);
  assert.match(effectiveTarget({ serviceName: 'api', override: 'gopher://x', env: {} })?.unresolved ?? '', /cannot probe gopher/);
});
