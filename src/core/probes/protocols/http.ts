import http from 'node:http';
import https from 'node:https';
import { tlsOptions } from '../connection';
import { ConnectionClosedError, ProbeTimeoutError } from '../errors';
import { runProbe, type ProbeContext } from '../runProbe';
import { foreignReply } from '../sniff';
import type { Probe } from '../types';

interface HttpAnswer {
  statusCode: number;
  statusMessage: string;
  location?: string;
}

/** One GET with its own socket (no agent), bounded by the probe's deadline. */
function get(context: ProbeContext, path: string): Promise<HttpAnswer> {
  const { options, deadline } = context;
  const { username, password } = options.credentials ?? {};
  const headers: Record<string, string> = { 'user-agent': 'integration-orchestrator-health', accept: '*/*', connection: 'close' };
  if (username || password) headers.authorization = `Basic ${Buffer.from(`${username ?? ''}:${password ?? ''}`).toString('base64')}`;
  const request = (options.tls ? https : http).request({
    ...(options.tls ? tlsOptions(options) : {}),
    host: options.host,
    port: options.port,
    path,
    method: 'GET',
    headers,
    agent: false,
    signal: deadline.signal,
    timeout: options.timeoutMs,
  });
  context.onCleanup(() => request.destroy());
  deadline.phase = `waiting for the answer to GET ${path}`;
  return new Promise<HttpAnswer>((resolve, reject) => {
    request.on('timeout', () => request.destroy(new ProbeTimeoutError(options.timeoutMs, deadline.phase)));
    request.on('response', (response) => {
      resolve({ statusCode: response.statusCode ?? 0, statusMessage: response.statusMessage ?? '', location: response.headers.location });
      response.resume(); // the body is not needed
      response.on('error', () => undefined);
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }) => {
      // The HTTP parser rejected the answer: say which protocol answered instead.
      if (error.code?.startsWith('HPE_')) reject(foreignReply('HTTP', error.rawPacket ?? Buffer.alloc(0)));
      else if (error.code === 'ECONNRESET' && error.message === 'socket hang up') reject(new ConnectionClosedError('HTTP', request.socket?.bytesRead ?? 0));
      else reject(error);
    });
    request.end();
  });
}

function describe(path: string, answer: HttpAnswer): string {
  const redirect = answer.statusCode >= 300 && answer.statusCode < 400 && answer.location ? ` → ${answer.location}` : '';
  return `GET ${path} → ${answer.statusCode}${answer.statusMessage ? ` ${answer.statusMessage}` : ''}${redirect}`;
}

/**
 * GETs the health path (default `/health`, then `/` when that is 404). Below 400 is healthy;
 * 4xx/5xx is degraded: something answered, but not well.
 */
export const probeHttp: Probe = (options) => runProbe(options, async (context) => {
  const paths = options.path ? [options.path] : ['/health', '/'];
  let answer = await get(context, paths[0]!);
  let detail = describe(paths[0]!, answer);
  if (answer.statusCode === 404 && paths[1]) {
    answer = await get(context, paths[1]);
    detail = `${describe(paths[1], answer)} (no ${paths[0]}: 404)`;
  }
  return { status: answer.statusCode >= 400 ? 'degraded' : 'healthy', detail };
});
