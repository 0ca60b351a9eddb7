import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ScanWorkerClient, WorkspaceInventory } from '../../../src/core/detection/index';
import { analyzePath } from '../../../src/core/detection/inventory';
import { allFindings, serviceFindings } from '../../../src/core/detection/scanResult';
import type { Integration, ScanResult } from '../../../src/core/detection/types';
import { writeWorkspace } from './detect';

const workspace = (files: Record<string, string>) => writeWorkspace(files, 'io-evidence-');

/** A service that code calls through an env var, with the dependency it installs and the `.env` key that sets it. */
const SHOP = {
  'package.json': '{\n  "name": "shop",\n  "dependencies": {\n    "axios": "^1.7.0",\n    "left-pad": "1.3.0"\n  }\n}\n',
  '.env': 'PORT=3000\nPAYMENTS_URL=https://payments.example.com\n',
  'src/pay.ts': "import axios from 'axios';\nexport const charge = () => axios.post(`${process.env.PAYMENTS_URL}/charges`, {}, { timeout: 2000 });\n",
};

const where = (findings: readonly Integration[]): string[] => findings.map((f) => `${f.file}:${f.line} ${f.library}`);

function finding(file: string, line: number, extra: Partial<Integration> = {}): Integration {
  return { file, line, column: 1, endLine: line, endColumn: 2, kind: 'http', library: 'fetch', role: 'call', direction: 'outbound', test: false, ...extra };
}

const declaration = { role: 'declaration', direction: 'declaration' } as const;

function scan(): ScanResult {
  return {
    version: 2, root: '/w',
    integrations: [finding('src/a.ts', 3), finding('src/a.ts', 9), finding('src/z.ts', 1)],
    dependencies: [finding('package.json', 12, { ...declaration, library: 'axios' })],
    configuration: [finding('.env', 1, { ...declaration, library: 'dotenv' }), finding('.env', 4, { ...declaration, library: 'dotenv' })],
    services: [{ id: 'env:A', name: 'A', kind: 'http', keyedBy: 'env', envVars: ['A'], hosts: [], integrations: [2, 0], dependencies: [0], configuration: [1] }],
    skipped: [], stats: { files: 5, parsedFiles: 2, bytes: 0, durationMs: 0 },
  };
}


test('allFindings: sites and evidence in one list, in file order (what `integrations` held before the split)', () => {
  assert.deepEqual(where(allFindings(scan())), ['.env:1 dotenv', '.env:4 dotenv', 'package.json:12 axios', 'src/a.ts:3 fetch', 'src/a.ts:9 fetch', 'src/z.ts:1 fetch']);
});

test('serviceFindings: a service\'s sites, dependencies and configuration, in file order; the result is not changed', () => {
  const result = scan();
  const before = JSON.stringify(result);
  assert.deepEqual(where(serviceFindings(result, result.services[0])), ['.env:4 dotenv', 'package.json:12 axios', 'src/a.ts:3 fetch', 'src/z.ts:1 fetch']);
  assert.equal(JSON.stringify(result), before);
});

/** The one service of SHOP, with its findings from each list. */
function payments(result: ScanResult) {
  const service = result.services.find((s) => s.envVars.includes('PAYMENTS_URL'));
  assert.ok(service, `a PAYMENTS_URL service in ${JSON.stringify(result.services)}`);
  return {
    service,
    sites: where(service.integrations.map((i) => result.integrations[i])),
    dependencies: where(service.dependencies.map((i) => result.dependencies[i])),
    configuration: where(service.configuration.map((i) => result.configuration[i])),
  };
}

