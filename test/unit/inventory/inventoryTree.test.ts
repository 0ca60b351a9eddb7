import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildInventoryTree, countLabel, evidenceDescription, evidenceLabel, isDependencyOnly, siteDescription, siteLabel, walkTree,
  type InventoryNode, type InventoryViewOptions,
} from '../../../src/core/inventory/inventoryTree';
import type { ScanResult } from '../../../src/core/detection/types';
import { shopResult, site } from './syntheticInventory';

const defaults: InventoryViewOptions = { grouping: 'kind', showTests: false };

/** A compact picture of a tree: one line per node, indented, for whole-tree assertions. */
function outline(nodes: readonly InventoryNode[], depth = 0): string[] {
  return nodes.flatMap((node) => {
    const text = node.type === 'folder' ? `folder ${node.name} (${countLabel(node.services, node.sites)})`
      : node.type === 'kind' ? `kind ${node.kind} (${countLabel(node.services, node.sites)})`
        : node.type === 'service' ? `service ${node.service.name} (${node.sites})`
          : node.type === 'file' ? `file ${node.file} (${node.sites})`
            : node.type === 'declared' ? `declared in (${node.children.length})`
              : node.type === 'evidence' ? `evidence ${evidenceLabel(node.integration)} · ${evidenceDescription(node.integration)}`
                : `site ${siteLabel(node.integration)} @ ${siteDescription(node.integration)}`;
    return [`${'  '.repeat(depth)}${text}`, ...('children' in node ? outline(node.children, depth + 1) : [])];
  });
}

test('default grouping is kind → service → sites, kinds in the fixed order, test files hidden; .env keys under "Declared in"', () => {
  const tree = buildInventoryTree([{ name: 'shop', result: shopResult() }], defaults);
  assert.deepEqual(outline(tree.roots), [
    'kind http (2 services · 2 sites)',
    '  service api.stripe.com (1)',
    '    site fetch → api.stripe.com/v1/refunds @ api/src/payments.ts:30',
    '  service PAYMENTS_URL (1)',
    '    site axios → ${PAYMENTS_URL}/charges @ api/src/payments.ts:12',
    '    declared in (1)',
    '      evidence .env.example:2 · dotenv · PAYMENTS_URL',
    'kind database (1 service · 2 sites)',
    '  service db (2)',
    '    site pg → ${DATABASE_URL} @ api/src/db.ts:5',
    '    site docker-compose · db @ docker-compose.yml:14',
    '    declared in (1)',
    '      evidence .env.example:1 · dotenv · DATABASE_URL',
    'kind queue (1 service · 1 site)',
    '  service AMQP_URL (1)',
    '    site pika → ${AMQP_URL} @ worker/main.py:8',
    'kind webhook (1 service · 1 site)',
    '  service stripe-webhook (1)',
    '    site express ← /webhooks/stripe @ api/src/webhooks.ts:20',
    'kind k8s (0 services · 1 site)',
    '  site kubernetes · Deployment/api @ k8s/api.yaml:1',
  ]);
  assert.equal(tree.services, 5);
  assert.equal(tree.sites, 7, 'the two .env keys are not sites');
});

test('a service keeps its declarations of another kind (compose under a database) instead of splitting', () => {
  const tree = buildInventoryTree([{ name: 'shop', result: shopResult() }], defaults);
  const kinds = tree.roots.map((node) => (node.type === 'kind' ? node.kind : node.type));
  assert.ok(!kinds.includes('container'), `no Containers group for the compose line of db: ${kinds.join(',')}`);
});

test('showing test files adds the test call, marked, and counts it', () => {
  const tree = buildInventoryTree([{ name: 'shop', result: shopResult() }], { ...defaults, showTests: true });
  const http = tree.roots[0];
  assert.equal(http.type, 'kind');
  assert.equal(http.type === 'kind' && http.sites, 3);
  const testSite = [...walkTree(tree.roots)].find((node) => node.type === 'site' && node.integration.test);
  assert.ok(testSite && testSite.type === 'site');
  assert.equal(siteDescription(testSite.integration), 'api/test/payments.test.ts:4 · test');
  assert.equal(tree.sites, 8);
  assert.equal(tree.services, 5, 'a site without a service adds no service');
});

