/**
 * Kafka and MongoDB probes against servers that replay byte-exact handshakes (see
 * recordedHandshakes.ts), checking both directions: the bytes the probe sends, and what it
 * makes of the reply — delivered in pieces, as TCP may.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBson, encodeBson } from '../../../src/core/probes/protocols/bson';
import { probeKafka } from '../../../src/core/probes/protocols/kafka';
import { probeMongodb } from '../../../src/core/probes/protocols/mongodb';
import { afterBytes, tcpServer, type FakeServer } from './fakeServers';
import {
  hex, KAFKA_API_VERSIONS_REQUEST, KAFKA_API_VERSIONS_RESPONSE, MONGO_HELLO_REPLY, MONGO_HELLO_REQUEST,
} from './recordedHandshakes';

const servers: FakeServer[] = [];
after(async () => { await Promise.all(servers.map((server) => server.close())); });

/** Answers `reply` in three pieces once `expected.length` bytes arrived. */
async function replay(expected: Buffer, reply: Buffer): Promise<FakeServer> {
  const server = await tcpServer((socket, received) => {
    afterBytes(socket, received, expected.length, () => {
      socket.write(reply.subarray(0, 3));
      setTimeout(() => socket.write(reply.subarray(3, 40)), 10);
      setTimeout(() => socket.write(reply.subarray(40)), 20);
    });
  });
  servers.push(server);
  return server;
}

test('Kafka: ApiVersions v0 request byte for byte; the response read as 21 APIs', async () => {
  const server = await replay(KAFKA_API_VERSIONS_REQUEST, KAFKA_API_VERSIONS_RESPONSE);
  const result = await probeKafka({ host: '127.0.0.1', port: server.port, timeoutMs: 2000 });
  assert.equal(result.status, 'healthy', result.detail);
  assert.equal(result.detail, 'Kafka broker answered ApiVersions: 21 APIs, Fetch v0–v3');
  assert.equal(server.received[0]!.toString('hex'), KAFKA_API_VERSIONS_REQUEST.toString('hex'));
});

test('Kafka: a non-zero error_code is degraded; a reply to another correlation id is not Kafka talking to us', async () => {
  const withError = Buffer.from(KAFKA_API_VERSIONS_RESPONSE);
  withError.writeInt16BE(35, 8); // UNSUPPORTED_VERSION
  const failing = await replay(KAFKA_API_VERSIONS_REQUEST, withError);
  const degraded = await probeKafka({ host: '127.0.0.1', port: failing.port, timeoutMs: 2000 });
  assert.equal(degraded.status, 'degraded');
  assert.equal(degraded.detail, 'Kafka broker answered ApiVersions with error code 35');

  const otherId = Buffer.from(KAFKA_API_VERSIONS_RESPONSE);
  otherId.writeInt32BE(7, 4);
  const confused = await replay(KAFKA_API_VERSIONS_REQUEST, otherId);
  const wrong = await probeKafka({ host: '127.0.0.1', port: confused.port, timeoutMs: 2000 });
  assert.equal(wrong.status, 'unhealthy');
  assert.match(wrong.detail, /^wrong protocol: not a Kafka reply \(starts with 00 00 00 88 00 00 00 07 …\)$/);
});

test('MongoDB: hello over OP_MSG byte for byte; the reply read as a 7.0 standalone', async () => {
  const server = await replay(MONGO_HELLO_REQUEST, MONGO_HELLO_REPLY);
  const result = await probeMongodb({ host: '127.0.0.1', port: server.port, timeoutMs: 2000 });
  assert.equal(result.status, 'healthy', result.detail);
  assert.equal(result.detail, 'MongoDB answered hello: standalone, writable, wire version 21 (MongoDB 7.0)');
  assert.equal(server.received[0]!.toString('hex'), MONGO_HELLO_REQUEST.toString('hex'));
});

test('MongoDB: an ok:0 reply is degraded with the server\'s errmsg', async () => {
  // Body {ok: 0.0, errmsg: "not authorized", code: 13}, wrapped like the recorded reply.
  const body = hex(`
    36 00 00 00                                   # document length 54
    01 6f 6b 00 00 00 00 00 00 00 00 00           # double "ok": 0.0
    02 65 72 72 6d 73 67 00 0f 00 00 00 6e 6f 74 20 61 75 74 68 6f 72 69 7a 65 64 00   # string "errmsg": "not authorized"
    10 63 6f 64 65 00 0d 00 00 00                 # int32 "code": 13
    00
  `);
  const header = Buffer.from(MONGO_HELLO_REPLY.subarray(0, 21));
  header.writeInt32LE(21 + body.length, 0);
  const server = await replay(MONGO_HELLO_REQUEST, Buffer.concat([header, body]));
  const result = await probeMongodb({ host: '127.0.0.1', port: server.port, timeoutMs: 2000 });
  assert.equal(result.status, 'degraded');
  assert.equal(result.detail, 'MongoDB answered hello with an error: not authorized (code 13)');
});

test('BSON: the recorded reply decodes field by field; encode writes what the request fixture holds', () => {
  const reply = decodeBson(MONGO_HELLO_REPLY, 21);
  assert.equal(reply.isWritablePrimary, true);
  assert.deepEqual(reply.topologyVersion, { processId: '6553f1a2c3d4e5f601234567', counter: 0 });
  assert.equal(reply.maxBsonObjectSize, 16777216);
  assert.deepEqual(reply.localTime, new Date(1_700_000_000_000));
  assert.equal(reply.maxWireVersion, 21);
  assert.equal(reply.ok, 1);
  assert.deepEqual(encodeBson({ hello: 1, $db: 'admin' }), MONGO_HELLO_REQUEST.subarray(21));
  assert.deepEqual(decodeBson(encodeBson({ a: 'x', b: true, c: 2.5, d: -7 })), { a: 'x', b: true, c: 2.5, d: -7 });
  assert.throws(() => decodeBson(Buffer.from([5, 0, 0, 0])), /truncated|length/);
});
