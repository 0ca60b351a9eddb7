import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { updateIntegrationConfig, ConfigUpdateError } from '../../../src/core/generators/configUpdate';
import { unifiedDiff } from '../../../src/core/generators/diff';
import { updateEnvExample } from '../../../src/core/generators/envExample';
import { readPolicies } from '../../../src/core/generators/policy';
import { validateConfig } from '../../../src/core/config/validate';
import { generate, support } from '../../../src/core/generators/registry';
import { LANGUAGE_IDS } from '../../../src/core/generators/types';
import { applyWrite, OverwriteRefusedError, planWrite, StalePlanError, WritePlanError, resolveInside } from '../../../src/core/generators/writePlan';
import { makeTempDir, run, VARIANTS } from './helpers';

const temps: (() => void)[] = [];
after(() => temps.forEach((cleanup) => cleanup()));
function workspace(): string {
  const { dir, cleanup } = makeTempDir('plan');
  temps.push(cleanup);
  return dir;
}

const EXISTING_CONFIG = `# Our integrations. Keep this comment!
version: 1

integrations:
  # the payment provider
  - name: payments
    source: { type: service }
    target:
      type: rest
      endpoint: "\${PAYMENTS_URL}"   # set in .env
    resilience: { policy: careful }

policies:
  careful:
    timeout: 3s
    retry: { max_retries: 1, base_delay: 50ms, max_delay: 2s }
`;

test('the config update keeps comments, flow maps and quoting of an existing file, appending the entry and policy', () => {
  const output = generate('rest-client', 'typescript', { name: 'shipping-api' });
  const { text, added, policyAdded } = updateIntegrationConfig(EXISTING_CONFIG, output.configEntries, output.policy);
  assert.deepEqual(added, ['shipping-api']);
  assert.equal(policyAdded, 'default');
  // Byte for byte: the old lines are all there, in order, unchanged (spacing before comments included).
  const lines = text.split('\n');
  let at = 0;
  for (const line of EXISTING_CONFIG.split('\n')) {
    at = lines.indexOf(line, at);
    assert.ok(at >= 0, `kept verbatim: ${JSON.stringify(line)}\n${text}`);
    at++;
  }
  for (const kept of ['# Our integrations. Keep this comment!', '# the payment provider', '# set in .env', 'source: { type: service }', 'resilience: { policy: careful }', 'retry: { max_retries: 1, base_delay: 50ms, max_delay: 2s }']) {
    assert.ok(text.includes(kept), `kept: ${kept}`);
  }
  assert.match(text, /resilience: \{ policy: careful \}\n {2}- name: shipping-api\n {4}source: \{ type: service \}\n/);
  assert.match(text, /auth: \{ type: bearer, credentials: "\$\{SHIPPING_API_TOKEN\}" \}/);
  assert.match(text, /endpoint: \$\{SHIPPING_API_URL\}/);
  assert.deepEqual(Object.keys(readPolicies(text)).sort(), ['careful', 'default']);
  assert.equal(readPolicies(text)['careful']!.timeoutMs, 3000, 'the existing policy is untouched');
});

test('an existing entry of the same name and an existing policy are left alone', () => {
  const output = generate('rest-client', 'typescript', { name: 'payments', resilience: { kind: 'named', name: 'careful', policy: readPolicies(EXISTING_CONFIG)['careful']! } });
  const update = updateIntegrationConfig(EXISTING_CONFIG, output.configEntries, output.policy);
  assert.deepEqual(update.skipped, ['payments']);
  assert.equal(update.policyAdded, undefined);
  assert.equal(update.text, EXISTING_CONFIG);
});

