import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrubSecrets } from '../../../src/core/probes/redact';
import { maskSecrets } from '../../../src/core/secrets/maskSecrets';
import { formatTarget, parseTarget, TargetError } from '../../../src/core/probes/target';

test('URLs of every supported scheme, with default ports and credentials', () => {
  const cases: Array<[string, string | undefined, object]> = [
    ['postgres://u:p@h:5432/db', undefined, { protocol: 'postgres', host: 'h', port: 5432, tls: false, username: 'u', password: 'p', database: 'db' }],
    ['postgresql://app@db.internal/orders?sslmode=require', undefined, { protocol: 'postgres', host: 'db.internal', port: 5432, tls: true, username: 'app', database: 'orders' }],
    ['postgres://h/db?sslmode=disable', undefined, { protocol: 'postgres', host: 'h', port: 5432, tls: false, database: 'db', sslMode: 'disable' }],
    ['redis://:pw@h:6380', undefined, { protocol: 'redis', host: 'h', port: 6380, tls: false, password: 'pw' }],
    ['rediss://default:s%40cret@cache.example.com', undefined, { protocol: 'redis', host: 'cache.example.com', port: 6379, tls: true, username: 'default', password: 's@cret' }],
    ['amqp://guest:guest@mq', undefined, { protocol: 'amqp', host: 'mq', port: 5672, tls: false, username: 'guest', password: 'guest' }],
    ['amqps://mq.example.com/vhost', undefined, { protocol: 'amqp', host: 'mq.example.com', port: 5671, tls: true }],
    ['nats://nats:4222', undefined, { protocol: 'nats', host: 'nats', port: 4222, tls: false }],
    ['tls://nats.example.com:4443', 'nats', { protocol: 'nats', host: 'nats.example.com', port: 4443, tls: true }],
    ['mongodb://u:p@m1:27017,m2:27018/shop?replicaSet=rs0', undefined, { protocol: 'mongodb', host: 'm1', port: 27017, tls: false, username: 'u', password: 'p', database: 'shop' }],
    ['mongodb://m/?tls=true', undefined, { protocol: 'mongodb', host: 'm', port: 27017, tls: true }],
    ['mysql://root:pw@[::1]:3307/app', undefined, { protocol: 'mysql', host: '::1', port: 3307, tls: false, username: 'root', password: 'pw', database: 'app' }],
    ['mariadb://db', undefined, { protocol: 'mysql', host: 'db', port: 3306, tls: false }],
    ['smtp://mail:1025', undefined, { protocol: 'smtp', host: 'mail', port: 1025, tls: false }],
    ['smtps://user:pw@mail.example.com', undefined, { protocol: 'smtp', host: 'mail.example.com', port: 465, tls: true, username: 'user', password: 'pw' }],
    ['grpc://svc:50051', undefined, { protocol: 'grpc', host: 'svc', port: 50051, tls: false }],
    ['grpcs://svc.example.com', undefined, { protocol: 'grpc', host: 'svc.example.com', port: 443, tls: true }],
    ['http://localhost:3000/api/v1', undefined, { protocol: 'http', host: 'localhost', port: 3000, tls: false }],
    ['https://api.example.com', undefined, { protocol: 'http', host: 'api.example.com', port: 443, tls: true }],
    ['kafka://broker:9092', undefined, { protocol: 'kafka', host: 'broker', port: 9092, tls: false }],
  ];
  for (const [input, hint, expected] of cases) assert.deepEqual(parseTarget(input, hint), expected, input);
});

test('a password written without percent-encoding (#, ?, @, :) still splits right and stays hidden', () => {
  assert.deepEqual(parseTarget('postgres://app:p#ss?w@rd:x@db:5432/shop'), {
    protocol: 'postgres', host: 'db', port: 5432, tls: false, username: 'app', password: 'p#ss?w@rd:x', database: 'shop',
  });
  assert.equal(maskSecrets('postgres://app:p#ss?w@rd:x@db:5432/shop'), 'postgres://app:***@db:5432/shop');
  assert.deepEqual(parseTarget('http://h:8080/users/a@b'), { protocol: 'http', host: 'h', port: 8080, tls: false });
});

test('bare host:port takes the hint, else the well-known port, else plain TCP', () => {
  assert.deepEqual(parseTarget('broker:9092', 'kafka'), { protocol: 'kafka', host: 'broker', port: 9092, tls: false });
  assert.deepEqual(parseTarget('cache', 'redis'), { protocol: 'redis', host: 'cache', port: 6379, tls: false });
  assert.deepEqual(parseTarget('db:5432'), { protocol: 'postgres', host: 'db', port: 5432, tls: false });
  assert.deepEqual(parseTarget('mq:5671'), { protocol: 'amqp', host: 'mq', port: 5671, tls: true });
  assert.deepEqual(parseTarget('10.0.0.5:7000'), { protocol: 'tcp', host: '10.0.0.5', port: 7000, tls: false });
  assert.deepEqual(parseTarget('[::1]:6379'), { protocol: 'redis', host: '::1', port: 6379, tls: false });
  assert.deepEqual(parseTarget('queue:5672', 'rabbitmq'), { protocol: 'amqp', host: 'queue', port: 5672, tls: false });
  assert.deepEqual(parseTarget('api:8080', 'rest'), { protocol: 'http', host: 'api', port: 8080, tls: false });
});

test('what cannot be probed is a TargetError, not a guess', () => {
  assert.throws(() => parseTarget('s3://bucket/key'), TargetError);
  assert.throws(() => parseTarget('just-a-host'), TargetError); // no port, no hint
  assert.throws(() => parseTarget('host:99999', 'redis'), TargetError);
  assert.throws(() => parseTarget('not a host', 'redis'), TargetError);
  assert.throws(() => parseTarget('tcp://h'), TargetError);
});

test('maskSecrets replaces every password with *** and keeps the rest', () => {
  assert.equal(maskSecrets('postgres://u:p@h:5432/db'), 'postgres://u:***@h:5432/db');
  assert.equal(maskSecrets('redis://:pw@h:6379'), 'redis://:***@h:6379');
  assert.equal(maskSecrets('amqp://guest@mq'), 'amqp://guest@mq'); // no password, nothing to hide
  assert.equal(maskSecrets('a p@ss@word in mongodb://u:p@ss@word@m1,m2/x'), 'a p@ss@word in mongodb://u:***@m1,m2/x');
  assert.equal(
    maskSecrets('DATABASE_URL=postgres://a:one@h/x and REDIS=rediss://:two@r and http://h/cb?token=abc&x=1'),
    'DATABASE_URL=postgres://a:***@h/x and REDIS=rediss://:***@r and http://h/cb?token=***&x=1',
  );
});

test('scrubSecrets removes a password in raw and URL-encoded form', () => {
  assert.equal(scrubSecrets('auth failed for s@cret (s%40cret)', ['s@cret']), 'auth failed for *** (***)');
  assert.equal(scrubSecrets('nothing here', [undefined, '']), 'nothing here');
});

test('formatTarget shows a target as a URL without its password', () => {
  const shown = formatTarget(parseTarget('postgres://app:hunter2@db:5432/orders'));
  assert.equal(shown, 'postgres://app:***@db:5432/orders');
  assert.ok(!shown.includes('hunter2'));
  assert.equal(formatTarget({ protocol: 'redis', host: '::1', port: 6379, tls: true }), 'rediss://[::1]:6379');
});
