/**
 * LSP wiring of the config features: which request goes to which plain class, debounced
 * diagnostics, per-resource settings, and the env index kept fresh by file watching.
 * The language logic lives in the classes; this file only connects them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CodeActionKind, type Connection, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isConfigFileName } from '../../core/config/configFiles';
import { isComposeFileName, isEnvFileName } from '../../core/config/envFile';
import { buildJsonSchema } from '../../core/config/jsonSchema';
import type { ServerState } from '../serverState';
import { WorkspaceEnvIndex } from '../workspaceEnvIndex';
import { ConfigCodeActions } from './codeActions';
import { ConfigCompletion } from './completion';
import { ConfigDiagnosticsProvider } from './configDiagnostics';
import { SettingsStore } from './configSettings';
import { Debouncer } from './debouncer';
import { ConfigHover } from './hover';
import { ParsedDocuments } from './parsedDocuments';
import { ConfigSymbols } from './symbols';
import { pathToUri, uriToPath } from './uri';

/** Delay after the last keystroke before a document is validated again. */
const DIAGNOSTICS_DEBOUNCE_MS = 200;

/** The files this server treats as integration configs (the client's document selector, checked again). */
export function isConfigUri(uri: string): boolean {
  let name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // A malformed escape: match the name as written.
  }
  return isConfigFileName(name);
}

export const configCapabilities: ServerCapabilities = {
  // Not space: indenting a line would pop up key lists at every keystroke.
  completionProvider: { triggerCharacters: [':', '{', '$', '-'], resolveProvider: false },
  hoverProvider: true,
  documentSymbolProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
};

export interface ConfigFeatures {
  /** Validates every open config document again (after settings, env or inventory changes). */
  revalidateAll(): void;
}

export function registerConfigFeatures(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState): ConfigFeatures {
  const schema = buildJsonSchema();
  const parsed = new ParsedDocuments();
  const env = new WorkspaceEnvIndex();
  const settings = new SettingsStore(async (uri) => (state.configurationSupported
    ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'integrationOrchestrator' })
    : undefined));
  const redHat = () => state.redHatYamlActive;
  const envNamesFor = (uriOrPath: string) => env.namesFor(uriToPath(uriOrPath) ?? uriOrPath);

  const diagnostics = new ConfigDiagnosticsProvider({
    parsed,
    envNamesFor,
    settings: (uri) => settings.get(uri),
    inventory: { targetsFor: (uri) => state.inventoryFor(uriToPath(uri)) },
    redHatYamlActive: redHat,
  });
  const completion = new ConfigCompletion({ schema, parsed, envNamesFor, redHatYamlActive: redHat });
  const hover = new ConfigHover({ schema, parsed, envNamesFor, redHatYamlActive: redHat });
  const symbols = new ConfigSymbols(parsed);
  const codeActions = new ConfigCodeActions({
    parsed,
    envNamesFor,
    workspaceRootFor: (file) => env.rootFor(file),
    readText: async (file) => documents.get(pathToUri(file))?.getText() ?? readFile(file, 'utf8').catch(() => undefined),
  });

  const debouncer = new Debouncer();
  const validated = new Set<string>();
  const validate = async (document: TextDocument) => {
    try {
      const result = await diagnostics.diagnose(document);
      // Publish only for the version validated: a newer one has its own run scheduled.
      if (documents.get(document.uri)?.version !== document.version) return;
      await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result });
    } catch (error) {
      connection.console.error(`config validation failed for ${path.basename(document.uri)}: ${error instanceof Error ? error.name : 'error'}`);
    }
  };
  const schedule = (document: TextDocument, delay: number) => debouncer.schedule(document.uri, delay, () => void validate(document));
  const revalidateAll = () => {
    for (const document of documents.all()) if (isConfigUri(document.uri)) schedule(document, 0);
  };

  documents.onDidChangeContent(({ document }) => {
    if (!isConfigUri(document.uri)) return;
    const first = !validated.has(document.uri);
    validated.add(document.uri);
    schedule(document, first ? 0 : DIAGNOSTICS_DEBOUNCE_MS);
  });
  documents.onDidClose(({ document }) => {
    debouncer.cancel(document.uri);
    validated.delete(document.uri);
    parsed.forget(document.uri);
    settings.forget(document.uri);
    if (isConfigUri(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    return document && isConfigUri(document.uri) ? { isIncomplete: false, items: await completion.complete(document, position) } : null;
  });
  connection.onHover(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    return document && isConfigUri(document.uri) ? hover.hover(document, position) : null;
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    // Red Hat YAML gives an outline of every YAML file: one is enough.
    return document && isConfigUri(document.uri) && !state.redHatYamlActive ? symbols.symbols(document) : null;
  });
  connection.onCodeAction(async ({ textDocument, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document || !isConfigUri(document.uri)) return null;
    if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return null;
    return codeActions.actions(document, context.diagnostics);
  });

  state.initialized.on(() => env.setFolders(state.folders));
  state.foldersChanged.on(() => {
    env.setFolders(state.folders);
    revalidateAll();
  });
  state.configurationChanged.on(() => {
    settings.clear();
    revalidateAll();
  });
  state.watchedFilesChanged.on(({ changes }) => {
    const envChanged = changes.some(({ uri }) => {
      const name = path.basename(uriToPath(uri) ?? uri);
      return isEnvFileName(name) || isComposeFileName(name);
    });
    if (!envChanged) return;
    env.invalidate();
    revalidateAll();
  });
  state.contextChanged.on(revalidateAll);
  return { revalidateAll };
}
