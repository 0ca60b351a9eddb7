/**
 * What goes wrong on the wire: nothing listening, a silent port, the wrong protocol, a server
 * that hangs up mid-handshake, TLS that does not verify, a caller that cancels. Every probe,
 * every fault: never healthy, never past its timeout, never a socket left open.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type net from 'node:net';
import { PROBES } from '../../../src/core/probes/registry';
import type { Probe, ProbeOptions, ProbeProtocol } from '../../../src/core/probes/types';
import { afterBytes, closedPort, httpServer, tcpServer, tlsServer, type FakeServer } from './fakeServers';
import { KAFKA_API_VERSIONS_RESPONSE, MONGO_HELLO_REPLY_TRUNCATED } from './recordedHandshakes';
import { missingBinary, selfSignedCertificate } from './servers';

const ALL = Object.entries(PROBES) as Array<[ProbeProtocol, Probe]>;
const servers: FakeServer[] = [];
after(async () => { await Promise.all(servers.map((server) => server.close())); });
async function track<T extends FakeServer>(server: Promise<T>): Promise<T> {
  const started = await server;
  servers.push(started);
  return started;
}
const on = (port: number, extra: Partial<ProbeOptions> = {}): ProbeOptions => ({ host: '127.0.0.1', port, timeoutMs: 2000, ...extra });

test('a closed port: every probe says "connection refused", fast (< 200 ms)', async () => {
  const port = await closedPort();
  for (const [protocol, probe] of ALL) {
    const started = performance.now();
    const result = await probe(on(port));
    const elapsed = performance.now() - started;
    assert.equal(result.status, 'unhealthy', protocol);
    assert.equal(result.detail, `connection refused: nothing listens on 127.0.0.1:${port}`, protocol);
    assert.ok(elapsed < 200 && result.latencyMs < 200, `${protocol} took ${Math.round(elapsed)} ms`);
  }
});

test('a port that accepts and never answers: every probe times out on time (±300 ms) and closes its socket', async (t) => {
  const open = new Set<net.Socket>();
  let accepted = 0;
  const silent = await track(tcpServer((socket) => {
    accepted++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  }));
  const timeoutMs = 600;
  const results = await Promise.all(ALL.map(async ([protocol, probe]) => {
    const started = performance.now();
    const result = await probe(on(silent.port, { timeoutMs }));
    return { protocol, result, elapsed: performance.now() - started };
  }));
  for (const { protocol, result, elapsed } of results) {
    t.diagnostic(`${protocol}: ${Math.round(elapsed)} ms — ${result.detail}`);
    if (protocol === 'tcp') {
      assert.equal(result.status, 'healthy', 'a TCP connect is all the fallback checks');
      continue;
    }
    assert.equal(result.status, 'unhealthy', protocol);
    assert.match(result.detail, new RegExp(`^no answer within ${timeoutMs} ms \\(.+\\)$`), protocol);
    assert.ok(Math.abs(elapsed - timeoutMs) <= 300, `${protocol}: timed out after ${Math.round(elapsed)} ms, wanted ${timeoutMs} ± 300`);
  }
  assert.equal(accepted, ALL.length);
  const deadline = performance.now() + 1000;
  while (open.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(open.size, 0, 'every probe destroyed its socket');
});

describe('the wrong protocol on a port is reported as such, never as healthy', () => {
  let web: FakeServer;
  before(async () => {
    web = await track(httpServer((_request, response) => { response.end('hello'); }));
  });

  test('an HTTP server probed as Redis, Postgres, Kafka, MongoDB and AMQP: "wrong protocol: looks like HTTP"', async () => {
    for (const protocol of ['redis', 'postgres', 'kafka', 'mongodb', 'amqp'] as const) {
      const result = await PROBES[protocol](on(web.port));
      assert.equal(result.status, 'unhealthy', protocol);
      assert.equal(result.detail, 'wrong protocol: looks like HTTP', protocol);
    }
  });

  test('an HTTP server probed by the server-first protocols (MySQL, NATS, SMTP) and gRPC: unhealthy, never healthy', async () => {
    for (const protocol of ['mysql', 'nats', 'smtp', 'grpc'] as const) {
      const result = await PROBES[protocol](on(web.port, { timeoutMs: 400 }));
      assert.equal(result.status, 'unhealthy', `${protocol}: ${result.detail}`);
    }
  });

  test('the HTTP probe names what answered instead: Redis, SMTP, a TLS server', async () => {
    const redisLike = await track(tcpServer((socket) => socket.once('data', () => socket.end('-ERR unknown command \'GET\'\r\n'))));
    const smtpLike = await track(tcpServer((socket) => socket.write('220 mail.test ESMTP\r\n')));
    const redis = await PROBES.http(on(redisLike.port));
    assert.equal(redis.detail, 'wrong protocol: looks like Redis');
    const smtp = await PROBES.http(on(smtpLike.port));
    assert.equal(smtp.detail, 'wrong protocol: looks like SMTP');
    for (const result of [redis, smtp]) assert.equal(result.status, 'unhealthy');
  });
});

describe('a server that closes mid-handshake', () => {
  /** Sends `partial` (after the client's first bytes when the protocol is client-first) and hangs up. */
  async function hangsUpAfter(partial: Buffer | string, clientFirst: boolean) {
    return track(tcpServer((socket, received) => {
      if (clientFirst) afterBytes(socket, received, 1, () => socket.end(partial));
      else socket.end(partial);
    }));
  }
  const cases: Array<[ProbeProtocol, Buffer | string, boolean]> = [
    ['http', 'HTTP/1.1 200 OK\r\nContent-', true],
    ['redis', '+PO', true],
    ['postgres', Buffer.from([0x4e, 0x52, 0, 0]), true], // 'N' (no TLS), then half an AuthenticationRequest header
    ['mysql', Buffer.from([0x4a, 0, 0, 0, 0x0a, 0x35, 0x2e]), false], // greeting header + "5."
    ['amqp', Buffer.from([1, 0, 0, 0, 0, 1, 0, 0, 0x0a]), true], // method frame header, then 2 of 256 bytes
    ['kafka', KAFKA_API_VERSIONS_RESPONSE.subarray(0, 10), true],
    ['mongodb', MONGO_HELLO_REPLY_TRUNCATED, true],
    ['nats', 'INFO {"server_id":"NAB', false],
    ['smtp', '220-mail.test ESMTP\r\n', false],
  ];
  for (const [protocol, partial, clientFirst] of cases) {
    test(`${protocol}: unhealthy, "closed by the server mid-handshake"`, async () => {
      const server = await hangsUpAfter(partial, clientFirst);
      const result = await PROBES[protocol](on(server.port));
      assert.equal(result.status, 'unhealthy');
      assert.equal(result.detail, `connection closed by the server mid-handshake (after ${Buffer.byteLength(partial)} bytes of the ${protocolName(protocol)} answer)`);
    });
  }

  test('a server that accepts and hangs up at once: "before any … answer", for every client', async () => {
    const server = await track(tcpServer((socket) => socket.end()));
    for (const [protocol, probe] of ALL) {
      const result = await probe(on(server.port));
      if (protocol === 'tcp') continue; // the connect itself succeeded
      assert.equal(result.status, 'unhealthy', protocol);
      assert.equal(result.detail, `connection closed by the server before any ${protocolName(protocol)} answer`);
    }
  });
});

