import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { makeTempDir } from './helpers';

const temps: (() => void)[] = [];
after(() => temps.forEach((cleanup) => cleanup()));
function workspace(): string {
  const { dir, cleanup } = makeTempDir('cli');
  temps.push(cleanup);
  return dir;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['generate', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, cwd });
  return { code, out: out.join(''), err: err.join('') };
}

test('--dry-run prints every file and writes nothing', async () => {
  const root = workspace();
  mkdirSync(path.join(root, 'src'));
  const { code, out } = await cli(['--pattern', 'rest-client', '--language', 'typescript', '--name', 'payments-api', '--dry-run'], root);
  assert.equal(code, 0);
  assert.match(out, /^create {4}src\/integrations\/payments-api\/client\.ts$/m);
  assert.match(out, /^ {2}\| export class PaymentsApiClient \{$/m);
  assert.match(out, /^create {4}integration-config\.yml$/m);
  assert.match(out, /^ {2}\| PAYMENTS_API_TOKEN=$/m);
  assert.match(out, /dry run: nothing written/);
  assert.equal(existsSync(path.join(root, 'src/integrations')), false);
  assert.equal(existsSync(path.join(root, 'integration-config.yml')), false);
});

test('an unsupported pair exits 2 with the reason', async () => {
  const { code, err } = await cli(['--pattern', 'database-cache', '--language', 'rust', '--name', 'orders'], workspace());
  assert.equal(code, 2);
  assert.match(err, /not generated for Rust: The redis crate is not among/);
  const kafka = await cli(['--pattern', 'queue-consumer', '--language', 'java', '--name', 'orders', '--broker', 'kafka'], workspace());
  assert.equal(kafka.code, 2);
  assert.match(kafka.err, /kafka-clients/);
});

test('usage errors exit 2', async () => {
  const root = workspace();
  assert.equal((await cli(['--pattern', 'rest-client', '--language', 'cobol', '--name', 'x'], root)).code, 2);
  assert.equal((await cli(['--pattern', 'rest-client', '--language', 'go'], root)).code, 2);
  const bad = await cli(['--pattern', 'rest-client', '--language', 'go', '--name', 'Bad Name'], root);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /kebab-case/);
  assert.equal((await cli(['--pattern', 'rest-client', '--language', 'go', '--name', 'x', '--auth', 'hmac'], root)).code, 2);
  assert.equal((await cli(['--help'], root)).code, 0);
});

test('writes code, config and env names; refuses to overwrite a changed file without --force', async () => {
  const root = workspace();
  writeFileSync(path.join(root, 'go.mod'), 'module example.com/shop\n\ngo 1.21\n');
  writeFileSync(path.join(root, 'integration-config.yml'), '# mine\nversion: 1\npolicies:\n  fast: { timeout: 1500ms, retry: { max_retries: 1 } }\n');
  const args = ['--pattern', 'rest-client', '--language', 'go', '--name', 'payments-api', '--policy', 'fast', '--env', 'baseUrl=PAY_URL'];
  const first = await cli(args, root);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^create {4}internal\/paymentsapi\/client\.go$/m);
  assert.match(first.out, /^update {4}integration-config\.yml$/m);
  assert.match(first.out, /note: Import it as "example\.com\/shop\/internal\/paymentsapi"/);
  const client = path.join(root, 'internal/paymentsapi/client.go');
  assert.match(readFileSync(client, 'utf8'), /required\("PAY_URL"\)/);
  assert.match(readFileSync(path.join(root, 'internal/paymentsapi/resilience.go'), 'utf8'), /Timeout: {4}1500 \* time\.Millisecond/, 'the named policy\'s values');
  const config = readFileSync(path.join(root, 'integration-config.yml'), 'utf8');
  assert.ok(config.startsWith('# mine\nversion: 1\n'));
  assert.match(config, /resilience: \{ policy: fast \}/);
  assert.equal(readFileSync(path.join(root, '.env.example'), 'utf8').match(/^[A-Z_]+=.*$/gm)?.join(','), 'PAY_URL=,PAYMENTS_API_TOKEN=');

  writeFileSync(client, readFileSync(client, 'utf8') + '\n// my change\n');
  const refused = await cli(args, root);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /^-\/\/ my change$/m);
  assert.match(refused.err, /--force to overwrite/);
  assert.match(readFileSync(client, 'utf8'), /my change/);

  const forced = await cli([...args, '--force'], root);
  assert.equal(forced.code, 0, forced.err);
  assert.doesNotMatch(readFileSync(client, 'utf8'), /my change/);
  assert.match(forced.out, /integration-config\.yml already has payments-api: left as it was/);
});
