/**
 * Every Java variant compiles with `javac -Xlint:all -Werror` (JDK 17) in one invocation against
 * the JDK and Debian's com.rabbitmq:amqp-client (librabbitmq-client-java). opentelemetry-api is
 * not packaged: the monitoring class compiles against the stubs in stubs/java (the real API's
 * signatures). Database+cache and Kafka are not generated for Java (the registry says why).
 * The webhook receiver is started and sent good, bad and replayed requests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findBinary, freePort } from '../probes/servers';
import { generateInto, makeTempDir, onLines, run, type RunResult, type Variant } from './helpers';

const JAVAC = findBinary('javac');
const AMQP_JAR = '/usr/share/java/amqp-client.jar';
const temp = makeTempDir('java');
const root = temp.dir;
const classes = path.join(root, 'classes');
after(() => temp.cleanup());

const RUNTIME: Variant[] = [{ pattern: 'webhook-receiver', name: 'hooks-rt', options: {} }];
let refused: string[] = [];
let compiled: Promise<RunResult> | undefined;

const javaFiles = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.java')).map((f) => path.join(dir, f));

/** One javac run for every file, shared by the compile test and the runtime tests. */
function compile(): Promise<RunResult> {
  compiled ??= (() => {
    const sources = [...javaFiles(path.join(root, 'src')), ...javaFiles(path.join(__dirname, 'stubs/java'))];
    return run(JAVAC!, ['-Xlint:all', '-Werror', '--release', '17', '-d', classes, '-cp', AMQP_JAR, ...sources], { timeoutMs: 120_000 });
  })();
  return compiled;
}

before(() => {
  refused = generateInto(root, 'java').refused.map(({ variant }) => `${variant.pattern}:${variant.options.broker ?? variant.options.engine ?? ''}`);
  generateInto(root, 'java', RUNTIME);
});

test('every Java variant compiles with javac -Xlint:all -Werror', { skip: !JAVAC && 'no JDK', timeout: 120_000 }, async () => {
  assert.ok(existsSync(AMQP_JAR), 'librabbitmq-client-java is installed by scripts/setup-test-env.sh');
  const result = await compile();
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(refused.sort(), ['database-cache:', 'queue-consumer:kafka', 'queue-producer:kafka', 'workflow:temporal']);
});

describe('the generated Java webhook receiver', { skip: !JAVAC && 'no JDK' }, () => {
  const secret = 'whsec_java_test';
  let child: ChildProcess;
  let port = 0;
  const events: string[] = [];

  before(async () => {
    assert.equal((await compile()).code, 0, 'javac failed (see the compile test)');
    port = await freePort();
    child = spawn(path.join(path.dirname(JAVAC!), 'java'), ['-cp', classes, 'integrations.hooksrt.HooksRtWebhookServer'], {
      env: { ...process.env, HOOKS_RT_WEBHOOK_SECRET: secret, HOOKS_RT_WEBHOOK_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('java webhook server did not start')), 20_000);
      onLines(child.stdout!, (line) => {
        if (line.startsWith('listening on')) { clearTimeout(timer); resolve(); } else if (line.trim()) events.push(line.trim());
      });
      child.once('exit', (code) => reject(new Error(`java exited with ${code}`)));
    });
  });
  after(() => { child?.kill('SIGKILL'); });

  test('accepts a correctly signed request, rejects a wrong signature, a stale timestamp and a replay', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (raw: string, ts: number, key = secret) => ({
      'X-Webhook-Timestamp': String(ts),
      'X-Webhook-Signature': 'sha256=' + createHmac('sha256', key).update(`${ts}.${raw}`).digest('hex'),
    });
    const post = (raw: string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/webhooks/hooks-rt`, { method: 'POST', body: raw, headers });
    const raw = '{"id":"evt_java"}';
    const headers = sign(raw, now);
    assert.equal((await post(raw, headers)).status, 204);
    assert.equal((await post(raw, headers)).status, 401, 'replay');
    assert.equal((await post(raw, sign(raw, now, 'nope'))).status, 401, 'wrong secret');
    assert.equal((await post(raw, sign(raw, now - 600))).status, 401, 'stale');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(events, ['{"id":"evt_java"}']);
  });
});
