/** Waiting on the config server's diagnostics through VS Code's change event, with a deadline. */
import * as vscode from 'vscode';
import { WaitTimeoutError } from '../waitFor';

/** `source` of every diagnostic the config language server publishes. */
export const CONFIG_SOURCE = 'integration-orchestrator';

export function configDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === CONFIG_SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** A compact description of the current diagnostics, for timeout messages. */
export function describe(uri: vscode.Uri): string {
  return JSON.stringify(configDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`));
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds for them, re-checking on every
 * `onDidChangeDiagnostics` that names `uri`; rejects after `timeoutMs`.
 */
export function waitForDiagnostics(uri: vscode.Uri, what: string, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  if (predicate(configDiagnostics(uri))) return Promise.resolve(configDiagnostics(uri));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new WaitTimeoutError(`${what} (now: ${describe(uri)})`, timeoutMs));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const current = configDiagnostics(uri);
      if (!predicate(current)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(current);
    });
  });
}
