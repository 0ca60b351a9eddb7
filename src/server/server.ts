/**
 * The language server: validates integration-config files and runs the detection engine
 * (for the config checks) off the extension host. It never imports `vscode` and never writes
 * to stdout: node IPC carries the protocol; logs go through `connection.console` to the
 * extension's log.
 */
import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { YamlExtensionChangedNotification, type YamlExtensionChangedParams } from '../shared/protocol';
import { configCapabilities, registerConfigFeatures } from './config/registerConfigFeatures';
import { registerInventory } from './inventory';
import { uriToPath } from './config/uri';
import { ServerState } from './serverState';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const state = new ServerState();

connection.onInitialize((params) => {
  state.init(params);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      ...configCapabilities,
    },
  };
});

// Notifications with a single handler each, fanned out through `state` to every feature area.
connection.onInitialized(() => {
  if (state.dynamicConfigurationRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'integrationOrchestrator' });
  }
  if (state.workspaceFoldersSupported) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => uriToPath(folder.uri)));
      const added = event.added.map((folder) => uriToPath(folder.uri)).filter((folder): folder is string => folder !== undefined);
      state.folders = [...state.folders.filter((folder) => !removed.has(folder)), ...added];
      state.foldersChanged.fire();
    });
  }
  state.initialized.fire();
});
connection.onDidChangeConfiguration(() => state.configurationChanged.fire());
connection.onDidChangeWatchedFiles((params) => state.watchedFilesChanged.fire(params));
connection.onNotification(YamlExtensionChangedNotification, (params: YamlExtensionChangedParams) => {
  state.redHatYamlActive = params.redHatYamlActive === true;
  state.contextChanged.fire();
});

registerConfigFeatures(connection, documents, state);

// Detection: scans each folder in the background and feeds the config check "target not in
// inventory" with `state.setInventory(folder, targets)`; it gets watched-file and settings changes
// from `state.watchedFilesChanged` / `state.configurationChanged` (vscode-languageserver allows
// one handler per notification; those fan out).
registerInventory(connection, documents, state);

documents.listen(connection);
connection.listen();
