import http2 from 'node:http2';
import net from 'node:net';
import { tlsOptions } from '../connection';
import { ConnectionClosedError, ProbeTimeoutError, WrongProtocolError } from '../errors';
import { runProbe } from '../runProbe';
import type { HealthStatus, Probe, ProbeOutcome } from '../types';

export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';

/** HealthCheckRequest { string service = 1; } in a gRPC frame (flag 0, big-endian length). */
export function healthCheckFrame(service = ''): Buffer {
  const name = Buffer.from(service, 'utf8');
  const message = name.length ? Buffer.concat([Buffer.from([0x0a]), encodeVarint(name.length), name]) : Buffer.alloc(0);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

export function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** Reads HealthCheckResponse.status (field 1, varint) from a gRPC frame; skips other fields. */
export function decodeHealthStatus(frame: Buffer): number | undefined {
  if (frame.length < 5) return undefined;
  const message = frame.subarray(5, 5 + frame.readUInt32BE(1));
  let position = 0;
  let status: number | undefined = 0; // proto3: an absent field is its zero value (UNKNOWN)
  const varint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (position >= message.length) throw new RangeError('truncated varint');
      const byte = message[position++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return result;
      shift += 7;
    }
  };
  try {
    while (position < message.length) {
      const tag = varint();
      const wireType = tag & 7;
      if (tag >>> 3 === 1 && wireType === 0) status = varint();
      else if (wireType === 0) varint();
      else if (wireType === 1) position += 8;
      else if (wireType === 2) position += varint();
      else if (wireType === 5) position += 4;
      else return undefined;
    }
  } catch {
    return undefined;
  }
  return status;
}

const SERVING_STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
const GRPC_CODES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE',
  'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];

interface GrpcAnswer {
  httpStatus: number;
  contentType: string;
  grpcStatus?: number;
  grpcMessage?: string;
  body: Buffer;
}

function interpret(answer: GrpcAnswer): ProbeOutcome {
  if (answer.grpcStatus === undefined && !answer.contentType.startsWith('application/grpc')) {
    throw new WrongProtocolError(`HTTP/2 without gRPC (HTTP ${answer.httpStatus}, ${answer.contentType || 'no content-type'})`);
  }
  const code = answer.grpcStatus ?? 2;
  const name = GRPC_CODES[code] ?? `status ${code}`;
  const message = answer.grpcMessage ? `: ${decodeURIComponent(answer.grpcMessage)}` : '';
  if (code === 12) return { status: 'healthy', detail: 'gRPC server reachable; it offers no grpc.health.v1 service (UNIMPLEMENTED)' };
  if (code !== 0) {
    const status: HealthStatus = code === 14 || code === 4 ? 'unhealthy' : 'degraded';
    return { status, detail: `gRPC health check answered ${name}${message}` };
  }
  const serving = decodeHealthStatus(answer.body);
  if (serving === undefined) return { status: 'degraded', detail: 'gRPC health check answered OK with an unreadable HealthCheckResponse' };
  const word = SERVING_STATUS[serving] ?? `status ${serving}`;
  const status: HealthStatus = serving === 1 ? 'healthy' : serving === 2 ? 'unhealthy' : 'degraded';
  return { status, detail: `grpc.health.v1 says ${word}` };
}

/** HTTP/2 connect (h2c, or h2 over verified TLS), then a unary grpc.health.v1.Health/Check for the whole server. */
export const probeGrpc: Probe = (options) => runProbe(options, async (context) => {
  const { deadline } = context;
  const host = net.isIPv6(options.host) ? `[${options.host}]` : options.host;
  const session = http2.connect(`${options.tls ? 'https' : 'http'}://${host}:${options.port}`, {
    ...(options.tls ? tlsOptions(options) : {}),
  });
  context.onCleanup(() => session.destroy());
  session.setTimeout(options.timeoutMs, () => session.destroy(new ProbeTimeoutError(options.timeoutMs, deadline.phase)));
  deadline.phase = `waiting for the answer to ${HEALTH_CHECK_PATH}`;
  const answer = await new Promise<GrpcAnswer>((resolve, reject) => {
    const fail = (raised: NodeJS.ErrnoException) => {
      // A stream cancelled because its session failed: the session's error is the real one.
      const error = raised.code === 'ERR_HTTP2_STREAM_CANCEL' && raised.cause instanceof Error ? raised.cause as NodeJS.ErrnoException : raised;
      // The session broke before any HTTP/2 frame made sense: whatever listens does not speak HTTP/2.
      if (error.code === 'ERR_HTTP2_ERROR' || error.code === 'ERR_HTTP2_SESSION_ERROR' || error.code === 'ERR_HTTP2_STREAM_ERROR') {
        reject(new WrongProtocolError('not HTTP/2', `wrong protocol: the server does not speak HTTP/2 (${error.code}: ${error.message})`));
      } else reject(error);
    };
    session.on('error', fail);
    const stream = session.request({
      ':method': 'POST',
      ':path': HEALTH_CHECK_PATH,
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-timeout': `${Math.max(1, Math.floor(deadline.remainingMs(context.started)))}m`,
      'user-agent': 'integration-orchestrator-health',
    }, { signal: deadline.signal });
    const answer: GrpcAnswer = { httpStatus: 0, contentType: '', body: Buffer.alloc(0) };
    const chunks: Buffer[] = [];
    const readStatus = (headers: http2.IncomingHttpHeaders) => {
      const status = headers['grpc-status'];
      if (status !== undefined) answer.grpcStatus = Number(status);
      const message = headers['grpc-message'];
      if (typeof message === 'string') answer.grpcMessage = message;
    };
    stream.on('response', (headers) => {
      answer.httpStatus = Number(headers[':status'] ?? 0);
      answer.contentType = String(headers['content-type'] ?? '');
      readStatus(headers); // trailers-only answers carry grpc-status in the headers
    });
    stream.on('trailers', readStatus);
    stream.on('data', (chunk: Buffer) => { if (chunks.reduce((n, c) => n + c.length, 0) < 64 * 1024) chunks.push(chunk); });
    stream.on('error', fail);
    stream.on('close', () => {
      // Closed without a response: an earlier 'error' already rejected with the reason; otherwise say so.
      if (answer.httpStatus === 0) { reject(new ConnectionClosedError('gRPC', 0)); return; }
      answer.body = Buffer.concat(chunks);
      resolve(answer);
    });
    stream.end(healthCheckFrame());
  });
  return interpret(answer);
});
