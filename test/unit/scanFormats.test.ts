import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, formatSarif, formatTable } from '../../src/cli/commands/scanFormats';
import { shopResult, site } from './inventory/syntheticInventory';

/** The shop plus a `.env` key no code reads (SEARCH_URL) and a dependency alone (ioredis). */
function withEvidenceOnlyServices() {
  const result = shopResult();
  result.dependencies.push(site({ file: 'api/package.json', line: 12, kind: 'cache', library: 'ioredis', role: 'declaration', target: 'ioredis', service: 'ioredis' }));
  const search = result.configuration.push(site({ file: '.env.example', line: 3, kind: 'http', library: 'dotenv', role: 'declaration', target: 'https://search.internal', envVars: ['SEARCH_URL'], service: 'SEARCH_URL' })) - 1;
  result.services.push(
    { id: 'SEARCH_URL', name: 'SEARCH_URL', kind: 'http', keyedBy: 'env', envVars: ['SEARCH_URL'], hosts: ['search.internal'], integrations: [], dependencies: [], configuration: [search] },
    { id: 'ioredis', name: 'ioredis', kind: 'cache', keyedBy: 'library', envVars: [], hosts: [], integrations: [], dependencies: [0], configuration: [] },
  );
  return result;
}

test('table: sites only; the summary counts services with a site and names the evidence apart', () => {
  const table = formatTable(withEvidenceOnlyServices());
  assert.ok(!/\.env\.example|package\.json|dotenv|ioredis/.test(table), table);
  assert.match(table, /\n8 integrations in 5 services \(\+2 known only from dependencies or \.env\); evidence: 1 dependencies, 3 configuration entries; 12 files read/);
});

test('sarif: one result per site, none for evidence, no rule for a kind only evidence has', () => {
  const result = withEvidenceOnlyServices();
  const sarif = JSON.parse(formatSarif(result, '0.0.0'));
  const run = sarif.runs[0];
  assert.equal(run.results.length, result.integrations.length);
  assert.ok(!JSON.stringify(run.results).includes('.env.example') && !JSON.stringify(run.results).includes('package.json'));
  assert.ok(!run.tool.driver.rules.some((rule: { id: string }) => rule.id === 'integration/cache'), 'cache is only a dependency here');
});

test('json: version 2 with the evidence lists beside the sites', () => {
  const json = JSON.parse(formatJson(withEvidenceOnlyServices()));
  assert.equal(json.version, 2);
  assert.deepEqual([json.integrations.length, json.dependencies.length, json.configuration.length], [8, 1, 3]);
});
