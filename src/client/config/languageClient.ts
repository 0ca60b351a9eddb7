/**
 * Starts the language client for integration-config files. The server (dist/server.js) runs
 * in its own process over node IPC; its log goes to the extension's LogOutputChannel. Started
 * after activate() returns, so activation stays fast.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { YamlExtensionChangedNotification, type ServerInitializationOptions, type YamlExtensionChangedParams } from '../../shared/protocol';
import type { ExtensionCtx } from '../context';

export const RED_HAT_YAML_ID = 'redhat.vscode-yaml';

/** The config files, as package.json's `yamlValidation` and the server's own check name them. */
export const CONFIG_DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml', pattern: '**/integration-config.{yml,yaml}' },
  { scheme: 'file', language: 'yaml', pattern: '**/*.integration.{yml,yaml}' },
];

/** Files whose changes the server must hear about: env names come from them. */
const WATCHED = ['**/.env*', '**/*.env', '**/{docker-compose,compose}*.{yml,yaml}'];

/**
 * Red Hat YAML gives JSON Schema completion and hover for these files (through our
 * `yamlValidation`) as soon as it is enabled, whether or not it has activated yet.
 */
function redHatYamlEnabled(): boolean {
  return vscode.extensions.getExtension(RED_HAT_YAML_ID) !== undefined;
}

export function startConfigLanguageClient(ctx: ExtensionCtx): LanguageClient {
  const module = ctx.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: ServerInitializationOptions = { redHatYamlActive: redHatYamlEnabled() };
  const clientOptions: LanguageClientOptions = {
    documentSelector: CONFIG_DOCUMENT_SELECTOR,
    outputChannel: ctx.log.outputChannel,
    synchronize: { fileEvents: WATCHED.map((glob) => ctx.own(vscode.workspace.createFileSystemWatcher(glob))) },
    initializationOptions,
  };
  const client = new LanguageClient('integrationOrchestrator', 'Integration Orchestrator', serverOptions, clientOptions);
  ctx.languageClient = client;
  let disposed = false;
  ctx.own({
    dispose: () => {
      disposed = true;
      if (ctx.languageClient === client) ctx.languageClient = undefined;
      void client.dispose().catch(() => undefined);
    },
  });

  let redHat = initializationOptions.redHatYamlActive;
  ctx.own(vscode.extensions.onDidChange(() => {
    const now = redHatYamlEnabled();
    if (now === redHat) return;
    redHat = now;
    if (client.isRunning()) void client.sendNotification(YamlExtensionChangedNotification, { redHatYamlActive: now } satisfies YamlExtensionChangedParams);
  }));

  // Forking the server is not activation's business: start on the next turn, never awaited.
  setTimeout(() => {
    if (disposed) return;
    client.start().catch((error: unknown) => {
      ctx.log.error(`the config language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, 0);
  return client;
}
