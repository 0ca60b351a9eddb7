/**
 * Probes against real servers (Debian packages), each started by this file on 127.0.0.1 and a
 * free port, all in parallel, once; stopped at the end. Server start times are reported.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { probeAmqp } from '../../../src/core/probes/protocols/amqp';
import { probeMysql } from '../../../src/core/probes/protocols/mysql';
import { probeNats } from '../../../src/core/probes/protocols/nats';
import { probePostgres } from '../../../src/core/probes/protocols/postgres';
import { probeRedis } from '../../../src/core/probes/protocols/redis';
import type { ProbeOptions, ProbeResult } from '../../../src/core/probes/types';
import {
  missingBinary, RABBITMQ_SCRIPT, startMariadb, startNats, startPostgres, startRabbitmq, startRedis, type RunningServer,
} from './servers';

const REDIS_PASSWORD = 'p@ss w0rd:"quoted"';

const skips = {
  redis: missingBinary('redis-server'),
  postgres: missingBinary('initdb', 'postgres'),
  mariadb: missingBinary('mariadbd'),
  nats: missingBinary('nats-server'),
  rabbitmq: missingBinary(RABBITMQ_SCRIPT, 'epmd'),
};

const servers: Partial<Record<'redis' | 'redisPassword' | 'postgres' | 'mariadb' | 'nats' | 'rabbitmq', RunningServer>> = {};
const timings: string[] = [];

before(async () => {
  const starts: Array<Promise<void>> = [];
  const start = (key: keyof typeof servers, skip: string | false, run: () => Promise<RunningServer>) => {
    if (skip) return;
    starts.push(run().then((server) => {
      servers[key] = server;
      timings.push(`${server.name} ready in ${server.startMs} ms`);
    }));
  };
  start('redis', skips.redis, () => startRedis());
  start('redisPassword', skips.redis, () => startRedis({ password: REDIS_PASSWORD }));
  start('postgres', skips.postgres, () => startPostgres());
  start('mariadb', skips.mariadb, () => startMariadb());
  start('nats', skips.nats, () => startNats());
  start('rabbitmq', skips.rabbitmq, () => startRabbitmq());
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
});

after(async () => {
  await Promise.all(Object.values(servers).map((server) => server.stop()));
});

function options(server: RunningServer | undefined, extra: Partial<ProbeOptions> = {}): ProbeOptions {
  assert.ok(server, 'server not started');
  return { host: server.host, port: server.port, timeoutMs: 3000, ...extra };
}

const latencies: string[] = [];
/** Runs a probe and remembers its latency for the report at the end. */
async function timed(label: string, result: Promise<ProbeResult>): Promise<ProbeResult> {
  const value = await result;
  latencies.push(`${label}: ${value.latencyMs} ms (${value.status})`);
  return value;
}

function assertNoSecret(result: ProbeResult, secret: string) {
  assert.ok(!JSON.stringify(result).includes(secret), `result leaks the password: ${JSON.stringify(result)}`);
}

describe('PostgreSQL 15', { skip: skips.postgres }, () => {
  test('trust auth: ReadyForQuery with the server version = healthy', async () => {
    const result = await timed('postgres (trust → ReadyForQuery)', probePostgres(options(servers.postgres)));
    assert.equal(result.status, 'healthy', result.detail);
    assert.match(result.detail, /^PostgreSQL 15\.\d+.* ready for queries \(user postgres, database postgres\)$/);
  });

  test('a role that must use SCRAM: the authentication request alone proves a Postgres answered', async () => {
    const result = await timed('postgres (SCRAM request)', probePostgres(options(servers.postgres, { credentials: { username: 'needpw', password: 'never-sent' } })));
    assert.equal(result.status, 'healthy', result.detail);
    assert.match(result.detail, /asks needpw for SCRAM-SHA-256 authentication/);
    assertNoSecret(result, 'never-sent');
  });

  test('an unknown database: the ErrorResponse as Postgres wrote it (degraded: up, but the target is wrong)', async () => {
    const result = await timed('postgres (unknown database)', probePostgres(options(servers.postgres, { credentials: { database: 'no_such_db' } })));
    assert.equal(result.status, 'degraded');
    assert.equal(result.detail, 'PostgreSQL: FATAL 3D000: database "no_such_db" does not exist');
  });

  test('TLS required but not offered (server answered N to SSLRequest) = unhealthy', async () => {
    const result = await timed('postgres (TLS required, not offered)', probePostgres(options(servers.postgres, { tls: true })));
    assert.equal(result.status, 'unhealthy');
    assert.match(result.detail, /TLS required.*answered N to SSLRequest/);
  });
});

