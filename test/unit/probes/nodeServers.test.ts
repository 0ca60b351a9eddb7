/** HTTP, SMTP and gRPC probes against small servers written with Node's own modules. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type http2 from 'node:http2';
import { probeGrpc } from '../../../src/core/probes/protocols/grpc';
import { probeHttp } from '../../../src/core/probes/protocols/http';
import { probeRedis } from '../../../src/core/probes/protocols/redis';
import { probeSmtp } from '../../../src/core/probes/protocols/smtp';
import type { ProbeOptions } from '../../../src/core/probes/types';
import { http2Server, httpServer, tcpServer, type FakeServer } from './fakeServers';

const servers: FakeServer[] = [];
after(async () => { await Promise.all(servers.map((server) => server.close())); });
async function track<T extends FakeServer>(server: Promise<T>): Promise<T> {
  const started = await server;
  servers.push(started);
  return started;
}

const on = (port: number, extra: Partial<ProbeOptions> = {}): ProbeOptions => ({ host: '127.0.0.1', port, timeoutMs: 2000, ...extra });

describe('HTTP', () => {
  test('GET /health → 200 is healthy, with status and latency', async () => {
    const server = await track(httpServer((request, response) => {
      response.writeHead(request.url === '/health' ? 200 : 500).end('ok');
    }));
    const result = await probeHttp(on(server.port));
    assert.equal(result.status, 'healthy');
    assert.equal(result.detail, 'GET /health → 200 OK');
    assert.ok(result.latencyMs >= 0 && result.latencyMs < 2000);
    assert.ok(!Number.isNaN(Date.parse(result.checkedAt)));
    assert.deepEqual(server.requests.map((r) => r.path), ['/health']);
  });

  test('no /health (404): falls back to / and says so', async () => {
    const server = await track(httpServer((request, response) => {
      response.writeHead(request.url === '/' ? 200 : 404).end();
    }));
    const result = await probeHttp(on(server.port));
    assert.equal(result.status, 'healthy');
    assert.equal(result.detail, 'GET / → 200 OK (no /health: 404)');
    assert.deepEqual(server.requests.map((r) => r.path), ['/health', '/']);
  });

  test('5xx and 4xx are degraded: something answered, but not well', async () => {
    const server = await track(httpServer((request, response) => {
      response.writeHead(request.url === '/health' ? 503 : 401).end();
    }));
    const unavailable = await probeHttp(on(server.port));
    assert.equal(unavailable.status, 'degraded');
    assert.equal(unavailable.detail, 'GET /health → 503 Service Unavailable');
    const unauthorized = await probeHttp(on(server.port, { path: '/private' }));
    assert.equal(unauthorized.status, 'degraded');
    assert.equal(unauthorized.detail, 'GET /private → 401 Unauthorized');
  });

  test('a configured path, basic auth from credentials, a redirect; the password never in the result', async () => {
    const server = await track(httpServer((_request, response) => {
      response.writeHead(302, { location: '/login' }).end();
    }));
    const result = await probeHttp(on(server.port, { path: '/status', credentials: { username: 'ops', password: 'pa55-word' } }));
    assert.equal(result.status, 'healthy');
    assert.equal(result.detail, 'GET /status → 302 Found → /login');
    assert.equal(server.requests[0]!.authorization, `Basic ${Buffer.from('ops:pa55-word').toString('base64')}`);
    assert.ok(!JSON.stringify(result).includes('pa55-word'));
  });
});

describe('SMTP', () => {
  function smtp(banner: string, ehloReply: string) {
    return track(tcpServer((socket) => {
      socket.write(banner);
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (text.endsWith('\r\n') && text.startsWith('EHLO') && !text.includes('QUIT')) socket.write(ehloReply);
        if (text.includes('QUIT\r\n')) socket.end('221 2.0.0 Bye\r\n');
      });
    }));
  }

  test('220 banner, EHLO → 250 with extensions, then QUIT', async () => {
    const server = await smtp('220 mail.test ESMTP ready\r\n', '250-mail.test greets you\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 STARTTLS\r\n');
    const result = await probeSmtp(on(server.port));
    assert.equal(result.status, 'healthy', result.detail);
    assert.equal(result.detail, 'SMTP 220 mail.test ESMTP ready; EHLO 250 (PIPELINING, SIZE, STARTTLS)');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server.received[0]!.toString(), 'EHLO integration-orchestrator.invalid\r\nQUIT\r\n');
  });

  test('a 554 banner is unhealthy; a rejected EHLO is degraded', async () => {
    const refusing = await smtp('554 5.3.2 no SMTP service here\r\n', '');
    const refused = await probeSmtp(on(refusing.port));
    assert.equal(refused.status, 'unhealthy');
    assert.equal(refused.detail, 'SMTP server refuses connections: 554 5.3.2 no SMTP service here');
    const picky = await smtp('220 picky ESMTP\r\n', '502 5.5.1 EHLO not implemented\r\n');
    const rejected = await probeSmtp(on(picky.port));
    assert.equal(rejected.status, 'degraded');
    assert.match(rejected.detail, /EHLO rejected: 502 5\.5\.1 EHLO not implemented$/);
  });
});

describe('gRPC', () => {
  /** HealthCheckResponse { status = n } in a gRPC frame. */
  const healthFrame = (status: number) => Buffer.from([0, 0, 0, 0, 2, 0x08, status]);
  const seen: Array<{ headers: http2.IncomingHttpHeaders; body: Buffer }> = [];
  function grpcServer(answer: (stream: http2.ServerHttp2Stream) => void) {
    return track(http2Server((stream, headers, body) => {
      void body.then((bytes) => {
        seen.push({ headers, body: bytes });
        answer(stream);
      });
    }));
  }
  const respond = (status: number) => (stream: http2.ServerHttp2Stream) => {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    stream.end(healthFrame(status));
  };

  test('grpc.health.v1.Health/Check → SERVING is healthy; the request is a proper unary gRPC call', async () => {
    const server = await grpcServer(respond(1));
    const result = await probeGrpc(on(server.port));
    assert.equal(result.status, 'healthy', result.detail);
    assert.equal(result.detail, 'grpc.health.v1 says SERVING');
    const request = seen.at(-1)!;
    assert.equal(request.headers[':path'], '/grpc.health.v1.Health/Check');
    assert.equal(request.headers[':method'], 'POST');
    assert.equal(request.headers['content-type'], 'application/grpc');
    assert.equal(request.headers.te, 'trailers');
    assert.match(String(request.headers['grpc-timeout']), /^\d+m$/);
    assert.deepEqual([...request.body], [0, 0, 0, 0, 0]); // uncompressed, empty HealthCheckRequest (service "")
  });

  test('NOT_SERVING is unhealthy', async () => {
    const server = await grpcServer(respond(2));
    const result = await probeGrpc(on(server.port));
    assert.equal(result.status, 'unhealthy');
    assert.equal(result.detail, 'grpc.health.v1 says NOT_SERVING');
  });

  test('UNIMPLEMENTED (no health service) means reachable: healthy, with the reason', async () => {
    const server = await grpcServer((stream) => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'unknown%20service' }, { endStream: true });
    });
    const result = await probeGrpc(on(server.port));
    assert.equal(result.status, 'healthy');
    assert.match(result.detail, /reachable; it offers no grpc\.health\.v1 service \(UNIMPLEMENTED\)/);
  });

  test('an HTTP/2 server that is not gRPC is the wrong protocol', async () => {
    const server = await grpcServer((stream) => {
      stream.respond({ ':status': 404, 'content-type': 'text/plain' });
      stream.end('not found');
    });
    const result = await probeGrpc(on(server.port));
    assert.equal(result.status, 'unhealthy');
    assert.equal(result.detail, 'wrong protocol: looks like HTTP/2 without gRPC (HTTP 404, text/plain)');
  });
});

describe('Redis-speaking proxies', () => {
  test('PONG without an answer to INFO (a proxy): healthy, without waiting for the timeout', async () => {
    const server = await track(tcpServer((socket) => socket.once('data', () => socket.write('+PONG\r\n'))));
    const started = performance.now();
    const result = await probeRedis(on(server.port, { timeoutMs: 5000 }));
    assert.equal(result.status, 'healthy');
    assert.equal(result.detail, 'PONG');
    assert.ok(performance.now() - started < 1500);
  });
});
