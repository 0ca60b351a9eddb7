/** `integration-orchestrator validate`, in-process through runCli. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';

const root = path.resolve(__dirname, '../../..');

async function cli(args: string[], cwd = root) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('a correct file: exit 0 and a one-line summary', async () => {
  const { code, stdout } = await cli(['validate', 'test/fixtures/config/correct.integration.yml']);
  assert.equal(code, 0);
  assert.equal(stdout, '1 file checked: 0 errors, 0 warnings\n');
});

test('a folder: finds *.integration.yml, reports every marked line of the broken fixture, exit 1', async () => {
  const { code, stdout } = await cli(['validate', 'test/fixtures/config', '--format', 'json']);
  assert.equal(code, 1);
  const report = JSON.parse(stdout) as { files: { file: string; diagnostics: { line: number; column: number; endLine: number; endColumn: number; severity: string; message: string; code: string }[] }[] };
  assert.deepEqual(report.files.map((f) => f.file), ['test/fixtures/config/broken.integration.yml', 'test/fixtures/config/correct.integration.yml']);
  const broken = report.files[0]!;
  assert.deepEqual(broken.diagnostics.map((d) => `${d.line}:${d.code}`), [
    '8:plain-secret', '9:invalid-cron', '10:unknown-policy', '12:missing-key', '14:invalid-value', '16:invalid-endpoint', '17:undefined-env', '21:invalid-value', '22:unknown-key',
  ]);
  const first = broken.diagnostics[0]!;
  assert.deepEqual([first.line, first.column, first.endLine, first.endColumn, first.severity], [8, 42, 8, 68, 'error']);
  assert.equal(broken.diagnostics.find((d) => d.code === 'undefined-env')!.severity, 'warning');
  assert.deepEqual(report.files[1]!.diagnostics, []);
});

test('text format: file:line:column: severity: message [code]', async () => {
  const { stdout } = await cli(['validate', 'test/fixtures/config/broken.integration.yml']);
  assert.match(stdout, /^test\/fixtures\/config\/broken\.integration\.yml:10:27: error: policy `defualt` is not defined under `policies:` \(defined: `default`\); did you mean `default`\? \[unknown-policy\]$/m);
  assert.match(stdout, /1 file checked: 8 errors, 1 warning\n$/);
});

test('sarif format: SARIF 2.1.0 with rules, levels and 1-based regions', async () => {
  const { code, stdout } = await cli(['validate', 'test/fixtures/config/broken.integration.yml', '--format=sarif']);
  assert.equal(code, 1);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'integration-orchestrator');
  assert.ok(run.tool.driver.rules.some((rule: { id: string }) => rule.id === 'plain-secret'));
  const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'undefined-env');
  assert.equal(result.level, 'warning');
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 17, startColumn: 47, endLine: 17, endColumn: 64 });
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'test/fixtures/config/broken.integration.yml');
  assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'undefined-env');
});

test('the secret of the broken fixture is never printed', async () => {
  for (const format of ['text', 'json', 'sarif']) {
    const { stdout, stderr } = await cli(['validate', 'test/fixtures/config', '--format', format]);
    assert.ok(!`${stdout}${stderr}`.includes('sk_live_not_a_real_token'), format);
  }
});

test('usage errors exit 2: unknown format, unknown option, missing path, folder without configs', async () => {
  assert.equal((await cli(['validate', '--format', 'xml'])).code, 2);
  assert.match((await cli(['validate', '--format', 'xml'])).stderr, /--format must be one of text, json, sarif/);
  assert.equal((await cli(['validate', '--strict'])).code, 2);
  assert.equal((await cli(['validate', 'no/such/file.yml'])).code, 2);
  assert.equal((await cli(['validate', 'src/cli'])).code, 2);
  const help = await cli(['validate', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: integration-orchestrator validate/);
});

test('a folder: node_modules and hidden folders skipped; env names read from its .env files; warnings alone exit 0', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'io-validate-'));
  try {
    const config = 'version: 1\nintegrations:\n  - name: a\n    target: { type: rest, endpoint: "${A_URL}" }\n';
    writeFileSync(path.join(dir, 'integration-config.yaml'), config);
    mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'x', 'integration-config.yml'), 'not: valid\n');
    mkdirSync(path.join(dir, '.cache'));
    writeFileSync(path.join(dir, '.cache', 'b.integration.yml'), 'not: valid\n');
    const warned = await cli(['validate', '--format', 'json'], dir);
    assert.equal(warned.code, 0, 'a warning does not fail the check');
    const report = JSON.parse(warned.stdout);
    assert.deepEqual(report.files.map((f: { file: string }) => f.file), ['integration-config.yaml']);
    assert.deepEqual(report.files[0].diagnostics.map((d: { code: string }) => d.code), ['undefined-env']);
    writeFileSync(path.join(dir, '.env'), 'A_URL=https://a.example\n');
    assert.equal(JSON.parse((await cli(['validate', '.', '--format', 'json'], dir)).stdout).files[0].diagnostics.length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('invalid UTF-8 and binary garbage: reported, never a crash', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'io-validate-'));
  try {
    writeFileSync(path.join(dir, 'integration-config.yml'), Buffer.from([0x76, 0x65, 0x72, 0xff, 0xfe, 0x00, 0x3a, 0x0a, 0xc3, 0x28, 0x80]));
    const { code, stdout } = await cli(['validate', 'integration-config.yml', '--format', 'json'], dir);
    assert.equal(code, 1);
    const diagnostics = JSON.parse(stdout).files[0].diagnostics as { message: string }[];
    assert.ok(diagnostics.some((d) => /not valid UTF-8/.test(d.message)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
