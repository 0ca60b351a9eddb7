/**
 * The language server as a process, over stdio (the extension uses node IPC; the protocol is
 * the same): diagnostics on open and change, per-resource settings re-read on change, the
 * env index refreshed by watched-file events, completion, and Red Hat YAML mode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest, ConfigurationRequest, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType, InitializedNotification,
  InitializeRequest, RegistrationRequest, type CompletionList, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { YamlExtensionChangedNotification } from '../../../src/shared/protocol';
import { ServerProcess } from '../server/serverProcess';


test('the server over stdio: diagnostics, settings, env changes, completion, Red Hat YAML mode', { timeout: 120_000 }, async () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'io-server-'));
  const server = new ServerProcess();
  const { connection, published } = server;
  let settings: Record<string, unknown> = { config: { validate: true, checkEnvReferences: true } };
  const configurationRequests: string[] = [];
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => {
    configurationRequests.push(item.scopeUri ?? '');
    return settings;
  }));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.listen();

  const diagnosticsFor = (uri: string, accept: (p: PublishDiagnosticsParams) => boolean) => server.diagnosticsFor(uri, accept);

  try {
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'w' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true } },
      initializationOptions: { redHatYamlActive: false },
    });
    assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.codeActionProvider && init.capabilities.documentSymbolProvider);
    await connection.sendNotification(InitializedNotification.type, {});

    const file = path.join(workspace, 'integration-config.yml');
    const uri = pathToFileURL(file).href;
    const broken = 'version: 1\nintegrations:\n  - name: a\n    target: { type: rest, endpoint: "${API_URL}" }\n    resilience: { policy: nope }\n';
    writeFileSync(file, broken);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: broken } });
    const first = await diagnosticsFor(uri, (p) => p.version === 1);
    assert.deepEqual(first.diagnostics.map((d) => d.code).sort(), ['undefined-env', 'unknown-policy']);
    assert.equal(first.diagnostics[0]!.source, 'integration-orchestrator');
    assert.ok(configurationRequests.includes(uri), 'settings are read for the resource');

    // A quick series of edits: only the last version gets diagnostics (debounced).
    for (let version = 2; version <= 4; version++) {
      const text = broken.replace('nope', version === 4 ? 'default' : `nope${version}`) + (version === 4 ? 'policies:\n  default:\n    timeout: 1s\n' : '');
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    const edited = await diagnosticsFor(uri, (p) => p.version === 4);
    assert.deepEqual(edited.diagnostics.map((d) => d.code), ['undefined-env']);
    assert.ok(!published.some((p) => p.version === 2 || p.version === 3), 'superseded versions are not validated');

    writeFileSync(path.join(workspace, '.env'), 'API_URL=https://api.example\n');
    await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(workspace, '.env')).href, type: FileChangeType.Created }] });
    await diagnosticsFor(uri, (p) => p.version === 4 && p.diagnostics.length === 0);

    const completion = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 4 } }) as CompletionList;
    assert.ok(completion.items.some((item) => item.label === 'sync'), JSON.stringify(completion.items.map((i) => i.label)));

    await connection.sendNotification(YamlExtensionChangedNotification, { redHatYamlActive: true });
    const silent = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 4 } }) as CompletionList;
    assert.deepEqual(silent.items, []);

    settings = { config: { validate: false } };
    const before = published.length;
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 5 }, contentChanges: [{ text: broken }] });
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await diagnosticsFor(uri, (p) => p.version === 5 && p.diagnostics.length === 0);
    assert.ok(published.length > before);

    assert.equal(await server.shutdown(), 0, server.stderr);
  } finally {
    server.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
});
