import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hostsInValue, parseComposeFile, parseK8sFile } from '../../../src/core/inventory/declaredLinks';
import { aggregateTopology, buildTopology, kindOfImage, type Topology } from '../../../src/core/inventory/topology';
import { SHOP_COMPOSE, SHOP_K8S, shopResult, site } from './syntheticInventory';

let root: string;

function write(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
}

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'io-topology-'));
  write('docker-compose.yml', SHOP_COMPOSE);
  write('k8s/api.yaml', SHOP_K8S);
  write('api/package.json', '{}');
  write('worker/requirements.txt', 'pika\n');
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Edges as `from -> to [labels]` with node labels, sorted, for whole-graph assertions. */
function edges(topology: Topology): string[] {
  const label = new Map(topology.nodes.map((node) => [node.key, `${node.type}:${node.label}`]));
  return topology.edges.map((edge) => `${label.get(edge.from)} ${edge.style === 'call' ? '->' : '-.->'} ${label.get(edge.to)} [${edge.labels.join(',')}]`).sort();
}

test('compose services: build contexts, images, depends_on in both forms, env references', () => {
  const services = parseComposeFile('docker-compose.yml', SHOP_COMPOSE);
  assert.deepEqual(services.map((s) => [s.name, s.line, s.build ?? null, s.image ?? null, s.dependsOn, s.envRefs]), [
    ['api', 2, 'api', null, ['db'], ['db', 'rabbit']],
    ['worker', 9, 'worker', null, ['rabbit'], []],
    ['db', 15, null, 'postgres:16', [], []],
    ['rabbit', 17, null, 'rabbitmq:3-management', [], []],
  ]);
  const nested = parseComposeFile('deploy/compose.yaml', 'services:\n  web:\n    build: ../web\n  bad:\n    build: ../../outside\n');
  assert.deepEqual(nested.map((s) => s.build ?? null), ['web', null]);
  assert.deepEqual(parseComposeFile('docker-compose.yml', ': not yaml : ['), []);
});

test('k8s manifests: workloads with labels and env hosts, Service selectors, Ingress backends; Helm tolerated', () => {
  const objects = parseK8sFile('k8s/api.yaml', SHOP_K8S);
  assert.deepEqual(objects.map((o) => [o.kind, o.name, o.line]), [['Deployment', 'api', 1], ['Service', 'api', 18], ['Ingress', 'public', 26]]);
  assert.deepEqual(objects[0].labels, { app: 'api' });
  assert.deepEqual(objects[0].envHosts, ['db.shop.svc.cluster.local']);
  assert.deepEqual(objects[1].selector, { app: 'api' });
  assert.deepEqual(objects[2].backends, ['api']);
  const helm = parseK8sFile('chart/templates/d.yaml', '{{- if .Values.enabled }}\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\n{{- end }}\n');
  assert.deepEqual(helm.map((o) => o.name), ['x-web']);
});

test('hostsInValue finds hosts in URLs and host:port values', () => {
  assert.deepEqual(hostsInValue('postgres://u:p@db:5432/x'), ['db']);
  assert.deepEqual(hostsInValue('redis:6379'), ['redis']);
  assert.deepEqual(hostsInValue('plain text'), []);
});

test('the shop topology: components from compose builds, services from code, declared links dotted', () => {
  const topology = buildTopology([{ name: 'shop', result: shopResult(root) }]);
  assert.deepEqual(topology.nodes.filter((n) => n.type === 'component').map((n) => n.label).sort(), ['api', 'worker']);
  assert.deepEqual(edges(topology), [
    'k8s:Ingress public -.-> component:api [ingress]',
    'component:api -.-> service:rabbit [env]',
    'component:api -> service:PAYMENTS_URL [axios]',
    'component:api -> service:api.stripe.com [fetch]',
    'component:api -> service:db [pg]',
    'component:api -.-> service:db [depends_on]',
    'component:worker -.-> service:rabbit [depends_on]',
    'component:worker -> service:AMQP_URL [pika]',
    'service:stripe-webhook -> component:api [express]',
  ].sort());
});

test('test files draw no edges unless asked', () => {
  const result = shopResult(root);
  const withTests = buildTopology([{ name: 'shop', result }], { includeTests: true });
  assert.ok(edges(withTests).includes('component:api -> service:fetch localhost:1234 [fetch]'));
  assert.ok(!edges(buildTopology([{ name: 'shop', result }])).some((edge) => edge.includes('localhost')));
});

test('without compose, components are folders holding a manifest, else top-level folders, else the root', () => {
  const bare = mkdtempSync(path.join(tmpdir(), 'io-topology-bare-'));
  try {
    mkdirSync(path.join(bare, 'services/billing'), { recursive: true });
    writeFileSync(path.join(bare, 'services/billing/go.mod'), 'module billing\n');
    const result = { ...shopResult(bare), services: [], integrations: [
      site({ file: 'services/billing/internal/pay.go', line: 3, kind: 'http', library: 'net/http', role: 'call', target: 'https://a.example.com' }),
      site({ file: 'tools/sync.py', line: 3, kind: 'http', library: 'requests', role: 'call', target: 'https://b.example.com' }),
      site({ file: 'main.py', line: 3, kind: 'http', library: 'requests', role: 'call', target: 'https://c.example.com' }),
    ] };
    const topology = buildTopology([{ name: 'mono', result }]);
    assert.deepEqual(topology.nodes.filter((n) => n.type === 'component').map((n) => n.label).sort(), ['mono', 'services/billing', 'tools']);
    writeFileSync(path.join(bare, 'package.json'), '{}');
    const rooted = buildTopology([{ name: 'mono', result }]);
    assert.deepEqual(rooted.nodes.filter((n) => n.type === 'component').map((n) => n.label).sort(), ['mono', 'services/billing'],
      'with a manifest at the root, top-level folders without one belong to the root component');
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
});

test('image kinds and aggregation by kind', () => {
  assert.deepEqual(['postgres:16', 'bitnami/redis', 'rabbitmq:3', 'mailhog/mailhog', 'nginx'].map(kindOfImage), ['database', 'cache', 'queue', 'email', 'container']);
  const topology = buildTopology([{ name: 'shop', result: shopResult(root) }]);
  const aggregated = aggregateTopology(topology);
  assert.ok(aggregated.nodes.length < topology.nodes.length);
  assert.ok(aggregated.nodes.some((node) => node.label === '2 http services'), aggregated.nodes.map((n) => n.label).join(', '));
  assert.deepEqual(aggregated.nodes.filter((n) => n.type === 'component').map((n) => n.label).sort(), ['api', 'worker']);
});
