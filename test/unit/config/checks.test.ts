/** The checks a JSON Schema cannot express, each with cases that must and must not fire. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { endpointProblem } from '../../../src/core/config/endpointRules';
import { validateConfig, type ValidateOptions } from '../../../src/core/config/validate';
import { collectWorkspaceEnv } from '../../../src/core/config/workspaceEnv';
import { covered, marked, only } from './helpers';

const POLICIES = 'policies:\n  default:\n    timeout: 10s\n  slow:\n    timeout: 60s\n';

function one(target: string, extra = '', rest = POLICIES): string {
  return `version: 1\nintegrations:\n  - name: payments-api\n    target:\n${target}\n${extra}${rest}`;
}

function run(text: string, options: Partial<ValidateOptions> = {}) {
  return validateConfig(text, { uri: 'file:///w/integration-config.yml', ...options });
}

test('unknown-policy: a policy: that names no policy is an error, with did you mean', () => {
  const { text, start, end } = marked(one('      type: rest\n      endpoint: https://a.example', '    resilience: { policy: |defualt| }\n'));
  const diagnostic = only(run(text), 'unknown-policy');
  assert.equal(text.slice(start, end), covered(text, diagnostic));
  assert.equal(diagnostic.severity, 'error');
  assert.equal(diagnostic.message, 'policy `defualt` is not defined under `policies:` (defined: `default` and `slow`); did you mean `default`?');
  assert.equal(diagnostic.data?.replacement, 'default');
  assert.deepEqual(run(text.replace('defualt', 'slow')).filter((d) => d.code === 'unknown-policy'), []);
  assert.deepEqual(run(text.replace('defualt', '"${POLICY}"')).filter((d) => d.code === 'unknown-policy'), [], 'a reference is resolved at run time');
  const noSection = only(run(one('      type: rest\n      endpoint: https://a.example', '    resilience: { policy: default }\n', '')), 'unknown-policy');
  assert.match(noSection.message, /there is no `policies:` section/);
});

test('plain-secret: credentials, secret parts, auth headers, URL passwords and tokens; never echoed', () => {
  const secret = 'sk_live_51Habc';
  const cases: [string, string][] = [
    [`      type: rest\n      endpoint: https://a.example\n      auth: { type: bearer, credentials: |"${secret}"| }`, 'auth.credentials is a secret written in plain text'],
    [`      type: rest\n      endpoint: https://a.example\n      auth:\n        type: basic\n        credentials: { username: svc, password: |${secret}| }`, 'credentials.password is a secret written in plain text'],
    [`      type: rest\n      endpoint: https://a.example\n      headers: { Authorization: |"Bearer ${secret}"| }`, 'the header `Authorization` is a secret written in plain text'],
    [`      type: postgres\n      endpoint: |"postgres://svc:${secret}@db:5432/app"|`, 'target.endpoint holds a password in plain text'],
    [`      type: rest\n      endpoint: |"https://a.example/v1?api_key=${secret}"|`, 'target.endpoint holds a secret in `api_key=` in plain text'],
    [`      type: rest\n      endpoint: https://a.example\n      auth: { type: bearer, credentials: |"\${TOKEN:-${secret}}"| }`, 'auth.credentials has a secret as the default'],
  ];
  for (const [target, message] of cases) {
    const { text, start, end } = marked(one(target));
    const diagnostic = only(run(text), 'plain-secret');
    assert.equal(covered(text, diagnostic), text.slice(start, end));
    assert.ok(diagnostic.message.startsWith(message), diagnostic.message);
    for (const d of run(text)) assert.ok(!d.message.includes(secret), `secret echoed: ${d.message}`);
  }
  const clean = [
    '      type: rest\n      endpoint: https://a.example\n      auth: { type: bearer, credentials: "${TOKEN}" }',
    '      type: rest\n      endpoint: https://a.example\n      auth: { type: basic, credentials: { username: svc, password: "${DB_PASSWORD}" } }',
    '      type: rest\n      endpoint: https://a.example\n      auth: { type: mtls, credentials: { cert: certs/client.pem, key: certs/client.key } }',
    '      type: rest\n      endpoint: https://a.example\n      headers: { Accept: application/json, Authorization: "Bearer ${TOKEN}" }',
    '      type: postgres\n      endpoint: "postgres://svc:${DB_PASSWORD}@db:5432/app"',
    '      type: rest\n      endpoint: "https://a.example/v1?page=2"',
  ];
  for (const target of clean) assert.deepEqual(run(one(target)).filter((d) => d.code === 'plain-secret'), [], target);
});

test('a wrongly typed credential is reported without showing it', () => {
  const text = one('      type: rest\n      endpoint: https://a.example\n      auth: { type: bearer, credentials: 123456789 }');
  const messages = run(text).map((d) => d.message).join('\n');
  assert.ok(!messages.includes('123456789'), messages);
  assert.match(messages, /got a number \(not shown\)/);
});

test('undefined-env: ${VAR} defined nowhere in the workspace is a warning on the reference', () => {
  const { text, start, end } = marked(one('      type: rest\n      endpoint: "https://|${API_HOST}|/v1"\n      auth: { type: bearer, credentials: "${TOKEN}" }'));
  const diagnostic = only(run(text, { workspaceEnv: new Set(['TOKEN']) }), 'undefined-env');
  assert.equal(covered(text, diagnostic), text.slice(start, end));
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.data?.envName, 'API_HOST');
  assert.deepEqual(run(text, { workspaceEnv: new Set(['TOKEN', 'API_HOST']) }).filter((d) => d.code === 'undefined-env'), []);
  assert.deepEqual(run(text).filter((d) => d.code === 'undefined-env'), [], 'no workspace names given: no check');
  assert.deepEqual(run(text.replace('${API_HOST}', '${API_HOST:-localhost}'), { workspaceEnv: new Set(['TOKEN']) }).filter((d) => d.code === 'undefined-env'), [], 'a default is enough');
});

test('the workspace env: .env* files and compose environment (map and list), node_modules skipped', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'io-env-'));
  try {
    writeFileSync(path.join(dir, '.env'), 'A=1\nexport B="two"\n# C=3\n');
    writeFileSync(path.join(dir, '.env.example'), 'D=\n');
    mkdirSync(path.join(dir, 'deploy'));
    writeFileSync(path.join(dir, 'deploy', 'docker-compose.yml'), 'services:\n  api:\n    environment:\n      E: x\n  worker:\n    environment:\n      - F=1\n      - G\n');
    mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'pkg', '.env'), 'H=1\n');
    const env = await collectWorkspaceEnv([dir]);
    assert.deepEqual([...env.names].sort(), ['A', 'B', 'D', 'E', 'F', 'G']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('invalid-endpoint: the endpoint must fit the target type', () => {
  const valid: [string, string][] = [
    ['rest', 'https://api.example.com/v1'], ['rest', '${PAYMENTS_URL}'], ['rest', 'http://${HOST}:${PORT}/x'], ['graphql', 'wss://g.example/graphql'],
    ['grpc', 'payments:50051'], ['grpc', 'dns:///payments:50051'], ['postgres', 'postgres://u:${P}@db:5432/app'], ['postgres', 'db:5432'],
    ['mongodb', 'mongodb://a:27017,b:27017/db'], ['mongodb', 'mongodb+srv://cluster.example.net'], ['redis', 'rediss://cache:6380'],
    ['kafka', 'k1:9092,k2:9092'], ['sqs', 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders'], ['sqs', 'arn:aws:sqs:eu-west-1:123456789012:orders'],
    ['nats', 'nats://n1:4222,n2:4222'], ['smtp', 'smtp.example.com:587'], ['rabbitmq', 'amqps://mq.example:5671/vhost'], ['custom', 'anything at all'],
    ['rest', 'http://[::1]:8080/'], ['redis', '10.0.0.7:6379'], ['rest', '${SEARCH_URL}/v1'], ['redis', '${REDIS_HOST}:6379'],
  ];
  for (const [type, endpoint] of valid) assert.equal(endpointProblem(type, endpoint), undefined, `${type} ${endpoint}`);
  const invalid: [string, string, RegExp][] = [
    ['postgres', 'http://db:5432', /scheme `http` is not one of `postgres` or `postgresql`/],
    ['rest', 'localhost:3000', /expected a `http:\/\/` or `https:\/\/` URL/],
    ['rest', 'https://exa mple.com', /is not a valid host name/],
    ['redis', 'redis://cache:99999', /port `99999` is not a number from 1 to 65535/],
    ['rest', 'https://', /no host/],
    ['mongodb', 'db:27017', /expected a `mongodb:\/\/`/],
    ['rest', 'https://a.example,b.example', /only one host/],
  ];
  for (const [type, endpoint, message] of invalid) assert.match(endpointProblem(type, endpoint) ?? 'valid', message, `${type} ${endpoint}`);
  const { text, start, end } = marked(one('      type: postgres\n      endpoint: |"http://db:5432"|'));
  const diagnostic = only(run(text), 'invalid-endpoint');
  assert.equal(covered(text, diagnostic), text.slice(start, end));
  assert.equal(diagnostic.message, 'target.endpoint is not a valid `postgres` endpoint: the scheme `http` is not one of `postgres` or `postgresql`');
});

test('target-not-in-inventory: information, only when an inventory is given; matched by host, env var or name', () => {
  const text = one('      type: rest\n      endpoint: "https://payments.internal:8443/v1"');
  assert.deepEqual(run(text).filter((d) => d.code === 'target-not-in-inventory'), []);
  const diagnostic = only(run(text, { inventoryTargets: [{ name: 'orders', hosts: ['orders.internal'] }] }), 'target-not-in-inventory');
  assert.equal(diagnostic.severity, 'information');
  for (const target of [{ hosts: ['payments.internal:8443'] }, { hosts: ['PAYMENTS.internal'] }, { name: 'payments-api' }]) {
    assert.deepEqual(run(text, { inventoryTargets: [target] }).filter((d) => d.code === 'target-not-in-inventory'), [], JSON.stringify(target));
  }
  // Ports: both named and different is another server; a side without one may mean any.
  for (const hosts of [['payments.internal:9000'], ['orders.internal:8443']]) {
    only(run(text, { inventoryTargets: [{ hosts }] }), 'target-not-in-inventory');
  }
  const local = one('      type: redis\n      endpoint: "redis://localhost:6380"');
  only(run(local, { inventoryTargets: [{ hosts: ['localhost:6379'] }] }), 'target-not-in-inventory');
  assert.deepEqual(run(local, { inventoryTargets: [{ hosts: ['localhost'] }] }).filter((d) => d.code === 'target-not-in-inventory'), []);
  const ipv6 = one('      type: rest\n      endpoint: "http://[::1]:8080/health"');
  assert.deepEqual(run(ipv6, { inventoryTargets: [{ hosts: ['[::1]:8080'] }] }).filter((d) => d.code === 'target-not-in-inventory'), []);
  only(run(ipv6, { inventoryTargets: [{ hosts: ['[::1]:9090'] }] }), 'target-not-in-inventory');
  const byEnv = one('      type: rest\n      endpoint: "${PAYMENTS_URL}"');
  assert.deepEqual(run(byEnv, { inventoryTargets: [{ envVars: ['PAYMENTS_URL'] }] }).filter((d) => d.code === 'target-not-in-inventory'), []);
});

test('consistency: unique names, complete auth, batch needs a frequency, max_delay ≥ base_delay', () => {
  const dup = `version: 1\nintegrations:\n  - name: a\n    target: { type: rest, endpoint: "https://a.example" }\n  - name: |a|\n    target: { type: rest, endpoint: "https://b.example" }\n`;
  const { text, start, end } = marked(dup);
  const duplicate = only(run(text), 'duplicate-name');
  assert.equal(covered(text, duplicate), text.slice(start, end));
  assert.match(duplicate.message, /already used by integrations\[0\]/);

  const oauth = marked(one('      type: rest\n      endpoint: https://a.example\n      auth:\n        type: oauth2\n        |credentials|: { client_id: app }'));
  const incomplete = only(run(oauth.text), 'incomplete-auth');
  assert.equal(covered(oauth.text, incomplete), oauth.text.slice(oauth.start, oauth.end));
  assert.equal(incomplete.message, 'auth of type `oauth2` needs `credentials.client_secret` and `credentials.token_url`');
  assert.match(only(run(one('      type: rest\n      endpoint: https://a.example\n      auth: { type: bearer }')), 'incomplete-auth').message, /needs `credentials`/);
  assert.equal(only(run(one('      type: rest\n      endpoint: https://a.example\n      auth: { type: none, credentials: "${X}" }')), 'inconsistent-value').severity, 'warning');

  const batch = marked(one('      type: rest\n      endpoint: https://a.example', '    |sync|: { strategy: batch }\n'));
  assert.equal(covered(batch.text, only(run(batch.text), 'missing-key')), 'sync');

  const delays = marked(`${one('      type: rest\n      endpoint: https://a.example', '', '')}policies:\n  p:\n    retry: { max_retries: 2, base_delay: 2s, max_delay: |500ms| }\n`);
  const inconsistent = only(run(delays.text), 'inconsistent-value');
  assert.equal(covered(delays.text, inconsistent), '500ms');
  assert.equal(inconsistent.message, 'retry.max_delay (500ms) is shorter than base_delay (2s); no delay could be longer than the cap');
});

test("report: 'custom' keeps only what a JSON Schema cannot say (for use beside Red Hat YAML)", () => {
  const text = one('      type: rest\n      endpoint: https://a.example\n      colour: blue', '    sync: { strategy: batch, frequency: "99 * * * *" }\n    resilience: { policy: nope }\n');
  const all = run(text).map((d) => d.code).sort();
  const custom = run(text, { report: 'custom' }).map((d) => d.code).sort();
  assert.deepEqual(all, ['invalid-cron', 'unknown-key', 'unknown-policy']);
  assert.deepEqual(custom, ['invalid-cron', 'unknown-policy']);
});

test('a file over the size limit gets one information diagnostic instead of a validation', () => {
  const diagnostics = run('version: 1\n'.repeat(1000), { maxLength: 5000 });
  assert.equal(only(diagnostics, 'file-too-large').severity, 'information');
  assert.equal(diagnostics.length, 1);
});
