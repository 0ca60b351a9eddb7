/**
 * The New Integration wizard as a WebviewPanel: strict CSP with a nonce, resources only from
 * dist/webview and media, one panel at a time. Messages are validated with the shared zod
 * schemas on arrival (and before sending). The webview keeps its own state with setState, so
 * the panel needs no retainContextWhenHidden; a window reload brings it back through the
 * serializer registered in registerWizard.ts.
 */
import * as vscode from 'vscode';
import { WizardToHostSchema, WizardToWebviewSchema, type WizardToWebview } from '../../shared/protocol';
import type { ExtensionCtx } from '../context';
import { preview, readWorkspacePolicies, write } from './backend';
import { makeNonce, wizardHtml } from './html';

export const WIZARD_VIEW_TYPE = 'integrationOrchestrator.wizard';

/** Options of the panel's webview; also what the serializer must restore with. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The folder files are written to: the active editor's folder, else the first one. */
export function targetFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** Asks (modally) before overwriting existing files. */
export async function confirmOverwrite(conflicts: string[]): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `Overwrite ${conflicts.length} existing file${conflicts.length === 1 ? '' : 's'}?`,
    { modal: true, detail: `${conflicts.join('\n')}\n\nThe preview shows what would change. Your version is replaced.` },
    'Overwrite',
  );
  return choice === 'Overwrite';
}

/** Opens what was written (code first), without taking focus from the wizard. */
export async function openWritten(folder: vscode.WorkspaceFolder, written: string[]): Promise<void> {
  for (const file of written.slice(0, 12)) {
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, file), { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  }
}

export class WizardPanel implements vscode.Disposable {
  private static current: WizardPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly abort = new AbortController();

  /** Reveals the wizard, creating it if needed. */
  static show(ctx: ExtensionCtx): WizardPanel {
    if (WizardPanel.current) {
      WizardPanel.current.panel.reveal();
      return WizardPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(WIZARD_VIEW_TYPE, 'New Integration', vscode.ViewColumn.Active, webviewOptions(ctx.extension.extensionUri));
    return new WizardPanel(ctx, panel);
  }

  /** Adopts a panel VS Code restored after a reload. */
  static revive(ctx: ExtensionCtx, panel: vscode.WebviewPanel): WizardPanel {
    WizardPanel.current?.dispose();
    return new WizardPanel(ctx, panel);
  }

  private constructor(private readonly ctx: ExtensionCtx, readonly panel: vscode.WebviewPanel) {
    WizardPanel.current = this;
    const { webview } = panel;
    const extensionUri = ctx.extension.extensionUri;
    webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'integrations.svg');
    webview.html = wizardHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'wizard.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'wizard.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => { void this.onMessage(message); }),
      panel.onDidDispose(() => this.dispose()),
    );
    ctx.own(this);
  }

  private post(message: WizardToWebview): void {
    void this.panel.webview.postMessage(WizardToWebviewSchema.parse(message));
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = WizardToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.ctx.log.warn(`wizard: ignored a message that does not match the protocol: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const message = parsed.data;
    const folder = targetFolder();
    const root = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
    try {
      switch (message.type) {
        case 'wizard/ready': {
          const policies = await readWorkspacePolicies(root);
          this.post({ type: 'wizard/init', policies, ...(folder && root ? { workspace: { name: folder.name } } : {}) });
          break;
        }
        case 'wizard/preview':
          this.post({ type: 'wizard/previewResult', requestId: message.requestId, result: await preview(root, message.request) });
          break;
        case 'wizard/write': {
          const result = await write(root, message.request, confirmOverwrite, this.abort.signal);
          this.post({ type: 'wizard/writeResult', requestId: message.requestId, result });
          if (result.ok && folder) {
            this.ctx.log.info(`wizard: wrote ${result.written.length} files for ${message.request.name}`);
            await openWritten(folder, result.written);
          }
          break;
        }
      }
    } catch (error) {
      this.ctx.log.error(`wizard: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    if (WizardPanel.current === this) WizardPanel.current = undefined;
    this.abort.abort();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }
}