function protocolName(protocol: ProbeProtocol): string {
  return { http: 'HTTP', grpc: 'gRPC', redis: 'Redis', postgres: 'PostgreSQL', mysql: 'MySQL', amqp: 'AMQP', kafka: 'Kafka', mongodb: 'MongoDB', nats: 'NATS', smtp: 'SMTP' }[protocol as string]!;
}

describe('TLS with a self-signed certificate is reported, never trusted', { skip: missingBinary('openssl') }, () => {
  let certificate: { key: string; cert: string };
  before(async () => { certificate = await selfSignedCertificate(); });
  const SELF_SIGNED = 'TLS certificate problem: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)';

  test('HTTPS: unhealthy, naming the problem; trusting that certificate as a CA makes it healthy', async () => {
    const server = await track(httpServer((_request, response) => { response.end('ok'); }, certificate));
    const rejected = await PROBES.http(on(server.port, { tls: true }));
    assert.equal(rejected.status, 'unhealthy');
    assert.equal(rejected.detail, SELF_SIGNED);
    const trusted = await PROBES.http(on(server.port, { tls: true, ca: certificate.cert }));
    assert.equal(trusted.status, 'healthy', trusted.detail);
  });

  test('rediss:// to a self-signed server: unhealthy; with the CA: PONG', async () => {
    const server = await track(tlsServer(certificate.key, certificate.cert, (socket) => {
      socket.once('data', () => socket.write('+PONG\r\n$-1\r\n'));
    }));
    const rejected = await PROBES.redis(on(server.port, { tls: true }));
    assert.equal(rejected.detail, SELF_SIGNED);
    const trusted = await PROBES.redis(on(server.port, { tls: true, ca: certificate.cert }));
    assert.equal(trusted.status, 'healthy', trusted.detail);
  });

  test('Postgres in-band TLS (SSLRequest → S → handshake) with a self-signed certificate: unhealthy', async () => {
    const { default: tls } = await import('node:tls');
    const server = await track(tcpServer((socket, received) => {
      afterBytes(socket, received, 8, () => {
        socket.write('S');
        const secure = new tls.TLSSocket(socket, { isServer: true, key: certificate.key, cert: certificate.cert });
        secure.on('error', () => undefined);
        // AuthenticationMD5Password once the StartupMessage arrives over TLS.
        secure.once('data', () => secure.write(Buffer.from([0x52, 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4])));
      });
    }));
    const rejected = await PROBES.postgres(on(server.port));
    assert.equal(rejected.status, 'unhealthy');
    assert.equal(rejected.detail, SELF_SIGNED);
    const trusted = await PROBES.postgres(on(server.port, { ca: certificate.cert }));
    assert.equal(trusted.status, 'healthy', trusted.detail);
    assert.equal(trusted.detail, 'PostgreSQL answered: asks postgres for MD5 password authentication, TLS');
  });

  test('gRPC over TLS with a self-signed certificate: unhealthy', async () => {
    const server = http2.createSecureServer({ key: certificate.key, cert: certificate.cert });
    server.on('stream', (stream) => stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' }, { endStream: true }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const rejected = await PROBES.grpc(on(port, { tls: true }));
      assert.equal(rejected.detail, SELF_SIGNED);
      const trusted = await PROBES.grpc(on(port, { tls: true, ca: certificate.cert }));
      assert.equal(trusted.status, 'healthy', trusted.detail);
    } finally {
      server.close();
    }
  });

  test('a certificate for another name, and TLS spoken to a plain-text port', async () => {
    const server = await track(httpServer((_request, response) => { response.end('ok'); }, certificate));
    const otherName = await PROBES.http(on(server.port, { tls: true, ca: certificate.cert, servername: 'api.example.com' }));
    assert.equal(otherName.status, 'unhealthy');
    assert.equal(otherName.detail, 'TLS certificate problem: certificate is for another host name (ERR_TLS_CERT_ALTNAME_INVALID)');
    const plain = await track(tcpServer((socket) => socket.once('data', () => socket.end('-ERR not TLS\r\n'))));
    const result = await PROBES.redis(on(plain.port, { tls: true }));
    assert.equal(result.status, 'unhealthy');
    assert.match(result.detail, /^TLS handshake failed: the server does not speak TLS on 127\.0\.0\.1:\d+ \(ERR_SSL_WRONG_VERSION_NUMBER\)$/);
  });
});

test('cancelling: an aborted probe is "unknown / cancelled", at once, and a pre-aborted one never connects', async () => {
  let accepted = 0;
  const silent = await track(tcpServer(() => { accepted++; }));
  for (const [protocol, probe] of ALL) {
    if (protocol === 'tcp') continue;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const result = await probe(on(silent.port, { signal: controller.signal, timeoutMs: 5000 }));
    assert.equal(result.status, 'unknown', protocol);
    assert.equal(result.detail, 'cancelled', protocol);
    assert.ok(performance.now() - started < 500, `${protocol} took ${Math.round(performance.now() - started)} ms to cancel`);
  }
  const before = accepted;
  const result = await PROBES.redis(on(silent.port, { signal: AbortSignal.abort() }));
  assert.deepEqual([result.status, result.detail], ['unknown', 'cancelled']);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(accepted, before);
});
