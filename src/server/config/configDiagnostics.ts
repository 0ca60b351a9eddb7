/** Diagnostics for one config document: the core validator given the workspace's context. */
import type { Diagnostic } from 'vscode-languageserver';
import type { InventoryTarget } from '../../core/config/checks/checkContext';
import { validateConfig } from '../../core/config/validate';
import type { ConfigSettings } from './configSettings';
import { toLspDiagnostic } from './lspConvert';
import type { ParsedDocuments, VersionedText } from './parsedDocuments';
import { uriToPath } from './uri';

/** Where the detected inventory comes from (the detection side sets it; undefined = not known yet). */
export interface InventoryHook {
  targetsFor(uri: string): readonly InventoryTarget[] | undefined;
}

export interface ConfigDiagnosticsDeps {
  parsed: ParsedDocuments;
  envNamesFor(file: string): Promise<ReadonlySet<string>>;
  settings(uri: string): Promise<ConfigSettings>;
  inventory: InventoryHook;
  redHatYamlActive(): boolean;
}

export class ConfigDiagnosticsProvider {
  constructor(private readonly deps: ConfigDiagnosticsDeps) {}

  async diagnose(document: VersionedText): Promise<Diagnostic[]> {
    const settings = await this.deps.settings(document.uri);
    if (!settings.validate) return [];
    const file = uriToPath(document.uri);
    const workspaceEnv = settings.checkEnvReferences && file ? await this.deps.envNamesFor(file) : undefined;
    const text = document.getText();
    const maxLength = settings.maxFileSizeKB * 1024;
    const diagnostics = validateConfig(text, {
      uri: document.uri,
      workspaceEnv,
      inventoryTargets: this.deps.inventory.targetsFor(document.uri),
      maxLength,
      report: settings.schemaDiagnostics === 'auto' && this.deps.redHatYamlActive() ? 'custom' : 'all',
      parsed: text.length <= maxLength ? this.deps.parsed.get(document) : undefined,
    });
    return diagnostics.map(toLspDiagnostic);
  }
}