test('a kind filter keeps only those kinds, by the service kind', () => {
  const tree = buildInventoryTree([{ name: 'shop', result: shopResult() }], { ...defaults, kinds: new Set(['database', 'queue']) });
  assert.deepEqual(tree.roots.map((node) => node.type === 'kind' && node.kind), ['database', 'queue']);
  assert.equal(tree.services, 2);
  assert.equal(tree.sites, 3, 'the compose declaration of db stays with its database');
  const empty = buildInventoryTree([{ name: 'shop', result: shopResult() }], { ...defaults, kinds: new Set(['email']) });
  assert.deepEqual(empty.roots, []);
  assert.equal(empty.services, 0);
});

test('by-service grouping lists services by name, then sites without a service', () => {
  const tree = buildInventoryTree([{ name: 'shop', result: shopResult() }], { ...defaults, grouping: 'service' });
  assert.deepEqual(tree.roots.map((node) => (node.type === 'service' ? node.service.name : node.type === 'site' ? `site:${node.integration.library}` : node.type)),
    ['AMQP_URL', 'api.stripe.com', 'db', 'PAYMENTS_URL', 'stripe-webhook', 'site:kubernetes']);
});

test('by-file grouping lists files by path and sites by line', () => {
  const tree = buildInventoryTree([{ name: 'shop', result: shopResult() }], { ...defaults, grouping: 'file' });
  assert.deepEqual(outline(tree.roots).filter((line) => line.startsWith('file')), [
    'file api/src/db.ts (1)', 'file api/src/payments.ts (2)', 'file api/src/webhooks.ts (1)',
    'file docker-compose.yml (1)', 'file k8s/api.yaml (1)', 'file worker/main.py (1)',
  ]);
  const payments = tree.roots.find((node) => node.type === 'file' && node.file === 'api/src/payments.ts');
  assert.ok(payments && payments.type === 'file');
  assert.deepEqual(payments.children.map((child) => child.integration.line), [12, 30]);
});

test('multi-root: one root node per folder with its own counts', () => {
  const other = shopResult('/ws/other');
  other.integrations = other.integrations.slice(0, 2);
  other.services = other.services.slice(0, 2);
  const tree = buildInventoryTree([{ name: 'shop', result: shopResult() }, { name: 'other', result: other }], defaults);
  assert.deepEqual(outline(tree.roots).filter((line) => line.startsWith('folder')), [
    'folder shop (5 services · 7 sites)',
    'folder other (2 services · 2 sites)',
  ]);
  assert.equal(tree.services, 7);
  assert.equal(tree.roots[1].folder, 1);
});

test('node ids are unique and stable from one build to the next', () => {
  const folders = [{ name: 'shop', result: shopResult() }, { name: 'copy', result: shopResult('/ws/copy') }];
  for (const grouping of ['kind', 'service', 'file'] as const) {
    const first = [...walkTree(buildInventoryTree(folders, { grouping, showTests: true }).roots)].map((node) => node.id);
    const second = [...walkTree(buildInventoryTree(folders, { grouping, showTests: true }).roots)].map((node) => node.id);
    assert.equal(new Set(first).size, first.length, `unique ids in ${grouping}`);
    assert.deepEqual(first, second);
  }
});

