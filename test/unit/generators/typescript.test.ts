/**
 * Every TypeScript variant type-checks with `tsc --strict` (plus the unused/implicit-return checks)
 * against the real type packages (@types/pg, @types/amqplib, redis, kafkajs, @opentelemetry/api,
 * @temporalio/workflow, installed as devDependencies), and the dependency-free parts run here:
 * the webhook receiver is sent good, bad, stale and replayed requests; the REST client meets
 * injected faults; the workflow engine compensates; PKCE and the token exchange are checked
 * against a local token endpoint; the health endpoint answers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FAST_POLICY, generateInto, makeTempDir, REPO, run, type Variant } from './helpers';

const temp = makeTempDir('ts');
const root = temp.dir;
after(() => temp.cleanup());

const RUNTIME: Variant[] = [
  { pattern: 'webhook-receiver', name: 'hooks-rt', options: {} },
  { pattern: 'rest-client', name: 'api-rt', options: { auth: 'bearer', resilience: FAST_POLICY } },
  { pattern: 'workflow', name: 'flow-rt', options: { resilience: FAST_POLICY } },
  { pattern: 'oauth2-client', name: 'login-rt', options: {} },
  { pattern: 'health-endpoint', name: 'health-rt', options: { resilience: { ...FAST_POLICY, policy: { ...FAST_POLICY.policy, timeoutMs: 500 } } } },
];

before(() => {
  generateInto(root, 'typescript');
  generateInto(root, 'typescript', RUNTIME);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'generated', private: true, type: 'commonjs' }));
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', types: ['node'],
      skipLibCheck: true, noUnusedLocals: true, noUnusedParameters: true, noImplicitReturns: true, noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
    },
    include: ['src'],
  }));
});

test('every TypeScript variant passes tsc --strict in one invocation', { timeout: 120_000 }, async () => {
  const result = await run(process.execPath, [path.join(REPO, 'node_modules/typescript/lib/tsc.js'), '-p', root], { cwd: root });
  assert.equal(result.code, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
});

const mod = <T>(relative: string): Promise<T> => import(path.join(root, relative)) as Promise<T>;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const body = (request: IncomingMessage): Promise<string> => new Promise((resolve) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
});

describe('the generated TypeScript webhook receiver', () => {
  const secret = 'whsec_test_only';
  let server: Server;
  let port: number;
  const received: unknown[] = [];

  before(async () => {
    const { startHooksRtWebhookServer } = await mod<{ startHooksRtWebhookServer: (h: (e: unknown) => Promise<void>, o: object) => Promise<Server> }>('src/integrations/hooks-rt/server.ts');
    server = await startHooksRtWebhookServer(async (event) => { received.push(event); }, { port: 0, host: '127.0.0.1', env: { HOOKS_RT_WEBHOOK_SECRET: secret } });
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Signed here with node:crypto, independently of the generated sign().
  const signed = (raw: string, timestamp: number, key = secret) => ({
    'x-webhook-timestamp': String(timestamp),
    'x-webhook-signature': 'sha256=' + createHmac('sha256', key).update(`${timestamp}.${raw}`).digest('hex'),
  });
  const post = (raw: string, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/webhooks/hooks-rt`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...headers } });

  test('accepts a correctly signed request and hands over the parsed event', async () => {
    const raw = JSON.stringify({ id: 'evt_1', type: 'payment.succeeded' });
    const response = await post(raw, signed(raw, Math.floor(Date.now() / 1000)));
    assert.equal(response.status, 204);
    assert.deepEqual(received.at(-1), { id: 'evt_1', type: 'payment.succeeded' });
  });

  test('rejects a wrong signature, a tampered body, a stale timestamp and a replay with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const raw = JSON.stringify({ id: 'evt_2' });
    assert.equal((await post(raw, signed(raw, now, 'another-secret'))).status, 401, 'wrong key');
    assert.equal((await post(JSON.stringify({ id: 'evt_2', amount: 1e6 }), signed(raw, now))).status, 401, 'tampered body');
    assert.equal((await post(raw, signed(raw, now - 3600))).status, 401, 'an hour old');
    assert.equal((await post(raw, {})).status, 401, 'unsigned');
    const headers = signed(raw, now);
    assert.equal((await post(raw, headers)).status, 204, 'first delivery');
    assert.equal((await post(raw, headers)).status, 401, 'the same request again is a replay');
    assert.equal(received.filter((e) => (e as { id?: string }).id === 'evt_2').length, 1);
  });
});

describe('the generated TypeScript REST client', () => {
  let server: Server;
  let port: number;
  const hits = new Map<string, number>();
  let lastAuth: string | undefined;

  before(async () => {
    server = createServer((request, response) => {
      const key = `${request.method} ${request.url}`;
      const count = (hits.get(key) ?? 0) + 1;
      hits.set(key, count);
      lastAuth = request.headers.authorization;
      if (request.url === '/flaky' && count === 1) return response.writeHead(503).end('busy');
      if (request.url === '/throttled' && count === 1) return response.writeHead(429, { 'Retry-After': '0' }).end();
      if (request.url === '/too-long') return response.writeHead(429, { 'Retry-After': '3600' }).end();
      if (request.url === '/down') return response.writeHead(503).end('down');
      if (request.url === '/missing') return response.writeHead(404).end('nope');
      void body(request).then((text) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, echo: text })));
    });
    port = await listen(server);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  type Client = { get<T>(p: string): Promise<T>; post<T>(p: string, b: unknown, o?: { idempotencyKey?: string }): Promise<T> };
  const client = async (): Promise<Client> => {
    const { ApiRtClient } = await mod<{ ApiRtClient: new (c: object) => Client }>('src/integrations/api-rt/client.ts');
    return new ApiRtClient({ baseUrl: `http://127.0.0.1:${port}/`, token: 'tok_test' });
  };

  test('retries a 503 and a 429 with Retry-After, sending the bearer token', async () => {
    const api = await client();
    assert.deepEqual(await api.get('/flaky'), { ok: true, echo: '' });
    assert.equal(hits.get('GET /flaky'), 2);
    assert.equal(lastAuth, 'Bearer tok_test');
    await api.get('/throttled');
    assert.equal(hits.get('GET /throttled'), 2);
  });

  test('gives up at once when Retry-After exceeds the policy maximum, and never retries a 404', async () => {
    const api = await client();
    await assert.rejects(api.get('/too-long'), (error: Error & { status?: number }) => error.status === 429);
    assert.equal(hits.get('GET /too-long'), 1);
    await assert.rejects(api.get('/missing'), (error: Error & { status?: number }) => error.status === 404);
    assert.equal(hits.get('GET /missing'), 1);
  });

  test('does not retry a POST unless it carries an Idempotency-Key', async () => {
    const api = await client();
    await assert.rejects(api.post('/down', { a: 1 }), (error: Error & { status?: number }) => error.status === 503);
    assert.equal(hits.get('POST /down'), 1, 'a plain POST is sent once');
    await assert.rejects(api.post('/down', { a: 1 }, { idempotencyKey: 'k-1' }));
    assert.equal(hits.get('POST /down'), 1 + 3, 'with a key: 1 attempt + 2 retries (maxRetries counts retries)');
  });
});

describe('the generated TypeScript workflow engine', () => {
  type Result = { status: string; steps: { name: string; status: string; attempts: number }[]; context: Record<string, unknown> };
  type Engine = { runWorkflow: (steps: object[], initial: object) => Promise<Result> };

  test('runs conditions, skips, retries, and compensates completed steps in reverse order on failure', async () => {
    const { runWorkflow } = await mod<Engine>('src/integrations/flow-rt/engine.ts');
    const undone: string[] = [];
    let flaky = 0;
    const result = await runWorkflow([
      { name: 'a', run: async () => ({ a: 1 }), compensate: async () => { undone.push('a'); } },
      { name: 'b', when: () => false, run: async () => ({ b: 1 }), compensate: async () => { undone.push('b'); } },
      { name: 'c', onError: 'retry', run: async () => { if (++flaky < 3) throw new Error('flaky'); return { c: 1 }; }, compensate: async () => { undone.push('c'); } },
      { name: 'd', onError: 'skip', run: async () => { throw new Error('mail down'); } },
      { name: 'e', run: async () => { throw new Error('boom'); } },
    ], {});
    assert.equal(result.status, 'compensated');
    assert.deepEqual(undone, ['c', 'a']);
    assert.deepEqual(result.steps.map((s) => [s.name, s.status, s.attempts]), [
      ['a', 'compensated', 1], ['b', 'skipped', 0], ['c', 'compensated', 3], ['d', 'failed-skipped', 1], ['e', 'failed', 1],
    ]);
  });

  test('completes, merging each step result into the context', async () => {
    const { runWorkflow } = await mod<Engine>('src/integrations/flow-rt/engine.ts');
    const result = await runWorkflow([{ name: 'a', run: async () => ({ a: 1 }) }, { name: 'b', run: async (ctx: { a: number }) => ({ b: ctx.a + 1 }) }], { start: true });
    assert.equal(result.status, 'completed');
    assert.deepEqual(result.context, { start: true, a: 1, b: 2 });
  });
});

describe('the generated TypeScript OAuth2 client', () => {
  type OAuth = {
    createPkcePair(): { codeVerifier: string; codeChallenge: string };
    beginAuthorization(config: object): { url: string; state: string; codeVerifier: string };
    completeAuthorization(query: object, pending: object, config: object): Promise<{ access_token: string }>;
  };
  let server: Server;
  let config: Record<string, string>;
  let lastForm: URLSearchParams | undefined;
  const challenges = new Map<string, string>();

  before(async () => {
    server = createServer((request, response) => {
      void body(request).then((text) => {
        lastForm = new URLSearchParams(text);
        // A real provider's check: the verifier must hash to the challenge sent with the code.
        const expected = challenges.get(lastForm.get('code') ?? '');
        const actual = createHash('sha256').update(lastForm.get('code_verifier') ?? '').digest('base64url');
        if (expected !== actual) return response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"at_1","token_type":"Bearer"}');
      });
    });
    const port = await listen(server);
    config = { authorizeUrl: 'https://id.example/authorize', tokenUrl: `http://127.0.0.1:${port}/token`, clientId: 'app', redirectUri: 'http://localhost/cb', scopes: 'openid' };
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('builds an S256 PKCE pair (RFC 7636 shape) and an authorization URL with state', async () => {
    const oauth = await mod<OAuth>('src/integrations/login-rt/oauth2.ts');
    const pair = oauth.createPkcePair();
    assert.match(pair.codeVerifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(pair.codeChallenge, createHash('sha256').update(pair.codeVerifier).digest('base64url'));
    const pending = oauth.beginAuthorization(config);
    const url = new URL(pending.url);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('state'), pending.state);
    assert.equal(url.searchParams.get('code_challenge'), createHash('sha256').update(pending.codeVerifier).digest('base64url'));
  });

  test('exchanges the code with the verifier, and refuses a mismatched state before any request', async () => {
    const oauth = await mod<OAuth>('src/integrations/login-rt/oauth2.ts');
    const pending = oauth.beginAuthorization(config);
    challenges.set('code-1', new URL(pending.url).searchParams.get('code_challenge')!);
    const tokens = await oauth.completeAuthorization({ code: 'code-1', state: pending.state }, pending, config);
    assert.equal(tokens.access_token, 'at_1');
    assert.equal(lastForm?.get('grant_type'), 'authorization_code');
    lastForm = undefined;
    await assert.rejects(oauth.completeAuthorization({ code: 'code-1', state: 'forged' }, pending, config), { name: 'StateMismatchError' });
    assert.equal(lastForm, undefined, 'no token request for a forged state');
  });
});

describe('the generated TypeScript health endpoint', () => {
  test('answers /healthz, and /readyz with 200 or 503 depending on its TCP check', async () => {
    const health = await mod<{ startHealthRtHealthServer(o: object): Promise<Server> }>('src/integrations/health-rt/health.ts');
    const dependency = createServer(() => undefined);
    const dependencyPort = await listen(dependency);
    const server = await health.startHealthRtHealthServer({ port: 0, host: '127.0.0.1', env: { HEALTH_RT_HEALTH_CHECK_TCP: `127.0.0.1:${dependencyPort}` } });
    const port = (server.address() as AddressInfo).port;
    try {
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(ready.status, 200, await ready.clone().text());
      await new Promise<void>((resolve) => dependency.close(() => resolve()));
      const unready = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(unready.status, 503);
      const json = (await unready.json()) as { checks: { ok: boolean }[] };
      assert.equal(json.checks[0]?.ok, false);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      dependency.close();
    }
  });
});
