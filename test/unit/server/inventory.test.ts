/**
 * The server's inventory hook: which scanned services become targets of the config check
 * "target not found in the detected inventory", the per-folder scanner (real engine, temp
 * folders), and the whole loop in the server process over stdio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, DidChangeWatchedFilesNotification, DidChangeWorkspaceFoldersNotification, DidOpenTextDocumentNotification,
  FileChangeType, InitializedNotification, InitializeRequest, RegistrationRequest, type PublishDiagnosticsParams, type RegistrationParams,
} from 'vscode-languageserver/node';
import type { InventoryTarget } from '../../../src/core/config/checks/checkContext';
import { scanFolder } from '../../../src/core/detection/index';
import type { Integration, ScanResult } from '../../../src/core/detection/types';
import { affectsInventory, FolderScanner, readScanSettings, type ScanSettings } from '../../../src/server/inventory';
import { inventoryTargets } from '../../../src/server/inventoryTargets';
import { ServerProcess } from './serverProcess';

const root = path.resolve(__dirname, '../../..');

function finding(file: string, extra: Partial<Integration>): Integration {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 2, kind: 'http', library: 'fetch', role: 'call', direction: 'outbound', test: false, ...extra };
}

function result(integrations: Integration[], services: ScanResult['services'], evidence: Pick<ScanResult, 'dependencies' | 'configuration'> = { dependencies: [], configuration: [] }): ScanResult {
  const files = integrations.length + evidence.dependencies.length + evidence.configuration.length;
  return { version: 2, root: '/w', integrations, ...evidence, services, skipped: [], stats: { files, parsedFiles: 0, bytes: 0, durationMs: 0 } };
}

const dotenv = { library: 'dotenv', role: 'declaration', direction: 'declaration' } as const;

test('targets: code and compose/k8s workloads count; services known only from .env or manifests do not', () => {
  const scan = result([
    finding('src/pay.ts', { envVars: ['PAYMENTS_URL'] }),
    finding('docker-compose.yml', { kind: 'container', library: 'docker-compose', role: 'declaration', direction: 'declaration', declaredService: 'db' }),
    finding('src/orders.py', { kind: 'database', library: 'psycopg', host: 'db', envVars: ['ORDERS_DSN'] }),
    finding('src/stripe.ts', { library: 'stripe', host: 'api.stripe.com' }),
  ], [
    { id: 'compose:db', name: 'db', kind: 'database', keyedBy: 'compose', envVars: ['ORDERS_DSN'], hosts: [], integrations: [1, 2], dependencies: [], configuration: [] },
    { id: 'env:PAYMENTS_URL', name: 'PAYMENTS_URL', kind: 'http', keyedBy: 'env', envVars: ['PAYMENTS_URL'], hosts: ['pay.example'], integrations: [0], dependencies: [], configuration: [0] },
    { id: 'env:SEARCH_URL', name: 'SEARCH_URL', kind: 'http', keyedBy: 'env', envVars: ['SEARCH_URL'], hosts: [], integrations: [], dependencies: [], configuration: [1] },
    { id: 'host:api.stripe.com', name: 'api.stripe.com', kind: 'http', keyedBy: 'host', envVars: [], hosts: ['api.stripe.com'], integrations: [3], dependencies: [], configuration: [] },
    { id: 'library:ioredis', name: 'ioredis', kind: 'cache', keyedBy: 'library', envVars: [], hosts: [], integrations: [], dependencies: [0], configuration: [] },
  ], {
    dependencies: [finding('package.json', { kind: 'cache', library: 'ioredis', role: 'declaration', direction: 'declaration' })],
    configuration: [
      finding('.env', { ...dotenv, envVars: ['PAYMENTS_URL'], host: 'pay.example' }),
      finding('.env.example', { ...dotenv, envVars: ['SEARCH_URL'] }),
    ],
  });
  assert.deepEqual(inventoryTargets(scan), [
    // A compose service is reached at its name: it is a host as well as the target's name.
    { envVars: ['ORDERS_DSN'], hosts: ['db'], name: 'db' },
    // The host came from .env, but code reads the same variable: the service is in use.
    { envVars: ['PAYMENTS_URL'], hosts: ['pay.example'] },
    { envVars: [], hosts: ['api.stripe.com'] },
  ]);
});

test('targets: a folder with no evidence at all has no inventory (the check stays off)', () => {
  const envOnly = result([], [{ id: 'env:A_URL', name: 'A_URL', kind: 'http', keyedBy: 'env', envVars: ['A_URL'], hosts: [], integrations: [], dependencies: [], configuration: [0] }],
    { dependencies: [], configuration: [finding('.env', { ...dotenv, envVars: ['A_URL'] })] });
  assert.equal(inventoryTargets(envOnly), undefined);
  assert.equal(inventoryTargets(result([], [])), undefined);
});

test('targets of the extension suite\'s fixture workspace, from a real scan', async () => {
  const scan = await scanFolder(path.join(root, 'test/fixtures/config-workspace'));
  assert.deepEqual(inventoryTargets(scan), [
    { envVars: [], hosts: ['db'], name: 'db' },
    { envVars: ['PAYMENTS_URL'], hosts: [] },
  ]);
});

test('which changed files trigger a scan of a folder', () => {
  const folder = path.join(path.sep, 'w', 'app');
  const at = (...parts: string[]) => path.join(folder, ...parts);
  assert.equal(affectsInventory(folder, at('src', 'pay.ts')), true);
  assert.equal(affectsInventory(folder, at('docker-compose.yml')), true);
  assert.equal(affectsInventory(folder, at('k8s', 'deploy.yaml')), true);
  assert.equal(affectsInventory(folder, at('package.json')), true);
  assert.equal(affectsInventory(folder, at('integration-config.yml')), false, 'config files hold no findings');
  assert.equal(affectsInventory(folder, at('payments.integration.yaml')), false);
  assert.equal(affectsInventory(folder, at('node_modules', 'axios', 'index.js')), false);
  assert.equal(affectsInventory(folder, at('dist', 'extension.js')), false);
  assert.equal(affectsInventory(folder, at('README.md')), false);
  assert.equal(affectsInventory(folder, path.join(path.sep, 'w', 'other', 'a.ts')), false, 'another folder');
});

test('scan settings are read tolerantly', () => {
  assert.deepEqual(readScanSettings({ exclude: ['gen/**', 3], maxFileSizeKB: 64 }), { exclude: ['gen/**'], maxFileSizeKB: 64 });
  assert.deepEqual(readScanSettings({ exclude: 'x', maxFileSizeKB: -1 }), { exclude: [] });
  assert.deepEqual(readScanSettings(undefined), { exclude: [] });
});

interface Published { folder: string; targets: readonly InventoryTarget[] }

function scannerOn(folder: string, settings: () => ScanSettings = () => ({ exclude: [] })) {
  const published: Published[] = [];
  const errors: unknown[] = [];
  const scanner = new FolderScanner(folder, {
    settings: async () => settings(),
    publish: (dir, targets) => published.push({ folder: dir, targets }),
    error: (_dir, error) => errors.push(error),
  });
  return { scanner, published, errors };
}

test('FolderScanner: publishes on change only, coalesces requests, honours exclude, cancels on dispose', { timeout: 60_000 }, async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'io-inventory-'));
  try {
    writeFileSync(path.join(folder, 'integration-config.yml'), 'version: 1\n');
    let settings: ScanSettings = { exclude: [] };
    const { scanner, published, errors } = scannerOn(folder, () => settings);
    await scanner.scan();
    assert.equal(published.length, 0, 'a config-only folder publishes no inventory');

    mkdirSync(path.join(folder, 'src'));
    writeFileSync(path.join(folder, 'src', 'pay.ts'), 'export const pay = () => fetch(`${process.env.PAYMENTS_URL}/pay`);\n');
    await scanner.scan();
    assert.deepEqual(published, [{ folder, targets: [{ envVars: ['PAYMENTS_URL'], hosts: [] }] }]);
    await scanner.scan();
    assert.equal(published.length, 1, 'the same targets are not published again');

    // Three requests while a scan runs: one more scan after it, which sees the last state.
    writeFileSync(path.join(folder, 'src', 'search.ts'), "import axios from 'axios';\nexport const find = () => axios.get('https://search.example.com/q');\n");
    await Promise.all([scanner.scan(), scanner.scan(), scanner.scan()]);
    assert.equal(published.length, 2);
    assert.deepEqual(published[1]!.targets, [{ envVars: ['PAYMENTS_URL'], hosts: [] }, { envVars: [], hosts: ['search.example.com'] }]);

    settings = { exclude: ['src/search.ts'] };
    await scanner.scan();
    assert.deepEqual(published[2]!.targets, [{ envVars: ['PAYMENTS_URL'], hosts: [] }], 'new settings: a new engine honours the exclude');

    writeFileSync(path.join(folder, 'src', 'orders.ts'), 'export const o = () => fetch(process.env.ORDERS_URL!);\n');
    const running = scanner.scan();
    scanner.dispose();
    await running;
    assert.equal(published.length, 3, 'a disposed scanner publishes nothing more');
    await scanner.scan();
    assert.equal(published.length, 3);
    assert.deepEqual(errors, [], 'cancellation is not an error');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('FolderScanner.scanSoon debounces a burst of file events into one scan', { timeout: 30_000 }, async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'io-inventory-'));
  try {
    let reads = 0;
    const { scanner } = scannerOn(folder, () => { reads++; return { exclude: [] }; });
    for (let i = 0; i < 5; i++) scanner.scanSoon(30);
    const deadline = Date.now() + 10_000;
    while (reads === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await scanner.scan();
    assert.equal(reads, 2, 'one scan for the burst, one for the explicit call');
    scanner.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the server scans the workspace, reports targets no code talks to, and re-scans on file events', { timeout: 120_000 }, async () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'io-server-inventory-'));
  const server = new ServerProcess();
  const { connection } = server;
  const registrations: RegistrationParams[] = [];
  connection.onRequest(RegistrationRequest.type, (params) => { registrations.push(params); });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  connection.listen();

  const diagnosticsFor = (uri: string, what: string, accept: (p: PublishDiagnosticsParams) => boolean) => server.diagnosticsFor(uri, accept, what);
  const inventoryNotes = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'target-not-in-inventory');

  try {
    mkdirSync(path.join(workspace, 'src'));
    writeFileSync(path.join(workspace, 'src', 'pay.ts'), 'export const pay = () => fetch(`${process.env.PAYMENTS_URL}/pay`);\n');
    writeFileSync(path.join(workspace, '.env'), 'PAYMENTS_URL=https://pay.example\nSEARCH_URL=https://search.example\n');
    const file = path.join(workspace, 'integration-config.yml');
    const uri = pathToFileURL(file).href;
    const text = 'version: 1\nintegrations:\n  - name: payments\n    target: { type: rest, endpoint: "${PAYMENTS_URL}" }\n  - name: search\n    target: { type: rest, endpoint: "${SEARCH_URL}" }\n';
    writeFileSync(file, text);

    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'w' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } },
      initializationOptions: { redHatYamlActive: false },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });

    const first = await diagnosticsFor(uri, 'an information on the search target', (p) => inventoryNotes(p).length > 0);
    const [note] = inventoryNotes(first);
    assert.equal(inventoryNotes(first).length, 1, JSON.stringify(first.diagnostics));
    assert.equal(note!.severity, 3, 'Information');
    const column = text.split('\n')[5]!.indexOf('"${SEARCH_URL}"');
    assert.deepEqual(note!.range, { start: { line: 5, character: column }, end: { line: 5, character: column + '"${SEARCH_URL}"'.length } }, 'on the endpoint value');
    assert.match(typeof note!.message === 'string' ? note!.message : note!.message.value, /no code in the workspace was found talking to this target of `search`/);
    const watchers = registrations.flatMap((r) => r.registrations).filter((r) => r.method === DidChangeWatchedFilesNotification.method);
    assert.equal(watchers.length, 1, 'the server asks the client to watch source files');

    // The folder leaves the workspace: its inventory goes with it (the check is off without one);
    // back in the workspace, it is scanned again and the note returns.
    const folder = { uri: pathToFileURL(workspace).href, name: 'w' };
    await connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [folder] } });
    await diagnosticsFor(uri, 'no information once the folder is removed', (p) => inventoryNotes(p).length === 0);
    await connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folder], removed: [] } });
    await diagnosticsFor(uri, 'the information again once the folder is back', (p) => inventoryNotes(p).length === 1);

    const search = path.join(workspace, 'src', 'search.ts');
    writeFileSync(search, 'export const find = (q: string) => fetch(`${process.env.SEARCH_URL}/v1?q=${q}`);\n');
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(search).href, type: FileChangeType.Created }] });
    await diagnosticsFor(uri, 'no information once code talks to search', (p) => p.diagnostics.length === 0);

    assert.equal(await server.shutdown(), 0, server.stderr);
  } finally {
    server.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
});