test('two findings at the same position still get distinct ids', () => {
  const result = shopResult();
  result.integrations.push({ ...result.integrations[1] });
  const ids = [...walkTree(buildInventoryTree([{ name: 'shop', result }], defaults).roots)].map((node) => node.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('site labels: library and short target; inbound and declarations marked; no target shows the library alone; evidence reads file:line', () => {
  const { integrations: [axios, , , compose, , webhook], configuration: [env] } = shopResult();
  assert.equal(siteLabel(axios), 'axios → ${PAYMENTS_URL}/charges');
  assert.equal(siteLabel(compose), 'docker-compose · db');
  assert.equal(siteLabel(webhook), 'express ← /webhooks/stripe');
  assert.equal(siteLabel({ ...axios, target: undefined }), 'axios');
  assert.deepEqual([evidenceLabel(env), evidenceDescription(env)], ['.env.example:1', 'dotenv · DATABASE_URL']);
  assert.equal(countLabel(1, 1), '1 service · 1 site');
  assert.equal(countLabel(undefined, 3), '3 sites');
});

test('services made only of package-manifest dependencies are not shown and not counted', () => {
  const result = shopResult();
  const dependency = site({ file: 'api/package.json', line: 9, kind: 'http', library: 'axios', role: 'declaration', target: 'axios', service: 'axios' });
  result.dependencies.push(dependency);
  result.services.push({ id: 'axios', name: 'axios', kind: 'http', keyedBy: 'library', envVars: [], hosts: [], integrations: [], dependencies: [0], configuration: [] });
  assert.ok(isDependencyOnly(result, result.services[5]));
  assert.ok(!isDependencyOnly(result, result.services[2]), 'db has code and compose findings');
  assert.ok(!isDependencyOnly(result, result.services[0]), 'PAYMENTS_URL has code and a .env key');
  for (const grouping of ['kind', 'service', 'file'] as const) {
    const tree = buildInventoryTree([{ name: 'shop', result }], { ...defaults, grouping });
    assert.equal(tree.services, 5, grouping);
    assert.equal(tree.sites, 7, grouping);
    assert.ok(!outline(tree.roots).some((line) => line.includes('package.json')), `${grouping}: neither a site nor evidence of a shown service`);
  }
  assert.equal(evidenceDescription(dependency), 'axios', 'a dependency reads as its name alone');
});

/**
 * The shop with evidence beside its sites: an axios dependency of PAYMENTS_URL, a `.env` key that
 * no code reads (SEARCH_URL: a service health still checks) and a dependency alone (ioredis).
 */
function withEvidence(): ScanResult {
  const result = shopResult();
  result.dependencies.push(
    site({ file: 'api/package.json', line: 9, column: 5, kind: 'http', library: 'axios', role: 'declaration', target: 'axios', service: 'PAYMENTS_URL' }),
    site({ file: 'api/package.json', line: 12, column: 5, kind: 'cache', library: 'ioredis', role: 'declaration', target: 'ioredis', service: 'ioredis' }),
  );
  const search = result.configuration.push(
    site({ file: '.env.example', line: 3, column: 1, kind: 'http', library: 'dotenv', role: 'declaration', target: 'https://search.internal', envVars: ['SEARCH_URL'], host: 'search.internal', service: 'SEARCH_URL' }),
  ) - 1;
  result.services.find((service) => service.id === 'PAYMENTS_URL')!.dependencies.push(0);
  result.services.push(
    { id: 'SEARCH_URL', name: 'SEARCH_URL', kind: 'http', keyedBy: 'env', envVars: ['SEARCH_URL'], hosts: ['search.internal'], integrations: [], dependencies: [], configuration: [search] },
    { id: 'ioredis', name: 'ioredis', kind: 'cache', keyedBy: 'library', envVars: [], hosts: [], integrations: [], dependencies: [1], configuration: [] },
  );
  return result;
}

test('evidence shows under its service as "Declared in", never as a site and never counted', () => {
  const plain = buildInventoryTree([{ name: 'shop', result: shopResult() }], defaults);
  const tree = buildInventoryTree([{ name: 'shop', result: withEvidence() }], defaults);
  const lines = outline(tree.roots);
  const http = lines.slice(0, lines.findIndex((line, i) => i > 0 && line.startsWith('kind ')));
  assert.deepEqual(http.filter((line) => !line.startsWith('kind ')), [
    '  service api.stripe.com (1)',
    '    site fetch → api.stripe.com/v1/refunds @ api/src/payments.ts:30',
    '  service PAYMENTS_URL (1)',
    '    site axios → ${PAYMENTS_URL}/charges @ api/src/payments.ts:12',
    '    declared in (2)',
    '      evidence .env.example:2 · dotenv · PAYMENTS_URL',
    '      evidence api/package.json:9 · axios',
    '  service SEARCH_URL (0)',
    '    declared in (1)',
    '      evidence .env.example:3 · dotenv · SEARCH_URL',
  ]);
  assert.equal(http[0], 'kind http (3 services · 2 sites)', 'SEARCH_URL is a service of the kind; its .env key is no site');
  assert.equal(tree.sites, plain.sites, 'no evidence is counted as a site');
  assert.equal(tree.services, plain.services + 1, 'a service a .env key names is shown (health checks it); a dependency alone is not');
  assert.ok(!lines.some((line) => line.includes('ioredis')), `the ioredis dependency has no code: not shown\n${lines.join('\n')}`);
  const declared = [...walkTree(tree.roots)].filter((node) => node.type === 'declared');
  assert.deepEqual(declared.map((node) => node.type === 'declared' && node.service.id), ['PAYMENTS_URL', 'SEARCH_URL', 'db']);
  const evidence = [...walkTree(tree.roots)].find((node) => node.type === 'evidence' && node.list === 'dependencies');
  assert.ok(evidence && evidence.type === 'evidence');
  assert.deepEqual([evidence.index, evidence.service.id, evidence.integration.library], [0, 'PAYMENTS_URL', 'axios']);
});

test('evidence follows the groupings and filters: by service, by file (not there), tests hidden, kind filter', () => {
  const result = withEvidence();
  const byService = buildInventoryTree([{ name: 'shop', result }], { ...defaults, grouping: 'service' });
  assert.ok(byService.roots.some((node) => node.type === 'service' && node.service.id === 'SEARCH_URL'));
  assert.equal(byService.services, buildInventoryTree([{ name: 'shop', result }], defaults).services, 'the same count in every grouping');
  const byFile = buildInventoryTree([{ name: 'shop', result }], { ...defaults, grouping: 'file' });
  assert.ok(!outline(byFile.roots).some((line) => line.includes('package.json') || line.includes('evidence')), 'files list sites only');
  assert.equal(byFile.services, byService.services);

  result.configuration[2].test = true;
  const hidden = buildInventoryTree([{ name: 'shop', result }], defaults);
  assert.ok(![...walkTree(hidden.roots)].some((node) => node.type === 'service' && node.service.id === 'SEARCH_URL'), 'a .env key of a test folder is hidden with the tests');
  const shown = buildInventoryTree([{ name: 'shop', result }], { ...defaults, showTests: true });
  assert.ok(outline(shown.roots).includes('      evidence .env.example:3 · dotenv · SEARCH_URL · test'));

  const databases = buildInventoryTree([{ name: 'shop', result: withEvidence() }], { ...defaults, kinds: new Set(['database']) });
  const evidenceOf = [...walkTree(databases.roots)].flatMap((node) => (node.type === 'evidence' ? [`${node.service.id} ${evidenceLabel(node.integration)}`] : []));
  assert.deepEqual(evidenceOf, ['db .env.example:1'], 'the evidence of filtered-out services goes with them');
});

test('node ids stay unique and stable with evidence', () => {
  const folders = [{ name: 'shop', result: withEvidence() }, { name: 'copy', result: withEvidence() }];
  for (const grouping of ['kind', 'service', 'file'] as const) {
    const first = [...walkTree(buildInventoryTree(folders, { grouping, showTests: true }).roots)].map((node) => node.id);
    const second = [...walkTree(buildInventoryTree(folders, { grouping, showTests: true }).roots)].map((node) => node.id);
    assert.equal(new Set(first).size, first.length, `unique ids in ${grouping}`);
    assert.deepEqual(first, second);
  }
});