test('a package.json dependency and a .env URL key are evidence: in `dependencies` / `configuration`, not in `integrations`, tied to the code\'s service', async () => {
  const root = await workspace(SHOP);
  const inventory = new WorkspaceInventory(root);
  try {
    const result = await inventory.scanAll();
    assert.equal(result.version, 2);
    assert.deepEqual(where(result.integrations), ['src/pay.ts:2 axios']);
    assert.deepEqual(where(result.dependencies), ['package.json:4 axios']);
    assert.deepEqual(where(result.configuration), ['.env:2 dotenv']);
    assert.deepEqual([result.dependencies[0].role, result.configuration[0].role], ['declaration', 'declaration']);
    const { service, sites, dependencies, configuration } = payments(result);
    assert.deepEqual([sites, dependencies, configuration], [['src/pay.ts:2 axios'], ['package.json:4 axios'], ['.env:2 dotenv']]);
    assert.equal(result.services.length, 1, 'one service: the call, the dependency and the .env key');
    assert.deepEqual(service.hosts, ['payments.example.com'], 'the .env value still gives the service its host');
    for (const finding of [...result.integrations, ...result.dependencies, ...result.configuration]) assert.equal(finding.service, service.id);
  } finally {
    inventory.dispose();
    await rm(root, { recursive: true, force: true });
  }
});

test('a .env key no code reads is still a service of its own (health checks it), made of configuration only', async () => {
  const root = await workspace({ ...SHOP, '.env': 'PAYMENTS_URL=https://payments.example.com\nSEARCH_URL=https://search.example.com\n' });
  const inventory = new WorkspaceInventory(root);
  try {
    const result = await inventory.scanAll();
    const search = result.services.find((s) => s.envVars.includes('SEARCH_URL'));
    assert.ok(search);
    assert.deepEqual([search.integrations, search.dependencies, where(search.configuration.map((i) => result.configuration[i]))], [[], [], ['.env:2 dotenv']]);
  } finally {
    inventory.dispose();
    await rm(root, { recursive: true, force: true });
  }
});

test('incremental updates carry the lists: an edited .env and a deleted package.json', async () => {
  const root = await workspace(SHOP);
  const inventory = new WorkspaceInventory(root);
  try {
    await inventory.scanAll();
    const edited = await inventory.update([{ path: path.join(root, '.env'), text: 'PAYMENTS_URL=https://pay2.example.com\nPORT=3000\n' }]);
    assert.deepEqual(where(edited.configuration), ['.env:1 dotenv']);
    assert.deepEqual(payments(edited).service.hosts, ['pay2.example.com']);
    assert.deepEqual(where(edited.integrations), ['src/pay.ts:2 axios']);
    const deleted = await inventory.update([{ path: path.join(root, 'package.json'), deleted: true }]);
    assert.deepEqual(deleted.dependencies, []);
    assert.deepEqual(payments(deleted).dependencies, []);
    assert.deepEqual(payments(deleted).configuration, ['.env:1 dotenv']);
  } finally {
    inventory.dispose();
    await rm(root, { recursive: true, force: true });
  }
});

// `--require tsx/cjs`: under Node 20 a worker started with `--import tsx` does not load .ts files.
const WORKER = { workerScript: path.resolve(__dirname, '../../../src/core/detection/scanWorker.ts'), execArgv: ['--require', 'tsx/cjs'] };
const comparable = (result: ScanResult) => ({ ...result, stats: { ...result.stats, durationMs: 0 } });

test('across a worker thread (the extension host\'s inventory worker) the lists arrive as in-process, on scans and updates', async () => {
  const root = await workspace(SHOP);
  const local = new WorkspaceInventory(root);
  const client = new ScanWorkerClient(root, WORKER);
  try {
    const expected = comparable(await local.scanAll());
    assert.deepEqual(where(expected.dependencies), ['package.json:4 axios']);
    assert.deepEqual(comparable(await client.scanAll()), expected);
    const update = [{ path: path.join(root, '.env'), text: 'PAYMENTS_URL=https://pay2.example.com\n' }];
    const updated = comparable(await client.update(update));
    assert.deepEqual(updated, comparable(await local.update(update)));
    assert.deepEqual(payments(updated).configuration, ['.env:1 dotenv']);
  } finally {
    local.dispose();
    client.dispose();
    await rm(root, { recursive: true, force: true });
  }
});

test('a file\'s analysis, as the cold-scan pool posts it, is plain data with its dependencies and configuration', async () => {
  const root = await workspace(SHOP);
  try {
    for (const file of ['package.json', '.env']) {
      const posted = await analyzePath(root, file, 1024 * 1024);
      assert.deepEqual(structuredClone(posted), posted);
      assert.equal(posted.analysis.dependencies.length + posted.analysis.configuration.length, 1, file);
      assert.deepEqual(posted.analysis.integrations, []);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
