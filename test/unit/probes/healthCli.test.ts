/** `integration-orchestrator health`, run in-process against a folder that names real servers. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { parseDurationMs } from '../../../src/cli/commands/health';
import { closedPort, httpServer, type FakeServer } from './fakeServers';
import { missingBinary, startRedis, type RunningServer } from './servers';

const SECRET = 'cli-S3cret#pw';
const dirs: string[] = [];
let web: FakeServer;
let redis: RunningServer | undefined;
const skipRedis = missingBinary('redis-server');

before(async () => {
  [web, redis] = await Promise.all([
    httpServer((request, response) => { response.writeHead(request.url === '/health' ? 200 : 404).end(); }),
    skipRedis ? Promise.resolve(undefined) : startRedis({ password: SECRET }),
  ]);
});
after(async () => {
  await Promise.all([web.close(), redis?.stop()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'io-health-cli-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function run(args: string[], isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['health', ...args], {
    stdout: (text) => out.push(text), stderr: (text) => err.push(text), isTTY, cwd: os.tmpdir(),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('health on a folder', { skip: skipRedis }, () => {
  let dir: string;
  let refused: number;
  before(async () => {
    refused = await closedPort();
    dir = folder({
      '.env': [
        `IO_TEST_CACHE_URL=redis://:${encodeURIComponent(SECRET)}@127.0.0.1:${redis!.port}`,
        `IO_TEST_API_URL=http://127.0.0.1:${web.port}`,
      ].join('\n'),
      '.env.example': [
        'IO_TEST_API_URL=http://example.invalid:1',
        `IO_TEST_OLD_DB=postgres://app:${SECRET}@127.0.0.1:${refused}/app`,
      ].join('\n'),
      'docker-compose.yml': [
        'services:',
        '  cache:',
        '    image: redis:7',
        `    ports: ["127.0.0.1:${redis!.port}:6379"]`,
        '  api:',
        '    image: ghcr.io/acme/api:1',
        `    ports: ["127.0.0.1:${web.port}:8080"]`,
      ].join('\n'),
      'integration-config.yml': [
        'version: 1',
        'integrations:',
        '  - name: orders',
        '    target: { type: rest, endpoint: "${IO_TEST_UNDEFINED_ORDERS_URL}" }',
      ].join('\n'),
    });
  });

  test('--format json: one result per endpoint, passwords redacted, exit 1 because one is unhealthy', async () => {
    const { code, stdout, stderr } = await run([dir, '--format', 'json', '--timeout', '2s']);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const { results } = JSON.parse(stdout) as { results: Array<Record<string, unknown>> };
    assert.deepEqual(results.map((r) => Object.keys(r)), results.map(() => ['service', 'kind', 'target', 'status', 'latencyMs', 'detail', 'checkedAt', 'source']));
    assert.deepEqual(results.map((r) => [r.service, r.kind, r.target, r.status]), [
      ['orders', 'http', '${IO_TEST_UNDEFINED_ORDERS_URL}', 'unknown'],
      ['IO_TEST_CACHE_URL', 'redis', `redis://:***@127.0.0.1:${redis!.port}`, 'healthy'],
      ['IO_TEST_API_URL', 'http', `http://127.0.0.1:${web.port}`, 'healthy'],
      ['IO_TEST_OLD_DB', 'postgres', `postgres://app:***@127.0.0.1:${refused}/app`, 'unhealthy'],
    ]);
    assert.match(String(results[1]!.detail), /^PONG from Redis 7\./);
    assert.equal(results[3]!.detail, `connection refused: nothing listens on 127.0.0.1:${refused}`);
    assert.ok(!stdout.includes(SECRET) && !stdout.includes(encodeURIComponent(SECRET)));
  });

  test('table on a terminal by default: a row per service and a summary; still no password', async () => {
    const { code, stdout } = await run([dir], true);
    assert.equal(code, 1);
    const lines = stdout.split('\n');
    assert.match(lines[0]!, /^SERVICE\s+KIND\s+STATUS\s+LATENCY\s+TARGET\s+DETAIL$/);
    assert.match(stdout, /IO_TEST_CACHE_URL\s+redis\s+✔ healthy\s+\d+ ms\s+redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\s+PONG/);
    assert.match(stdout, /IO_TEST_OLD_DB\s+postgres\s+✖ unhealthy/);
    assert.match(stdout, /2 healthy, 0 degraded, 1 unhealthy, 1 unknown/);
    assert.ok(!stdout.includes(SECRET));
  });
});

test('exit 0 when every checked service is healthy or degraded (unknown ones do not count)', async () => {
  const dir = folder({
    '.env': `IO_TEST_WEB=http://127.0.0.1:${web.port}\nIO_TEST_MISSING=http://\${IO_TEST_NOWHERE}/x\n`,
  });
  const { code, stdout } = await run([dir, '--format=json']);
  assert.equal(code, 0);
  const { results } = JSON.parse(stdout) as { results: Array<{ status: string }> };
  assert.deepEqual(results.map((r) => r.status), ['healthy', 'unknown']);
});

test('a folder without services: empty results, exit 0', async () => {
  const dir = folder({ 'README.md': '# nothing' });
  assert.deepEqual(await run([dir, '--format', 'json']), { code: 0, stdout: '{\n  "results": []\n}\n', stderr: '' });
  const table = await run([dir, '--format', 'table']);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /No services found/);
});

test('usage errors exit 2 with a clear message', async () => {
  const dir = folder({});
  const cases: Array<[string[], RegExp]> = [
    [[dir, '--timeout', 'soon'], /--timeout must be a duration between 1ms and 10m, like 500ms, 2s or 1m; got 'soon'/],
    [[dir, '--timeout', '0'], /--timeout must be a duration/],
    [[dir, '--timeout'], /--timeout needs a value/],
    [[dir, '--format', 'xml'], /--format must be json or table, got 'xml'/],
    [[path.join(dir, 'does-not-exist')], /folder not found: .*does-not-exist/],
    [[dir, dir], /one folder only/],
    [[dir, '--verbose'], /unknown option '--verbose'/],
    [[dir, '--concurrency', '0'], /--concurrency must be a whole number from 1 to 64/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, message);
  }
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: integration-orchestrator health \[dir\]/);
});

test('durations: ms, s, m and plain milliseconds', () => {
  assert.deepEqual(['200ms', '2s', '1.5s', '1m', '750', 'x', '2h', ''].map(parseDurationMs), [200, 2000, 1500, 60000, 750, undefined, undefined, undefined]);
});
