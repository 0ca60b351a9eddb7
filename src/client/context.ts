import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Log } from './log';

/**
 * Owns the extension's two lifetimes of disposables (as rust-analyzer's `Ctx` does):
 * `subscriptions` live as long as the extension; features register theirs here so
 * nothing is left behind on deactivate.
 */
export class ExtensionCtx implements vscode.Disposable {
  readonly log = new Log();
  /** The language server's client once started (config files; send it requests from other features). */
  languageClient: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    extension.subscriptions.push(this);
  }

  /** Registers something to be disposed with the extension; returns it for chaining. */
  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  asAbsolutePath(relative: string): string {
    return this.extension.asAbsolutePath(relative);
  }

  dispose(): void {
    while (this.disposables.length > 0) {
      try {
        this.disposables.pop()?.dispose();
      } catch (error) {
        this.log.warn(`dispose failed: ${String(error)}`);
      }
    }
    this.log.dispose();
  }
}
