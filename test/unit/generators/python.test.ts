/**
 * Every Python variant compiles (`python3 -m py_compile`) and imports under Debian's python3 with
 * Debian's requests, psycopg, redis, pika and kafka-python (opentelemetry-api is not packaged:
 * the monitoring module is compiled only). The standard-library parts run: the webhook receiver
 * is started and sent good, bad, stale and replayed requests; the REST client meets injected
 * faults; the workflow engine compensates; PKCE and the token exchange hit a local endpoint.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FAST_POLICY, generateInto, makeTempDir, onLines, run, type Variant } from './helpers';

const PYTHON = '/usr/bin/python3';
const temp = makeTempDir('py');
const root = temp.dir;
after(() => temp.cleanup());

const RUNTIME: Variant[] = [
  { pattern: 'webhook-receiver', name: 'hooks-rt', options: {} },
  { pattern: 'rest-client', name: 'api-rt', options: { auth: 'api-key', resilience: FAST_POLICY } },
  { pattern: 'workflow', name: 'flow-rt', options: { resilience: FAST_POLICY } },
  { pattern: 'oauth2-client', name: 'login-rt', options: {} },
];

before(() => {
  generateInto(root, 'python');
  generateInto(root, 'python', RUNTIME);
});

const env = (): NodeJS.ProcessEnv => ({ ...process.env, PYTHONPATH: root, PYTHONDONTWRITEBYTECODE: '1' });
const python = (code: string, timeoutMs = 30_000) => run(PYTHON, ['-c', code], { cwd: root, env: env(), timeoutMs });

function pythonFiles(): string[] {
  return readdirSync(root, { recursive: true }).map(String).filter((file) => file.endsWith('.py')).map((file) => path.join(root, file));
}

test('every Python variant passes py_compile', { timeout: 60_000 }, async () => {
  const files = pythonFiles();
  assert.ok(files.length > 30, `expected many files, got ${files.length}`);
  const result = await run(PYTHON, ['-m', 'py_compile', ...files], { env: env() });
  assert.equal(result.code, 0, result.stderr);
});

test('every Python module except the OpenTelemetry one imports with Debian\'s client libraries', { timeout: 60_000 }, async () => {
  const modules = pythonFiles()
    .map((file) => path.relative(root, file).replace(/\.py$/, '').replace(/\/__init__$/, '').split(path.sep).join('.'))
    .filter((name) => !name.endsWith('.monitoring'));
  const result = await python(`import importlib\nfor name in ${JSON.stringify(modules)}:\n    importlib.import_module(name)\nprint(len(${JSON.stringify(modules)}))`);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(Number(result.stdout.trim()), modules.length);
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
const body = (request: IncomingMessage): Promise<string> => new Promise((resolve) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
});

describe('the generated Python webhook receiver', () => {
  const secret = 'whsec_python_test';
  let child: ChildProcess;
  let port: number;
  const events: string[] = [];

  before(async () => {
    child = spawn(PYTHON, ['-u', '-c', [
      'import json, sys',
      'from integrations.hooks_rt.server import create_hooks_rt_server',
      'server = create_hooks_rt_server(lambda event: print("EVENT " + json.dumps(event), flush=True), host="127.0.0.1", port=0)',
      'print("PORT", server.server_address[1], flush=True)',
      'server.serve_forever()',
    ].join('\n')], { cwd: root, env: { ...env(), HOOKS_RT_WEBHOOK_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (text: string) => { stderr += text; });
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`python webhook server did not start: ${stderr}`)), 30_000);
      onLines(child.stdout!, (line) => {
        if (line.startsWith('PORT ')) { clearTimeout(timer); resolve(Number(line.slice(5))); }
        if (line.startsWith('EVENT ')) events.push(line.slice(6));
      });
      child.once('exit', (code) => reject(new Error(`python exited with ${code}: ${stderr}`)));
    });
  });
  after(() => { child.kill('SIGKILL'); });

  const signed = (raw: string, timestamp: number, key = secret) => ({
    'X-Webhook-Timestamp': String(timestamp),
    'X-Webhook-Signature': 'sha256=' + createHmac('sha256', key).update(`${timestamp}.${raw}`).digest('hex'),
  });
  const post = (raw: string, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/webhooks/hooks-rt`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...headers } });

  test('accepts a correctly signed request, rejects a wrong one and a replay', async () => {
    const now = Math.floor(Date.now() / 1000);
    const raw = JSON.stringify({ id: 'evt_py', n: 1 });
    const headers = signed(raw, now);
    assert.equal((await post(raw, headers)).status, 204);
    assert.equal((await post(raw, headers)).status, 401, 'replayed');
    assert.equal((await post(raw, signed(raw, now, 'wrong'))).status, 401, 'wrong secret');
    assert.equal((await post(raw, signed(raw, now - 900))).status, 401, 'stale');
    const other = JSON.stringify({ id: 'evt_py2' });
    assert.equal((await post(other, signed(other, now))).status, 204);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(events.map((e) => JSON.parse(e) as unknown), [{ id: 'evt_py', n: 1 }, { id: 'evt_py2' }]);
  });

  test('verify_webhook gives the reason for each refusal', async () => {
    const result = await python([
      'from integrations.hooks_rt.verify import sign, verify_webhook, ReplayGuard',
      'body = b\'{"a":1}\'',
      'guard = ReplayGuard()',
      'ok = {"X-Webhook-Timestamp": "1000", "X-Webhook-Signature": sign(body, "s", 1000)}',
      'print(verify_webhook(body, ok, "s", now=1000, replay_guard=guard))',
      'print(verify_webhook(body, ok, "s", now=1000, replay_guard=guard))',
      'print(verify_webhook(body, ok, "s", now=1301))',
      'print(verify_webhook(body + b" ", ok, "s", now=1000))',
      'print(verify_webhook(body, {"X-Webhook-Timestamp": "1000", "X-Webhook-Signature": "sha256=zz"}, "s", now=1000))',
      'print(verify_webhook(body, {}, "s", now=1000))',
    ].join('\n'));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n'), ['None', 'replayed', 'stale-timestamp', 'bad-signature', 'malformed', 'missing-headers']);
  });
});

describe('the generated Python REST client', () => {
  let server: Server;
  let port: number;
  const hits = new Map<string, number>();
  const keys: (string | undefined)[] = [];

  before(async () => {
    server = createServer((request, response) => {
      const key = `${request.method} ${request.url}`;
      const count = (hits.get(key) ?? 0) + 1;
      hits.set(key, count);
      keys.push(request.headers['x-api-key'] as string | undefined);
      if (request.url === '/flaky' && count < 3) return response.writeHead(503).end();
      if (request.url === '/throttled' && count === 1) {
        return response.writeHead(429, { 'Retry-After': new Date(Date.now() - 1000).toUTCString() }).end();
      }
      if (request.url === '/down') return response.writeHead(502).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok": true}');
    });
    port = await listen(server);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('retries 503s and an HTTP-date Retry-After, never a plain POST, and sends the API key', async () => {
    const result = await python([
      'import json',
      'from integrations.api_rt.client import ApiRtClient, ApiRtHttpError',
      `client = ApiRtClient(env={"API_RT_URL": "http://127.0.0.1:${port}", "API_RT_API_KEY": "key-1"})`,
      'out = [client.get("/flaky"), client.get("/throttled")]',
      'try:',
      '    client.post("/down", json={"a": 1})',
      'except ApiRtHttpError as error:',
      '    out.append(error.status)',
      'try:',
      '    client.post("/down", json={"a": 1}, idempotency_key="k")',
      'except ApiRtHttpError as error:',
      '    out.append(error.status)',
      'print(json.dumps(out))',
    ].join('\n'));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [{ ok: true }, { ok: true }, 502, 502]);
    assert.equal(hits.get('GET /flaky'), 3, '2 failures + 1 success = 2 retries');
    assert.equal(hits.get('GET /throttled'), 2);
    assert.equal(hits.get('POST /down'), 1 + 3, 'plain POST once; with an idempotency key 1 + 2 retries');
    assert.ok(keys.every((key) => key === 'key-1'));
  });
});

describe('the generated Python workflow engine', () => {
  test('skips, retries and compensates in reverse order', async () => {
    const result = await python([
      'import asyncio, json',
      'from integrations.flow_rt.engine import Step, run_workflow',
      'undone, tries = [], {"c": 0}',
      'async def ok(ctx): return {"a": 1}',
      'async def flaky(ctx):',
      '    tries["c"] += 1',
      '    if tries["c"] < 2: raise RuntimeError("flaky")',
      '    return {"c": 1}',
      'async def boom(ctx): raise RuntimeError("boom")',
      'def undo(name):',
      '    async def run(ctx): undone.append(name)',
      '    return run',
      'steps = [Step("a", ok, compensate=undo("a")), Step("b", ok, when=lambda ctx: False), Step("c", flaky, compensate=undo("c"), on_error="retry"),',
      '         Step("d", boom, on_error="skip"), Step("e", boom)]',
      'result = asyncio.run(run_workflow(steps, {}))',
      'print(json.dumps({"status": result.status, "undone": undone, "steps": [[s.name, s.status, s.attempts] for s in result.steps]}))',
    ].join('\n'));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      status: 'compensated',
      undone: ['c', 'a'],
      steps: [['a', 'compensated', 1], ['b', 'skipped', 0], ['c', 'compensated', 2], ['d', 'failed-skipped', 1], ['e', 'failed', 1]],
    });
  });
});

describe('the generated Python OAuth2 client', () => {
  test('sends an S256 challenge, refuses a forged state, and exchanges the code with the matching verifier', async () => {
    const forms: URLSearchParams[] = [];
    const server = createServer((request, response) => {
      void body(request).then((text) => {
        forms.push(new URLSearchParams(text));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"at_py","token_type":"Bearer"}');
      });
    });
    const port = await listen(server);
    try {
      const result = await python([
        'import json',
        'from urllib.parse import urlsplit, parse_qs',
        'from integrations.login_rt.oauth2 import OAuthConfig, StateMismatchError, begin_authorization, complete_authorization',
        `config = OAuthConfig("https://id.example/authorize", "http://127.0.0.1:${port}/token", "app", None, "http://localhost/cb", "openid")`,
        'pending = begin_authorization(config)',
        'print(json.dumps({k: v[0] for k, v in parse_qs(urlsplit(pending.url).query).items()}))',
        'try:',
        '    complete_authorization({"code": "c", "state": "forged"}, pending, config)',
        'except StateMismatchError:',
        '    print("state refused")',
        'print(json.dumps(complete_authorization({"code": "c", "state": pending.state}, pending, config)))',
      ].join('\n'));
      assert.equal(result.code, 0, result.stderr);
      const [query, refused, tokens] = result.stdout.trim().split('\n');
      const params = JSON.parse(query!) as Record<string, string>;
      assert.equal(params['code_challenge_method'], 'S256');
      assert.match(params['state']!, /^[A-Za-z0-9_-]{22}$/);
      assert.equal(refused, 'state refused');
      assert.equal(forms.length, 1, 'the forged state sent no token request');
      assert.equal(forms[0]!.get('grant_type'), 'authorization_code');
      assert.equal(forms[0]!.get('client_id'), 'app', 'a public client sends its id in the form');
      // What a provider checks: the verifier sent with the code hashes to the challenge sent before.
      assert.equal(createHash('sha256').update(forms[0]!.get('code_verifier')!).digest('base64url'), params['code_challenge']);
      assert.equal((JSON.parse(tokens!) as { access_token: string }).access_token, 'at_py');
    } finally {
      server.close();
    }
  });
});
