/** TypeScript health endpoint: node:http, node:net, fetch. */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { formatDuration } from '../../duration';
import { provenance } from '../common';

export function tsHealth(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const { env } = options;
  return `/**
 * Health endpoint for "${options.name}". ${provenance(options, 'health-endpoint')}
 * GET /healthz: liveness, 200 while the process serves requests.
 * GET /readyz: readiness, runs every check in parallel (each with a ${formatDuration(options.resilience.policy.timeoutMs)} timeout);
 * 200 when all pass, 503 otherwise, with a JSON body naming each check's result.
 * Checks come from ${env['checkUrls']} (URLs that must answer below 400) and ${env['checkTcp']}
 * (host:port pairs that must accept a connection), plus any added with addCheck().
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';

export type Check = (signal: AbortSignal) => Promise<void>;

export interface CheckResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = ${options.resilience.policy.timeoutMs};
const checks = new Map<string, Check>();

/** Registers a readiness check; it fails by throwing (or by not finishing within the timeout). */
export function addCheck(name: string, check: Check): void {
  checks.set(name, check);
}

export function httpCheck(url: string): Check {
  return async (signal) => {
    const response = await fetch(url, { signal, redirect: 'manual' });
    await response.body?.cancel();
    if (response.status >= 400) throw new Error('HTTP ' + response.status);
  };
}

export function tcpCheck(host: string, port: number): Check {
  return (signal) => new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (error: unknown): void => { socket.destroy(); reject(error instanceof Error ? error : new Error(String(error))); };
    signal.addEventListener('abort', () => fail(new Error('timed out')), { once: true });
    socket.once('connect', () => { socket.end(); resolve(); });
    socket.once('error', fail);
  });
}

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

/** Adds the checks named in the environment. */
export function checksFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  for (const url of list(env['${env['checkUrls']}'])) addCheck(url, httpCheck(url));
  for (const target of list(env['${env['checkTcp']}'])) {
    const index = target.lastIndexOf(':');
    addCheck('tcp://' + target, tcpCheck(target.slice(0, index), Number(target.slice(index + 1))));
  }
}

async function runCheck(name: string, check: Check): Promise<CheckResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  try {
    await Promise.race([check(signal), new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('timed out')), { once: true }))]);
    return { name, ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { name, ok: false, ms: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  }
}

export async function readiness(): Promise<{ ok: boolean; checks: CheckResult[] }> {
  const results = await Promise.all([...checks].map(([name, check]) => runCheck(name, check)));
  return { ok: results.every((r) => r.ok), checks: results };
}

/** Starts the endpoint on ${env['port']} (default 8081); port 0 picks a free one. */
export function start${cls}HealthServer(options: { port?: number; host?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Server> {
  const env = options.env ?? process.env;
  checksFromEnv(env);
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
    };
    if (request.method !== 'GET') return send(405, { error: 'method not allowed' });
    if (path === '/healthz') return send(200, { status: 'ok' });
    if (path === '/readyz') {
      readiness().then((result) => send(result.ok ? 200 : 503, { status: result.ok ? 'ok' : 'unavailable', checks: result.checks }),
        (error: unknown) => send(500, { status: 'error', error: String(error) }));
      return;
    }
    send(404, { error: 'not found' });
  });
  const port = options.port ?? Number(env['${env['port']}'] ?? '8081');
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '0.0.0.0', () => resolve(server));
  });
}
`;
}
