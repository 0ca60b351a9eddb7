/** Where health targets come from: .env files, compose ports, integration-config.yml. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectHealthTargets } from '../../../src/core/probes/collect';
import { parsePortEntry, protocolForImage } from '../../../src/core/probes/sources/compose';
import { parseDotenv } from '../../../src/core/probes/sources/dotenv';
import { expandVariables } from '../../../src/core/probes/sources/expand';
import type { HealthTarget, HealthTargetSource } from '../../../src/core/probes/sources/healthTarget';

const dirs: string[] = [];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'io-health-sources-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
const brief = (t: HealthTarget) => ({
  service: t.service, source: t.source, kind: t.kind,
  endpoint: t.endpoint && `${t.endpoint.protocol} ${t.endpoint.host}:${t.endpoint.port}${t.endpoint.tls ? ' tls' : ''}`,
  ...(t.unresolved ? { unresolved: t.unresolved } : {}),
});

test('.env parsing: export, quotes, comments, multi-line values', () => {
  assert.deepEqual(parseDotenv([
    '# comment',
    'export A=1',
    'B = "two words" ',
    "C='single # not a comment'",
    'D=plain # trailing comment',
    'E="line1',
    'line2"',
    'not a line',
  ].join('\n')).map(({ name, value, line }) => [name, value, line]), [
    ['A', '1', 2], ['B', 'two words', 3], ['C', 'single # not a comment', 4], ['D', 'plain', 5], ['E', 'line1\nline2', 7],
  ]);
});

test('${VAR}, ${VAR:-default} and ${VAR-default}; missing names are reported', () => {
  assert.deepEqual(expandVariables('${A}/${B:-b}/${C-c}/${EMPTY:-e}/${EMPTY-f}', { A: 'a', EMPTY: '' }), { value: 'a/b/c/e/', missing: [] });
  assert.deepEqual(expandVariables('http://${HOST}:${PORT}', { HOST: 'h' }), { value: 'http://h:', missing: ['PORT'] });
});

test('compose ports: short and long syntax, host IPs, ranges; container-only and UDP ports publish nothing fixed', () => {
  assert.deepEqual(parsePortEntry('5432:5432', {}), [{ hostPort: 5432, containerPort: 5432 }]);
  assert.deepEqual(parsePortEntry('127.0.0.1:6380:6379', {}), [{ hostIp: '127.0.0.1', hostPort: 6380, containerPort: 6379 }]);
  assert.deepEqual(parsePortEntry('${PG_PORT:-15432}:5432/tcp', {}), [{ hostPort: 15432, containerPort: 5432 }]);
  assert.deepEqual(parsePortEntry('8080-8081:80-81', {}), [{ hostPort: 8080, containerPort: 80 }, { hostPort: 8081, containerPort: 81 }]);
  assert.deepEqual(parsePortEntry({ target: 5672, published: '5673', host_ip: '127.0.0.1' }, {}), [{ hostIp: '127.0.0.1', hostPort: 5673, containerPort: 5672 }]);
  assert.deepEqual(parsePortEntry('5432', {}), []);
  assert.deepEqual(parsePortEntry('5353:53/udp', {}), []);
  assert.deepEqual(parsePortEntry({ target: 80 }, {}), []);
});

test('compose image → protocol, by image name and container port', () => {
  assert.equal(protocolForImage('postgres:16-alpine', 5432), 'postgres');
  assert.equal(protocolForImage('docker.io/bitnami/redis:7.2', 6379), 'redis');
  assert.equal(protocolForImage('rabbitmq:3-management', 5672), 'amqp');
  assert.equal(protocolForImage('rabbitmq:3-management', 15672), 'http');
  assert.equal(protocolForImage('mariadb:11', 3306), 'mysql');
  assert.equal(protocolForImage('mongo:7', 27017), 'mongodb');
  assert.equal(protocolForImage('nats:2.10', 4222), 'nats');
  assert.equal(protocolForImage('nats:2.10', 8222), 'http');
  assert.equal(protocolForImage('confluentinc/cp-kafka:7.6.0', 29092), 'kafka');
  assert.equal(protocolForImage('axllent/mailpit', 1025), 'smtp');
  assert.equal(protocolForImage('nginx:1.27', 80), 'http');
  assert.equal(protocolForImage('ghcr.io/acme/thing@sha256:abc', 7000), 'tcp');
});

test('a folder: config endpoints, .env URLs and compose ports, each endpoint once, ${VAR} resolved', async () => {
  const dir = folder({
    '.env': [
      'DATABASE_URL=postgres://app:envpass@localhost:5432/shop',
      'PAYMENTS_URL=https://payments.example.com',
      'NOT_A_URL=hello',
      'S3_BUCKET=s3://bucket/key',
      'CACHE_URL=redis://${CACHE_HOST}:6379',
    ].join('\n'),
    '.env.example': [
      'DATABASE_URL=postgres://user:changeme@example.invalid/db', // .env wins
      'SEARCH_URL=http://localhost:9200',
      'CACHE_HOST=example-cache',
    ].join('\n'),
    'docker-compose.yml': [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    ports: ["5432:5432"]',                     // same endpoint as DATABASE_URL
      '    environment: { POSTGRES_USER: app }',
      '  cache:',
      '    image: redis:7',
      '    ports: ["127.0.0.1:6390:6379"]',
      '    environment: ["REDIS_PASSWORD=composepass"]',
      '  mq:',
      '    image: rabbitmq:3-management',
      '    ports: ["5672:5672", "15672:15672"]',
      '  worker:',
      '    build: .',
    ].join('\n'),
    'integration-config.yml': [
      'version: 1',
      'integrations:',
      '  - name: payments-api',
      '    source: { type: service, endpoint: "http://localhost:3000" }',
      '    target: { type: rest, endpoint: "${PAYMENTS_URL}/v2" }',
      '  - name: events',
      '    target: { type: kafka, endpoint: "broker:9092" }',
      '  - name: ledger',
      '    target: { type: postgres, endpoint: "${LEDGER_DB_URL}" }',
      '  - name: nonsense',
      '    target: { type: rest }',
    ].join('\n'),
  });
  const targets = await collectHealthTargets(dir, { env: { LEDGER_UNRELATED: 'x' } });
  assert.deepEqual(targets.map(brief), [
    { service: 'payments-api', source: 'integration-config.yml: integrations[0].target.endpoint', kind: 'http', endpoint: 'http payments.example.com:443 tls' },
    { service: 'payments-api (source)', source: 'integration-config.yml: integrations[0].source.endpoint', kind: 'http', endpoint: 'http localhost:3000' },
    { service: 'events', source: 'integration-config.yml: integrations[1].target.endpoint', kind: 'kafka', endpoint: 'kafka broker:9092' },
    {
      service: 'ledger', source: 'integration-config.yml: integrations[2].target.endpoint', kind: 'postgres', endpoint: undefined,
      unresolved: 'endpoint uses ${LEDGER_DB_URL}, which no .env file or environment variable defines',
    },
    { service: 'DATABASE_URL', source: '.env:1', kind: 'postgres', endpoint: 'postgres localhost:5432' },
    { service: 'CACHE_URL', source: '.env:5', kind: 'redis', endpoint: 'redis example-cache:6379' },
    { service: 'SEARCH_URL', source: '.env.example:2', kind: 'http', endpoint: 'http localhost:9200' },
    { service: 'cache', source: 'docker-compose.yml: services.cache.ports[0]', kind: 'redis', endpoint: 'redis 127.0.0.1:6390' },
    { service: 'mq', source: 'docker-compose.yml: services.mq.ports[0]', kind: 'amqp', endpoint: 'amqp localhost:5672' },
    { service: 'mq (15672)', source: 'docker-compose.yml: services.mq.ports[1]', kind: 'http', endpoint: 'http localhost:15672' },
  ]);
  // PAYMENTS_URL in .env is the same endpoint as the config's target: listed once, under the config's name.
  assert.equal(targets.filter((t) => t.endpoint?.host === 'payments.example.com').length, 1);
  assert.equal(targets.find((t) => t.service === 'cache')!.endpoint!.password, 'composepass');
});

test('the process environment wins over .env (as dotenv does); another source is one more function', async () => {
  const dir = folder({ '.env': 'API_URL=http://localhost:1111\n' });
  const inventory: HealthTargetSource = async () => [
    { service: 'from-inventory', source: 'src/app.ts:3', target: 'nats://localhost:4222', kind: 'nats', endpoint: { protocol: 'nats', host: 'localhost', port: 4222, tls: false } },
  ];
  const { envFileTargets } = await import('../../../src/core/probes/sources/envFiles');
  const targets = await collectHealthTargets(dir, { env: { API_URL: 'http://localhost:2222' }, sources: [envFileTargets, inventory] });
  assert.deepEqual(targets.map(brief), [
    { service: 'API_URL', source: '.env:1', kind: 'http', endpoint: 'http localhost:2222' },
    { service: 'from-inventory', source: 'src/app.ts:3', kind: 'nats', endpoint: 'nats localhost:4222' },
  ]);
});

test('an empty or missing folder has no targets; broken YAML is skipped, not fatal', async () => {
  assert.deepEqual(await collectHealthTargets(folder({})), []);
  assert.deepEqual(await collectHealthTargets(folder({ 'docker-compose.yml': 'services: [unclosed', 'integration-config.yml': ': :' })), []);
});
