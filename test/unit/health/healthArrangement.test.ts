import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Integration, ScanResult, Service } from '../../../src/core/detection/types';
import { buildInventoryTree, type InventoryFolder, type InventoryNode } from '../../../src/core/inventory/inventoryTree';
import type { HealthStatus } from '../../../src/core/probes/types';
import { groupByHealth, sortByHealth, type StatusOf } from '../../../src/client/health/healthArrangement';
import type { TreeNode } from '../../../src/client/inventory/inventoryNodes';

function site(file: string, kind: Integration['kind'], library: string, service: string): Integration {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 5, kind, library, role: 'call', direction: 'outbound', service, test: false };
}
function service(id: string, kind: Service['kind'], index: number): Service {
  return { id, name: id, kind, keyedBy: 'env', envVars: [id], hosts: [], integrations: [index], dependencies: [], configuration: [] };
}

const result: ScanResult = {
  version: 2, root: '/ws', dependencies: [], configuration: [], skipped: [], stats: { files: 4, parsedFiles: 4, bytes: 0, durationMs: 1 },
  integrations: [
    site('a.ts', 'http', 'fetch', 'API_A'), site('b.ts', 'http', 'fetch', 'API_B'), site('c.ts', 'http', 'fetch', 'API_C'),
    site('d.ts', 'cache', 'ioredis', 'REDIS_URL'),
  ],
  services: [service('API_A', 'http', 0), service('API_B', 'http', 1), service('API_C', 'http', 2), service('REDIS_URL', 'cache', 3)],
};
const folders: InventoryFolder[] = [{ name: 'ws', result }];
const statuses: Record<string, HealthStatus> = { API_A: 'healthy', API_C: 'unhealthy', REDIS_URL: 'degraded' };
const statusOf: StatusOf = (_folder, node) => statuses[node.service.id];

const labels = (nodes: readonly TreeNode[]): string[] => nodes.map((node) => (node.type === 'service' ? node.service.name : node.type === 'kind' ? `[${node.kind}]` : node.type === 'group' ? `<${node.label} ${node.description}>` : node.type));

test('sort by health: worst first among the services of each kind; kinds keep their order; the input is not changed', () => {
  const tree = buildInventoryTree(folders, { grouping: 'kind', showTests: false });
  const before = JSON.stringify(tree.roots);
  const sorted = sortByHealth(tree.roots, folders, statusOf);
  assert.deepEqual(labels(sorted), ['[http]', '[cache]']);
  assert.deepEqual(labels((sorted[0] as InventoryNode & { type: 'kind' }).children), ['API_C', 'API_A', 'API_B'], 'unhealthy, healthy, then never checked');
  assert.deepEqual(labels((tree.roots[0] as InventoryNode & { type: 'kind' }).children), ['API_A', 'API_B', 'API_C']);
  assert.equal(JSON.stringify(tree.roots), before);
  const byService = sortByHealth(buildInventoryTree(folders, { grouping: 'service', showTests: false }).roots, folders, statusOf);
  assert.deepEqual(labels(byService), ['API_C', 'REDIS_URL', 'API_A', 'API_B']);
});

test('group by health: a heading per state that has services (worst first), whatever the grouping', () => {
  const groups = groupByHealth(folders, { kinds: new Set(), showTests: false }, statusOf);
  assert.deepEqual(labels(groups), ['<Unhealthy 1>', '<Degraded 1>', '<Healthy 1>', '<Not checked 1>']);
  assert.deepEqual(groups.map((group) => [group.id, group.icon, group.color]), [
    ['health:unhealthy', 'error', 'testing.iconFailed'], ['health:degraded', 'warning', 'list.warningForeground'],
    ['health:healthy', 'pass', 'testing.iconPassed'], ['health:unchecked', 'circle-outline', undefined],
  ]);
  assert.deepEqual(labels(groups[0]!.children), ['API_C']);
  const onlyCache = groupByHealth(folders, { kinds: new Set(['cache']), showTests: false }, statusOf);
  assert.deepEqual(labels(onlyCache), ['<Degraded 1>'], 'the kind filter applies');
  const ids = groups.flatMap((group) => group.children.map((node) => node.id));
  assert.equal(new Set(ids).size, ids.length, 'ids stay unique');
});
