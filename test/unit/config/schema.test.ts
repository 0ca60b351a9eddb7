import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderConfigDocs, DOCS_PATH } from '../../../src/core/config/configDocs';
import { cronProblem } from '../../../src/core/config/cron';
import { formatDuration, parseDuration } from '../../../src/core/config/duration';
import { findEnvRefs, parseWholeEnvRef, substituteEnvRefs, toEnvName } from '../../../src/core/config/envRef';
import { buildJsonSchema, type JsonSchema } from '../../../src/core/config/jsonSchema';
import { configSchema } from '../../../src/core/config/schema';
import { branches } from '../../../src/core/config/schemaNav';
import { validateConfig } from '../../../src/core/config/validate';
import { parse } from 'yaml';
import { ISSUE_ENV, ISSUE_EXAMPLE, only } from './helpers';

const root = path.resolve(__dirname, '../../..');

test('the issue example is valid: no diagnostics, and the zod schema accepts it', () => {
  assert.deepEqual(validateConfig(ISSUE_EXAMPLE, { uri: 'x', workspaceEnv: ISSUE_ENV }), []);
  assert.equal(configSchema.safeParse(parse(ISSUE_EXAMPLE)).success, true);
});

test('the contract names of issue #5 are all in the schema', () => {
  const schema = buildJsonSchema();
  const item = schema.properties!.integrations!.items!;
  assert.deepEqual(Object.keys(schema.properties!), ['version', 'integrations', 'policies']);
  for (const key of ['name', 'source', 'target', 'sync', 'resilience', 'monitoring']) assert.ok(item.properties![key], key);
  assert.ok(item.properties!.target!.properties!.auth!.properties!.credentials);
  for (const key of ['strategy', 'frequency', 'batch_size', 'timeout']) assert.ok(item.properties!.sync!.properties![key], key);
  const policy = schema.properties!.policies!.additionalProperties as JsonSchema;
  for (const key of ['max_retries', 'backoff', 'base_delay', 'max_delay', 'jitter', 'retry_on', 'retry_non_idempotent']) assert.ok(policy.properties!.retry!.properties![key], key);
  for (const key of ['failure_threshold', 'half_open_after']) assert.ok(policy.properties!.circuit_breaker!.properties![key], key);
  for (const key of ['error_rate_threshold', 'latency_threshold']) assert.ok(item.properties!.monitoring!.properties!.alerts!.properties![key], key);
});

test('the JSON Schema is draft-07, closed (additionalProperties: false) and documents every field', () => {
  const schema = buildJsonSchema();
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(schema.required, ['version', 'integrations']);
  let fields = 0;
  const visit = (node: JsonSchema, where: string) => {
    for (const branch of branches(node)) {
      if (branch.type === 'object' && branch.properties) {
        assert.equal(branch.additionalProperties, false, `${where} must reject unknown keys`);
        for (const [key, property] of Object.entries(branch.properties)) {
          fields++;
          assert.ok(property.description && property.markdownDescription, `${where}.${key} has no docs`);
          visit(property, `${where}.${key}`);
        }
      }
      if (branch.items) visit(branch.items, `${where}[]`);
      if (typeof branch.additionalProperties === 'object') visit(branch.additionalProperties, `${where}.<name>`);
    }
  };
  visit(schema, '');
  assert.ok(fields > 40, `only ${fields} fields`);
  assert.equal(schema.properties!.integrations!.items!.defaultSnippets?.[0]?.label, 'New integration');
  assert.equal(schema.properties!.policies!.defaultSnippets?.[0]?.label, 'New policy');
});

test('package.json declares the generated schema for Red Hat YAML on the config file names', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const entry = manifest.contributes.yamlValidation.find((v: { url: string }) => v.url === './dist/integration-config.schema.json');
  assert.ok(entry);
  for (const name of ['integration-config.yml', 'integration-config.yaml', '*.integration.yml', '*.integration.yaml']) assert.ok(entry.fileMatch.includes(name), name);
  assert.ok(manifest.scripts['docs:config'], 'npm run docs:config');
});

test('docs/integration-config.md is generated from the schema and up to date (npm run docs:config)', () => {
  assert.equal(readFileSync(path.join(root, DOCS_PATH), 'utf8'), renderConfigDocs());
});

test('durations: 200ms, 30s, 5m, 1m30s and plain milliseconds', () => {
  assert.equal(parseDuration('200ms'), 200);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration(250), 250);
  assert.equal(parseDuration('250'), 250);
  for (const bad of ['5 minutes', '-1s', 's', '', 1.5, -3, '10x']) assert.equal(parseDuration(bad), undefined, String(bad));
  assert.equal(formatDuration(30_000), '30s');
  assert.equal(formatDuration(1500), '1500ms');
});

test('cron expressions: fields, ranges, steps, names, macros and @every', () => {
  for (const good of ['*/5 * * * *', '0 9-17 * * MON-FRI', '0 0 1,15 * *', '30 */2 * JAN,JUL 0', '0 0 * * 7', '*/10 * * * * *', '@hourly', '@every 5m', '0 0 ? * 1']) {
    assert.equal(cronProblem(good), undefined, good);
  }
  assert.match(cronProblem('*/5 * * 13 *')!, /month field has `13`, expected 1-12/);
  assert.match(cronProblem('* * *')!, /3 fields; expected 5/);
  assert.match(cronProblem('60 * * * *')!, /minute field has `60`/);
  assert.match(cronProblem('*/0 * * * *')!, /step of 0/);
  assert.match(cronProblem('5-1 * * * *')!, /runs backwards/);
  assert.match(cronProblem('@often')!, /unknown macro/);
});

test('${VAR} references: found, whole, with defaults, escaped, substituted, and names made from text', () => {
  assert.deepEqual(findEnvRefs('http://${HOST:-localhost}:${PORT}/x').map((r) => [r.name, r.defaultValue]), [['HOST', 'localhost'], ['PORT', undefined]]);
  assert.deepEqual(findEnvRefs('$${NOT_A_REF}'), []);
  assert.equal(parseWholeEnvRef('${A:-}')?.defaultValue, '');
  assert.equal(parseWholeEnvRef('x${A}'), undefined);
  assert.equal(substituteEnvRefs('${A}:${B:-2}', () => 'h'), 'h:2');
  assert.equal(toEnvName('payments-api', 'client_secret'), 'PAYMENTS_API_CLIENT_SECRET');
  assert.equal(toEnvName('9lives', 'token'), '_9LIVES_TOKEN');
});

test('typed fields take a whole ${VAR} reference; a default must then be a valid value', () => {
  const text = ISSUE_EXAMPLE.replace('max_retries: 3', 'max_retries: "${RETRIES:-3}"').replace('timeout: 10s', 'timeout: "${TIMEOUT:-soon}"');
  const diagnostic = only(validateConfig(text, { uri: 'x' }), 'invalid-default');
  assert.match(diagnostic.message, /^default\.timeout has a default in `\$\{TIMEOUT:-soon\}` that is not a duration/);
});

test('the version is 1 and nothing else', () => {
  const diagnostic = only(validateConfig(ISSUE_EXAMPLE.replace('version: 1', 'version: 2'), { uri: 'x', workspaceEnv: ISSUE_ENV }), 'invalid-value');
  assert.equal(diagnostic.message, 'version must be 1 (the only version so far), got 2');
});
