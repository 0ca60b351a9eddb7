import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { ScanResult } from '../../../src/core/detection/types';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/**
 * The sample app's README lists every integration site ("## Integration sites") and the evidence
 * beside them ("### dependencies", "### configuration"): each table is what the scan must report
 * in that list, no more, no less.
 */
function documented(heading: '## Integration sites' | '### dependencies' | '### configuration'): string[] {
  const readme = readFileSync(path.join(EXAMPLES, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has ${heading}`);
  const section = readme.slice(start + heading.length + 2).split(/\n#{2,3} /)[0];
  return section.split('\n')
    .map((line) => /^\| ([\w./-]+:\d+) \| (\w+) \| ([\w@:./-]+) \| (\w+) \|/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`)
    .sort();
}

const documentedSites = (): string[] => documented('## Integration sites');
const listed = (findings: ScanResult['integrations']): string[] => findings.map((i) => `${i.file}:${i.line} ${i.kind} ${i.library} ${i.role}`).sort();

async function scanExamples(): Promise<ScanResult> {
  const out: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, isTTY: false, cwd: path.dirname(EXAMPLES) };
  assert.equal(await runCli(['scan', 'examples', '--format', 'json'], io), 0);
  return JSON.parse(out.join('')) as ScanResult;
}

test('scan examples --format json lists exactly the integrations the sample app documents', async () => {
  const result = await scanExamples();
  assert.equal(result.version, 2);
  assert.deepEqual(Object.keys(result), ['version', 'root', 'integrations', 'dependencies', 'configuration', 'services', 'skipped', 'stats']);
  assert.deepEqual(Object.keys(result.services[0]), ['id', 'name', 'kind', 'keyedBy', 'envVars', 'hosts', 'integrations', 'dependencies', 'configuration']);
  assert.deepEqual(listed(result.integrations), documentedSites());
  assert.ok(result.integrations.every((i) => !/package\.json|requirements\.txt|\.env/.test(i.file)), 'no manifest or .env line is a site');
  assert.deepEqual(listed(result.dependencies), documented('### dependencies'));
  assert.deepEqual(listed(result.configuration), documented('### configuration'));
  assert.deepEqual(result.skipped, []);
});

test('the sample app groups code, .env, compose and k8s into services', async () => {
  const result = await scanExamples();
  const serviceOf = (file: string, line: number) => [...result.integrations, ...result.dependencies, ...result.configuration]
    .find((i) => i.file === file && i.line === line)?.service;
  // pg in TypeScript, database/sql in Go, DATABASE_URL in .env.example, the pg dependency and the compose postgres service are one service.
  const database = serviceOf('orders-service/src/db.ts', 4);
  assert.ok(database);
  assert.equal(serviceOf('inventory-go/main.go', 104), database);
  assert.equal(serviceOf('.env.example', 8), database);
  assert.equal(serviceOf('orders-service/package.json', 15), database);
  assert.equal(serviceOf('docker-compose.yml', 47), database);
  // The service points at its evidence in the lists the evidence is in.
  const service = result.services.find((s) => s.id === database);
  assert.ok(service);
  assert.deepEqual(service.configuration.map((i) => `${result.configuration[i].file}:${result.configuration[i].line}`), ['.env.example:8']);
  assert.deepEqual(service.dependencies.map((i) => `${result.dependencies[i].file}:${result.dependencies[i].line}`), ['orders-service/package.json:15']);
  assert.ok(service.integrations.every((i) => result.integrations[i].service === database));
  // Instance calls inherit the client's target.
  const query = result.integrations.find((i) => i.file === 'orders-service/src/db.ts' && i.line === 16);
  assert.equal(query?.target, '${DATABASE_URL}');
  // The bare fetch is flagged, the axios instance with a timeout is not.
  assert.deepEqual(result.integrations.find((i) => i.file === 'orders-service/src/payments.ts')?.resilience, { timeout: false, retry: false, circuitBreaker: false });
  assert.equal(result.integrations.find((i) => i.file === 'orders-service/src/inventory.ts' && i.line === 7)?.resilience?.timeout, true);
  const webhook = result.integrations.find((i) => i.kind === 'webhook');
  assert.equal(webhook?.signatureVerified, true);
  assert.equal(webhook?.direction, 'inbound');
});

test('scan --format sarif is SARIF 2.1.0 with one result per finding; table and markdown render', async () => {
  const run = async (format: string) => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, isTTY: false, cwd: path.dirname(EXAMPLES) };
    assert.equal(await runCli(['scan', 'examples', '--format', format], io), 0);
    return out.join('');
  };
  const sarif = JSON.parse(await run('sarif'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, documentedSites().length);
  const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
  assert.ok(!uris.some((uri: string) => /package\.json|requirements\.txt|\.env/.test(uri)), 'evidence produces no SARIF result');
  const bare = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'integration/bare-call');
  assert.ok(bare.some((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri === 'orders-service/src/payments.ts'));
  const table = await run('table');
  assert.match(table, /orders-service\/src\/db\.ts:4\s+database\s+pg\s+client/);
  assert.ok(!/package\.json|requirements\.txt|\.env\.example/.test(table), 'the table lists sites only');
  assert.match(table, new RegExp(`\\n${documentedSites().length} integrations in \\d+ services; evidence: ${documented('### dependencies').length} dependencies, ${documented('### configuration').length} configuration entries; `));
  assert.match(await run('markdown'), /```mermaid/);
});
