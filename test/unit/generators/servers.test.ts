/**
 * The generated code that needs a server, run against real ones on 127.0.0.1 (started by
 * test/unit/probes/servers.ts): the Python queue producer and consumer against RabbitMQ (manual
 * ack, requeue with a retry count, dead-letter queue) and the Python database+cache repository
 * against PostgreSQL and Redis (read-through, invalidation, fail-open without Redis).
 * Python because its client libraries are Debian packages (pika, psycopg, redis); no Kafka server
 * is packaged for Debian, so the Kafka variants are compile-checked only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { missingBinary, RABBITMQ_SCRIPT, startPostgres, startRabbitmq, startRedis, type RunningServer } from '../probes/servers';
import { FAST_POLICY, generateInto, makeTempDir, run, type Variant } from './helpers';

const PYTHON = '/usr/bin/python3';
const temp = makeTempDir('servers');
const root = temp.dir;
after(() => temp.cleanup());

const VARIANTS: Variant[] = [
  { pattern: 'queue-producer', name: 'orders-out', options: { broker: 'rabbitmq', resilience: FAST_POLICY } },
  { pattern: 'queue-consumer', name: 'orders-in', options: { broker: 'rabbitmq', resilience: FAST_POLICY } },
  { pattern: 'database-cache', name: 'users-db', options: { resilience: FAST_POLICY } },
];

before(() => { generateInto(root, 'python', VARIANTS); });

const python = (code: string, env: Record<string, string>, timeoutMs = 60_000) =>
  run(PYTHON, ['-c', code], { cwd: root, env: { ...process.env, PYTHONPATH: root, PYTHONDONTWRITEBYTECODE: '1', ...env }, timeoutMs });

describe('the generated Python queue producer and consumer against RabbitMQ', { skip: missingBinary(RABBITMQ_SCRIPT), timeout: 120_000 }, () => {
  let rabbit: RunningServer;
  before(async () => { rabbit = await startRabbitmq(); });
  after(async () => { await rabbit?.stop(); });

  test('acks handled messages, requeues a failure with a count, dead-letters after max_retries and poison at once', async () => {
    const url = `amqp://guest:guest@127.0.0.1:${rabbit.port}/%2F`;
    const result = await python([
      'import json, threading, time, pika',
      'from integrations.orders_out.producer import OrdersOutProducer',
      'from integrations.orders_in.consumer import consume_orders_in',
      'producer = OrdersOutProducer()',
      'for message in [{"n": 1, "fail": "never"}, {"n": 2, "fail": "once"}, {"n": 3, "fail": "always"}]:',
      '    producer.publish(message)',
      'producer._ensure_channel().basic_publish(exchange="", routing_key="orders", body=b"not json")',
      'producer.close()',
      'handled, attempts, stop = [], {}, threading.Event()',
      'def handle(message):',
      '    attempts[message["n"]] = attempts.get(message["n"], 0) + 1',
      '    if message["fail"] == "always" or (message["fail"] == "once" and attempts[message["n"]] == 1):',
      '        raise RuntimeError("handler failed")',
      '    handled.append(message["n"])',
      'worker = threading.Thread(target=consume_orders_in, args=(handle, stop), daemon=True)',
      'worker.start()',
      'connection = pika.BlockingConnection(pika.URLParameters(' + JSON.stringify(url) + '))',
      'channel = connection.channel()',
      'deadline = time.time() + 30',
      'while time.time() < deadline:',
      '    dlq = channel.queue_declare(queue="orders.dlq", passive=True).method.message_count',
      '    if dlq >= 2 and len(handled) >= 2:',
      '        break',
      '    time.sleep(0.1)',
      'stop.set()',
      'worker.join(5)',
      'dead = []',
      'while True:',
      '    method, properties, body = channel.basic_get("orders.dlq", auto_ack=True)',
      '    if method is None:',
      '        break',
      '    dead.append({"body": body.decode(), "retries": (properties.headers or {}).get("x-retry-count", 0)})',
      'left = channel.queue_declare(queue="orders", passive=True, durable=True).method.message_count',
      'connection.close()',
      'print(json.dumps({"handled": sorted(handled), "attempts": attempts, "dead": dead, "left": left}))',
    ].join('\n'), { ORDERS_OUT_AMQP_URL: url, ORDERS_OUT_QUEUE: 'orders', ORDERS_IN_AMQP_URL: url, ORDERS_IN_QUEUE: 'orders' });
    assert.equal(result.code, 0, result.stderr + rabbit.output().slice(-2000));
    const outcome = JSON.parse(result.stdout) as { handled: number[]; attempts: Record<string, number>; dead: { body: string; retries: number }[]; left: number };
    assert.deepEqual(outcome.handled, [1, 2]);
    assert.deepEqual(outcome.attempts, { 1: 1, 2: 2, 3: 3 }, 'the always-failing message: 1 try + max_retries (2) requeues');
    assert.equal(outcome.dead.length, 2);
    assert.deepEqual(outcome.dead.find((d) => d.body === 'not json'), { body: 'not json', retries: 0 });
    const exhausted = outcome.dead.find((d) => d.body.includes('"always"'));
    assert.equal(exhausted?.retries, 2);
    assert.equal(outcome.left, 0);
  });
});

describe('the generated Python database+cache repository against PostgreSQL and Redis', { skip: missingBinary('redis-server', '/usr/lib/postgresql/15/bin/postgres'), timeout: 90_000 }, () => {
  let postgres: RunningServer;
  let redis: RunningServer;
  before(async () => { [postgres, redis] = await Promise.all([startPostgres(), startRedis()]); });
  after(async () => { await Promise.all([postgres?.stop(), redis?.stop()]); });

  const env = (): Record<string, string> => ({
    USERS_DB_DATABASE_URL: `postgresql://postgres@127.0.0.1:${postgres.port}/postgres`,
    USERS_DB_REDIS_URL: `redis://127.0.0.1:${redis.port}/0`,
    USERS_DB_CACHE_TTL_SECONDS: '60',
  });

  test('reads through the cache, serves hits from Redis, and invalidates on write', async () => {
    const result = await python([
      'import json, psycopg, redis',
      'from integrations.users_db.repository import UsersDbRepository',
      'import os',
      'with psycopg.connect(os.environ["USERS_DB_DATABASE_URL"], autocommit=True) as admin:',
      '    admin.execute("CREATE TABLE users (id int PRIMARY KEY, name text)")',
      '    admin.execute("INSERT INTO users VALUES (1, \'Ada\')")',
      'repo = UsersDbRepository()',
      'sql = "SELECT id, name FROM users WHERE id = %s"',
      'first = repo.cached_query("user:1", sql, (1,))',
      'ttl = redis.Redis.from_url(os.environ["USERS_DB_REDIS_URL"]).ttl("users-db:user:1")',
      'with psycopg.connect(os.environ["USERS_DB_DATABASE_URL"], autocommit=True) as admin:',
      '    admin.execute("UPDATE users SET name = \'Grace\' WHERE id = 1")',
      'cached = repo.cached_query("user:1", sql, (1,))',
      'count = repo.execute("UPDATE users SET name = %s WHERE id = %s", ("Edsger", 1), invalidate=["user:1"])',
      'fresh = repo.cached_query("user:1", sql, (1,))',
      'repo.close()',
      'print(json.dumps({"first": first, "ttl": ttl, "cached": cached, "count": count, "fresh": fresh}))',
    ].join('\n'), env());
    assert.equal(result.code, 0, result.stderr);
    const outcome = JSON.parse(result.stdout) as { first: unknown; ttl: number; cached: unknown; count: number; fresh: unknown };
    assert.deepEqual(outcome.first, [{ id: 1, name: 'Ada' }]);
    assert.ok(outcome.ttl > 0 && outcome.ttl <= 60, `TTL ${outcome.ttl}`);
    assert.deepEqual(outcome.cached, [{ id: 1, name: 'Ada' }], 'served from Redis, not the changed row');
    assert.equal(outcome.count, 1);
    assert.deepEqual(outcome.fresh, [{ id: 1, name: 'Edsger' }], 'the write invalidated the key');
  });

  test('keeps answering from PostgreSQL when Redis is down', async () => {
    await redis.stop();
    const result = await python([
      'import json',
      'from integrations.users_db.repository import UsersDbRepository',
      'repo = UsersDbRepository()',
      'print(json.dumps(repo.cached_query("user:1", "SELECT name FROM users WHERE id = %s", (1,))))',
    ].join('\n'), env());
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [{ name: 'Edsger' }]);
  });
});