test('a missing file is created with version 1 and a header; a broken one is refused, not rewritten', () => {
  const output = generate('webhook-receiver', 'python', { name: 'hooks' });
  const created = updateIntegrationConfig(undefined, output.configEntries, output.policy).text;
  assert.match(created, /^# Integrations of this workspace/);
  assert.match(created, /^version: 1$/m);
  assert.match(created, /credentials: "\$\{HOOKS_WEBHOOK_SECRET\}"/);
  assert.throws(() => updateIntegrationConfig('integrations: [\n  - name: x\n', output.configEntries), ConfigUpdateError);
  assert.throws(() => updateIntegrationConfig('integrations: 5\n', output.configEntries), /not a list/);
});

test('non-indented sequences stay non-indented', () => {
  const flush = 'version: 1\nintegrations:\n- name: a\n  source: {type: service}\n  target: {type: rest}\n';
  const { text } = updateIntegrationConfig(flush, generate('rest-client', 'go', { name: 'b' }).configEntries);
  assert.match(text, /^integrations:\n- name: a\n {2}source: \{type: service\}/m);
  assert.match(text, /^- name: b$/m);
});

test('.env.example gains names and comments only, never a value, and no duplicates', () => {
  const vars = generate('rest-client', 'go', { name: 'payments', auth: 'basic' }).envVars;
  const before = 'EXISTING=1\nexport PAYMENTS_USERNAME=\n';
  const { text, added } = updateEnvExample(before, 'payments', vars);
  assert.deepEqual(added, ['PAYMENTS_URL', 'PAYMENTS_PASSWORD']);
  assert.ok(text.startsWith(before));
  assert.match(text, /^PAYMENTS_PASSWORD=$/m);
  assert.match(text, /# Basic auth password \(secret: set it in \.env, never commit it\)/);
  for (const line of text.split('\n').filter((l) => /^[A-Z_]+=/.test(l) && !l.startsWith('EXISTING'))) assert.match(line, /=$/);
  assert.deepEqual(updateEnvExample(text, 'payments', vars).added, []);
});

test('planWrite: create for new files, conflict with a diff for changed ones, unchanged for identical ones; applyWrite refuses conflicts', async () => {
  const root = workspace();
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, '.env.example'), 'OTHER=\n');
  const output = generate('oauth2-client', 'typescript', { name: 'login' });
  const plan = await planWrite(root, output, 'login');
  assert.deepEqual(plan.files.map((f) => [f.path, f.action]), [
    ['src/integrations/login/oauth2.ts', 'create'], ['integration-config.yml', 'create'], ['.env.example', 'update'],
  ]);
  assert.match(plan.files[2]!.diff!, /^\+LOGIN_CLIENT_ID=$/m);
  assert.deepEqual(await applyWrite(plan), ['src/integrations/login/oauth2.ts', 'integration-config.yml', '.env.example']);

  const again = await planWrite(root, output, 'login');
  assert.deepEqual(again.files.map((f) => f.action), ['unchanged', 'unchanged', 'unchanged']);

  const file = path.join(root, 'src/integrations/login/oauth2.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace('const TOKEN_TIMEOUT_MS', '// my edit\nconst TOKEN_TIMEOUT_MS'));
  const conflicted = await planWrite(root, output, 'login');
  assert.equal(conflicted.conflicts, 1);
  assert.match(conflicted.files[0]!.diff!, /^-\/\/ my edit$/m);
  await assert.rejects(applyWrite(conflicted), (error: unknown) => error instanceof OverwriteRefusedError && error.paths[0] === 'src/integrations/login/oauth2.ts');
  assert.match(readFileSync(file, 'utf8'), /my edit/, 'nothing was overwritten');

  writeFileSync(file, readFileSync(file, 'utf8') + '\n// a later edit\n');
  await assert.rejects(applyWrite(conflicted, { overwrite: true }), StalePlanError);
  const fresh = await planWrite(root, output, 'login');
  await applyWrite(fresh, { overwrite: true });
  assert.equal(readFileSync(file, 'utf8'), output.files[0]!.content);
});

test('paths that leave the workspace are refused', () => {
  assert.throws(() => resolveInside('/tmp/ws', '../etc/passwd'), WritePlanError);
  assert.throws(() => resolveInside('/tmp/ws', '/etc/passwd'), WritePlanError);
  assert.equal(resolveInside('/tmp/ws', 'src/a.ts'), '/tmp/ws/src/a.ts');
});

test('Python package markers are created when missing and never conflict', async () => {
  const root = workspace();
  mkdirSync(path.join(root, 'app'));
  writeFileSync(path.join(root, 'app/__init__.py'), '');
  const output = generate('health-endpoint', 'python', { name: 'health', layout: { dir: 'app/integrations/health', module: 'app.integrations.health', packageInits: ['app/integrations/__init__.py'] } });
  const first = await planWrite(root, output, 'health');
  assert.equal(first.files.find((f) => f.path === 'app/integrations/__init__.py')?.action, 'create');
  mkdirSync(path.join(root, 'app/integrations'), { recursive: true });
  writeFileSync(path.join(root, 'app/integrations/__init__.py'), '"""mine"""\n');
  const second = await planWrite(root, output, 'health');
  assert.equal(second.files.find((f) => f.path === 'app/integrations/__init__.py')?.action, 'unchanged');
});

test('unifiedDiff matches GNU diff -u hunk for hunk', async () => {
  const dir = workspace();
  const before = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') + '\n';
  const lines = before.split('\n');
  lines.splice(3, 1, 'changed 3');
  lines.splice(20, 2);
  lines.splice(35, 0, 'inserted a', 'inserted b');
  const after = lines.join('\n');
  writeFileSync(path.join(dir, 'a'), before);
  writeFileSync(path.join(dir, 'b'), after);
  const gnu = await run('diff', ['-u', 'a', 'b'], { cwd: dir });
  const strip = (text: string) => text.split('\n').filter((l) => !l.startsWith('---') && !l.startsWith('+++')).join('\n');
  assert.equal(strip(unifiedDiff('x', before, after)), strip(gnu.stdout));
  assert.equal(unifiedDiff('x', before, before), '');
  assert.equal(strip(unifiedDiff('x', '', 'a\nb\n')), '@@ -0,0 +1,2 @@\n+a\n+b\n');
});

test('every generated entry passes the project\'s own integration-config.yml validator with no diagnostic', () => {
  let text: string | undefined = '# kept\nversion: 1\n';
  const env = new Set<string>();
  let entries = 0;
  for (const language of LANGUAGE_IDS) {
    for (const variant of VARIANTS) {
      if (!support(variant.pattern, language, variant.options).supported) continue;
      const output = generate(variant.pattern, language, { name: `${variant.name}-${language}`, ...variant.options });
      text = updateIntegrationConfig(text, output.configEntries, output.policy).text;
      output.envVars.forEach((v) => env.add(v.name));
      entries += output.configEntries.length;
    }
  }
  assert.ok(entries > 40);
  assert.deepEqual(validateConfig(text, { uri: 'integration-config.yml', workspaceEnv: env }).map((d) => `${d.code}: ${d.message}`), []);
});
