/** The resilience feature's settings, read in one place (names as declared in package.json). */
import * as vscode from 'vscode';

export const SETTING_SECTION = 'integrationOrchestrator.resilience';
export const SEVERITY_SETTING = `${SETTING_SECTION}.diagnosticSeverity`;
export const MODULE_PATH_SETTING = `${SETTING_SECTION}.modulePath`;

const SEVERITIES: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The severity of bare-call diagnostics in a folder, or undefined for `off`. Unknown values count as the default, `hint`. */
export function diagnosticSeverity(scope: vscode.Uri | undefined): vscode.DiagnosticSeverity | undefined {
  const value = vscode.workspace.getConfiguration(SETTING_SECTION, scope).get<unknown>('diagnosticSeverity');
  if (value === 'off') return undefined;
  return typeof value === 'string' && value in SEVERITIES ? SEVERITIES[value] : vscode.DiagnosticSeverity.Hint;
}

/** The module path relative to the project, or undefined for the default (an existing module, else src/integrations/resilience.ts|js). */
export function modulePathSetting(scope: vscode.Uri | undefined): string | undefined {
  const value = vscode.workspace.getConfiguration(SETTING_SECTION, scope).get<unknown>('modulePath');
  return typeof value === 'string' && /\.(ts|js|mjs|cjs)$/.test(value.trim()) && !value.trim().startsWith('/') ? value.trim() : undefined;
}
