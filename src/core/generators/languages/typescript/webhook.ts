/** TypeScript webhook receiver: node:http + node:crypto, no dependencies. */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { provenance } from '../common';

/** The signature scheme every language's receiver implements identically (see the docs). */
export const WEBHOOK_SCHEME = `Signature scheme: the sender puts the Unix time in seconds in X-Webhook-Timestamp and
 * "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + rawBody)) in X-Webhook-Signature. The receiver
 * recomputes it over the raw bytes (before any JSON parsing), compares in constant time, rejects
 * timestamps more than the tolerance away from now, and rejects a signature it has already accepted
 * within the tolerance window (a replay).`;

export function tsWebhookVerify(options: ResolvedOptions): string {
  return `/**
 * Webhook signature verification for "${options.name}". ${provenance(options, 'webhook-receiver')}
 * ${WEBHOOK_SCHEME}
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TIMESTAMP_HEADER = 'x-webhook-timestamp';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type VerifyFailure = 'missing-headers' | 'malformed' | 'stale-timestamp' | 'bad-signature' | 'replayed';
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/** The signature a sender computes: "sha256=" + hex HMAC over "<timestamp>.<raw body>". */
export function sign(rawBody: Buffer, secret: string, timestampSeconds: number): string {
  return 'sha256=' + createHmac('sha256', secret).update(String(timestampSeconds) + '.').update(rawBody).digest('hex');
}

/**
 * Remembers accepted signatures for the tolerance window, so the same signed request is
 * accepted once. In-memory: with several instances, share it (e.g. Redis SET NX with a TTL).
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, private readonly maxEntries = 100_000) {}

  /** True the first time \`signature\` is presented; false for a replay. */
  firstUse(signature: string, nowSeconds: number): boolean {
    for (const [key, seenAt] of this.seen) {
      if (seenAt >= nowSeconds - this.toleranceSeconds && this.seen.size < this.maxEntries) break;
      this.seen.delete(key); // insertion order = age order: drop expired (or overflow) entries first
    }
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, nowSeconds);
    return true;
  }
}

/** Checks one request. \`now\` is injectable for tests; everything else comes from the request. */
export function verifyWebhook(
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  options: { toleranceSeconds?: number; now?: number; replayGuard?: ReplayGuard } = {},
): VerifyResult {
  const signature = headers[SIGNATURE_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return { ok: false, reason: 'missing-headers' };
  if (!/^\\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return { ok: false, reason: 'stale-timestamp' };
  const expected = Buffer.from(sign(rawBody, secret, Number(timestamp)), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  // Equal lengths are guaranteed by the format check; timingSafeEqual compares in constant time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  if (options.replayGuard && !options.replayGuard.firstUse(given.toString('utf8'), nowSeconds)) return { ok: false, reason: 'replayed' };
  return { ok: true };
}
`;
}

export function tsWebhookServer(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const { env } = options;
  return `/**
 * HTTP receiver for "${options.name}" webhooks: POST /webhooks/${options.name}. ${provenance(options, 'webhook-receiver')}
 * Answers 204 once the handler finished, 401 for a missing, wrong, stale or replayed signature,
 * 413 for bodies over the limit, 400 for a body that is not JSON, 500 if the handler throws
 * (so the sender retries). The secret comes from ${env['secret']}, the port from ${env['port']}.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ReplayGuard, verifyWebhook } from './verify';

export type WebhookHandler = (event: unknown, rawBody: Buffer) => Promise<void>;

export class MissingConfigError extends Error {
  override readonly name = 'MissingConfigError';
}

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLargeError extends Error {}

function readRawBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) { reject(new BodyTooLargeError()); request.destroy(); return; }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Starts the receiver; \`port\` 0 picks a free port (read it from server.address()). */
export function start${cls}WebhookServer(handler: WebhookHandler, options: { port?: number; host?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Server> {
  const env = options.env ?? process.env;
  const secret = env['${env['secret']}'];
  if (!secret) throw new MissingConfigError('environment variable ${env['secret']} is not set');
  const replayGuard = new ReplayGuard();
  const server = createServer((request, response) => {
    const reply = (status: number, text = ''): void => { response.writeHead(status, { 'Content-Type': 'text/plain' }).end(text); };
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/webhooks/${options.name}') return reply(404, 'not found');
    readRawBody(request).then(async (rawBody) => {
      const verdict = verifyWebhook(rawBody, request.headers, secret, { replayGuard });
      if (!verdict.ok) return reply(401, 'invalid signature');
      let event: unknown;
      try {
        event = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return reply(400, 'body is not JSON');
      }
      await handler(event, rawBody);
      reply(204);
    }).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) return reply(413, 'body too large');
      console.error('${options.name} webhook handler failed:', error instanceof Error ? error.message : error);
      if (!response.headersSent) reply(500, 'handler failed');
    });
  });
  const port = options.port ?? Number(env['${env['port']}'] ?? '8080');
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '0.0.0.0', () => resolve(server));
  });
}
`;
}
