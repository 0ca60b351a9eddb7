// scripts/setup-test-env.sh runs its inner npm installs (Node 24, code-server) in an environment it
// builds itself: inside `npm test` the outer npm on Node 20 exports npm_config_user_agent, which
// code-server's postinstall reads as the Node version and then refuses to install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../../scripts/setup-test-env.sh');

function installEnv(extra: Record<string, string>): Map<string, string> {
  const out = execFileSync('bash', [SCRIPT, '--print-install-env'], { env: { ...process.env, ...extra }, encoding: 'utf8' });
  return new Map(out.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as [string, string]));
}

test('the inner installs see none of the outer npm lifecycle variables', () => {
  const env = installEnv({
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_config_nodedir: '/usr', npm_lifecycle_event: 'test', npm_package_name: 'integration-orchestrator',
    INIT_CWD: '/work/main', NODE: '/usr/bin/node', npm_node_execpath: '/usr/bin/node',
  });
  const leaked = [...env.keys()].filter((name) => /^npm_/i.test(name) || name === 'INIT_CWD' || name === 'NODE');
  assert.deepEqual(leaked, []);
  assert.equal(env.get('HOME'), process.env.HOME, 'HOME is kept: npm needs its cache and user config');
});

test("the inner installs' PATH drops the folders the outer npm put first", () => {
  const outerPath = `/work/main/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:${process.env.PATH ?? ''}`;
  const parts = (installEnv({ PATH: outerPath }).get('PATH') ?? '').split(':');
  assert.ok(parts.length > 0 && parts.every((entry) => !entry.endsWith('/node_modules/.bin') && !entry.endsWith('/node-gyp-bin')), parts.join(':'));
  assert.ok(parts.includes('/usr/bin'), 'the system folders stay');
});
