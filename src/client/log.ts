import * as vscode from 'vscode';

/**
 * The one log of the extension. Everything goes through a single LogOutputChannel so users
 * can set its level from the UI; errors reveal the channel once so they are not missed.
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Integration Orchestrator', { log: true });
  private revealedOnError = false;

  get outputChannel(): vscode.LogOutputChannel {
    return this.channel;
  }

  trace(message: string, ...args: unknown[]): void { this.channel.trace(message, ...args); }
  debug(message: string, ...args: unknown[]): void { this.channel.debug(message, ...args); }
  info(message: string, ...args: unknown[]): void { this.channel.info(message, ...args); }
  warn(message: string, ...args: unknown[]): void { this.channel.warn(message, ...args); }

  error(message: string | Error, ...args: unknown[]): void {
    this.channel.error(message, ...args);
    if (!this.revealedOnError) {
      this.revealedOnError = true;
      this.channel.show(true);
    }
  }

  show(): void { this.channel.show(); }

  dispose(): void { this.channel.dispose(); }
}