describe('Redis 7', { skip: skips.redis }, () => {
  test('without a password: PING → PONG, with the version', async () => {
    const result = await timed('redis (PING)', probeRedis(options(servers.redis)));
    assert.equal(result.status, 'healthy', result.detail);
    assert.match(result.detail, /^PONG from Redis 7\./);
  });

  test('password set, none given: -NOAUTH is reported as "needs credentials"', async () => {
    const result = await timed('redis (NOAUTH)', probeRedis(options(servers.redisPassword)));
    assert.equal(result.status, 'degraded');
    assert.match(result.detail, /^needs credentials: Redis answered -NOAUTH/);
  });

  test('right password (with spaces, quotes, @ and :): AUTH then PING = healthy, password never in the result', async () => {
    const result = await timed('redis (AUTH + PING)', probeRedis(options(servers.redisPassword, { credentials: { password: REDIS_PASSWORD } })));
    assert.equal(result.status, 'healthy', result.detail);
    assertNoSecret(result, REDIS_PASSWORD);
  });

  test('wrong password: WRONGPASS reported as wrong credentials, the password not echoed', async () => {
    const result = await timed('redis (WRONGPASS)', probeRedis(options(servers.redisPassword, { credentials: { password: 'wrong-secret-123' } })));
    assert.equal(result.status, 'degraded');
    assert.match(result.detail, /^wrong credentials: Redis answered -WRONGPASS/);
    assertNoSecret(result, 'wrong-secret-123');
  });

  test('a password given to a server without one: still healthy, with a note', async () => {
    const result = await timed('redis (AUTH not needed)', probeRedis(options(servers.redis, { credentials: { password: 'unneeded-secret' } })));
    assert.equal(result.status, 'healthy', result.detail);
    assert.match(result.detail, /the server has none/);
    assertNoSecret(result, 'unneeded-secret');
  });
});

describe('MariaDB 10.11', { skip: skips.mariadb }, () => {
  test('initial handshake packet → server version', async () => {
    const result = await timed('mariadb (greeting)', probeMysql(options(servers.mariadb)));
    assert.equal(result.status, 'healthy', result.detail);
    assert.match(result.detail, /^MariaDB 10\.11\.\d+-MariaDB\S* answered \(protocol 10\)$/);
  });

  test('TLS asked of a server without it = unhealthy, said plainly', async () => {
    const result = await timed('mariadb (TLS required, not offered)', probeMysql(options(servers.mariadb, { tls: true })));
    assert.equal(result.status, 'unhealthy');
    assert.match(result.detail, /TLS required, but MariaDB .* does not offer it/);
  });
});

describe('NATS 2.9', { skip: skips.nats }, () => {
  test('INFO line → server version and name', async () => {
    const result = await timed('nats (INFO)', probeNats(options(servers.nats)));
    assert.equal(result.status, 'healthy', result.detail);
    assert.match(result.detail, /^NATS 2\.\d+\.\d+ \(server io-test-nats\)$/);
  });
});

describe('RabbitMQ 3.10', { skip: skips.rabbitmq }, () => {
  test('AMQP 0-9-1 header → Connection.Start with product and version', async () => {
    const result = await timed('rabbitmq (Connection.Start)', probeAmqp(options(servers.rabbitmq)));
    assert.equal(result.status, 'healthy', result.detail);
    assert.match(result.detail, /^RabbitMQ 3\.\d+\.\d+ \(AMQP 0-9-1, Erlang\/OTP \d+/);
  });
});

describe('cross-protocol on real servers (the wrong protocol is never healthy)', () => {
  test('NATS probed as MySQL and as Redis, MariaDB probed as AMQP, Postgres probed as Redis, RabbitMQ probed as Redis', {
    skip: skips.nats || skips.mariadb || skips.postgres || skips.rabbitmq,
  }, async () => {
    const [mysqlOnNats, redisOnNats, amqpOnMariadb, redisOnPostgres, redisOnRabbit] = await Promise.all([
      probeMysql(options(servers.nats)),
      probeRedis(options(servers.nats)),
      probeAmqp(options(servers.mariadb)),
      probeRedis(options(servers.postgres)),
      probeRedis(options(servers.rabbitmq)),
    ]);
    assert.equal(mysqlOnNats.detail, 'wrong protocol: looks like NATS');
    assert.equal(redisOnNats.detail, 'wrong protocol: looks like NATS');
    assert.equal(amqpOnMariadb.detail, 'wrong protocol: looks like MySQL');
    assert.equal(redisOnRabbit.detail, 'wrong protocol: looks like AMQP'); // RabbitMQ answers garbage with its protocol header
    assert.equal(redisOnPostgres.detail, 'connection closed by the server before any Redis answer'); // Postgres hangs up on "PING"
    for (const result of [mysqlOnNats, redisOnNats, amqpOnMariadb, redisOnPostgres, redisOnRabbit]) assert.equal(result.status, 'unhealthy');
  });
});

test('server start times and probe latencies', (t) => {
  for (const line of timings.sort()) t.diagnostic(line);
  for (const line of latencies) t.diagnostic(line);
  assert.ok(true);
});
