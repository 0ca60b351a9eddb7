import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declarationSource, envVarsOf, findEnvDefinitions, findServiceDeclarations, isComposeFile, isEnvFile } from '../../../src/core/inventory/declarations';
import { renderSiteTooltip } from '../../../src/core/inventory/siteTooltip';
import { shopResult, site } from './syntheticInventory';

test('file classification: .env files, compose files, k8s manifests', () => {
  for (const file of ['.env', '.env.example', 'api/.env.local', 'config/prod.env']) assert.ok(isEnvFile(file), file);
  for (const file of ['env.ts', '.envrc.ts', 'src/environment.py']) assert.ok(!isEnvFile(file), file);
  for (const file of ['docker-compose.yml', 'deploy/docker-compose.prod.yaml', 'compose.yaml', 'compose.override.yml']) assert.ok(isComposeFile(file), file);
  for (const file of ['k8s/deployment.yaml', 'composer.json', 'src/compose.ts']) assert.ok(!isComposeFile(file), file);
  const { integrations: [, , , compose, , , , k8s], configuration: [env] } = shopResult();
  assert.deepEqual([env, compose, k8s].map(declarationSource), ['env', 'compose', 'k8s']);
});

test('findEnvDefinitions finds the .env line (a configuration entry), then compose and k8s, only declarations', () => {
  const result = shopResult();
  result.integrations.push(
    site({ file: 'k8s/api.yaml', line: 40, kind: 'k8s', library: 'kubernetes', role: 'declaration', envVars: ['DATABASE_URL'] }),
    site({ file: 'docker-compose.yml', line: 6, kind: 'container', library: 'docker-compose', role: 'declaration', target: 'DATABASE_URL' }),
  );
  const found = findEnvDefinitions(result, 'DATABASE_URL');
  assert.deepEqual(found.map((d) => `${d.source} ${d.file}:${d.line}`), [
    'env .env.example:1', 'compose docker-compose.yml:6', 'k8s k8s/api.yaml:40',
  ]);
  assert.deepEqual(findEnvDefinitions(result, 'NOPE'), []);
});

test('findServiceDeclarations puts the compose service before the .env line (sites and evidence alike)', () => {
  const result = shopResult();
  const db = result.services.find((service) => service.id === 'db');
  assert.ok(db);
  assert.deepEqual(findServiceDeclarations(result, db).map((d) => d.file), ['docker-compose.yml', '.env.example']);
  result.dependencies.push(site({ file: 'api/package.json', line: 7, kind: 'database', library: 'pg', role: 'declaration', target: 'pg', service: 'db' }));
  db.dependencies.push(0);
  assert.deepEqual(findServiceDeclarations(result, db).map((d) => `${d.source} ${d.file}:${d.line}`), ['compose docker-compose.yml:14', 'other api/package.json:7', 'env .env.example:1']);
  const stripe = result.services.find((service) => service.id === 'api.stripe.com');
  assert.ok(stripe);
  assert.deepEqual(findServiceDeclarations(result, stripe), []);
});

test('envVarsOf reads envVars and ${NAME} in the target', () => {
  assert.deepEqual(envVarsOf(site({ file: 'a.ts', line: 1, kind: 'http', library: 'fetch', role: 'call', target: '${BASE}/x/$TOKEN_URL', envVars: ['BASE'] })).sort(), ['BASE', 'TOKEN_URL']);
});

test('site tooltip: code line, target, env definitions with their source, resilience, and no password', () => {
  const result = shopResult();
  const text = renderSiteTooltip({
    result, integration: result.integrations[2], service: result.services[2], codeLine: '  const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
    link: (file, line) => `command:open?${encodeURIComponent(JSON.stringify([file, line]))}`,
  });
  assert.match(text, /```typescript\nconst pool = new Pool\(\{ connectionString: process\.env\.DATABASE_URL \}\);\n```/);
  assert.match(text, /\*\*Target:\*\* `\$\{DATABASE_URL\}`/);
  assert.match(text, /\*\*`DATABASE_URL`:\*\* \[\.env\.example:1\]\(command:open\?[^)]+\) \(\.env\) = `postgres:\/\/app:\*\*\*@db:5432\/shop`/);
  assert.ok(!text.includes('s3cret'), 'the password from .env.example is redacted');
  assert.match(text, /\*\*Service:\*\* db \(database, keyed by compose\)/);

  const call = renderSiteTooltip({ result, integration: result.integrations[0], service: result.services[0] });
  assert.match(call, /\*\*Resilience:\*\* \$\(check\) timeout · \$\(close\) retry · \$\(question\) circuit breaker/);
  assert.match(call, /`api\/src\/payments\.ts:12`$/);

  const undefinedVar = renderSiteTooltip({ result, integration: result.integrations[4] });
  assert.match(undefinedVar, /`AMQP_URL`:\*\* not defined in \.env, compose or k8s files/);

  const webhook = renderSiteTooltip({ result, integration: result.integrations[5] });
  assert.match(webhook, /\*\*Signature:\*\* \$\(check\) verified/);
});
