/**
 * Settings the config features read per resource (`workspace/configuration` with a scope
 * URI), cached until the client says they changed.
 */

export interface ConfigSettings {
  /** `integrationOrchestrator.config.validate`: report diagnostics at all. */
  validate: boolean;
  /** `integrationOrchestrator.config.checkEnvReferences`: warn on `${VAR}` defined nowhere. */
  checkEnvReferences: boolean;
  /**
   * `integrationOrchestrator.config.schemaDiagnostics`: `auto` leaves syntax and JSON Schema
   * errors to Red Hat YAML when it is active (no duplicates); `always` reports them anyway.
   */
  schemaDiagnostics: 'auto' | 'always';
  /** `integrationOrchestrator.maxFileSizeKB`: larger files are not validated in the editor. */
  maxFileSizeKB: number;
}

export const DEFAULT_CONFIG_SETTINGS: ConfigSettings = {
  validate: true,
  checkEnvReferences: true,
  schemaDiagnostics: 'auto',
  maxFileSizeKB: 1024,
};

/** Reads the `integrationOrchestrator` section tolerantly: wrong types fall back to defaults. */
export function readConfigSettings(section: unknown): ConfigSettings {
  const root = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  const config = (root.config && typeof root.config === 'object' ? root.config : {}) as Record<string, unknown>;
  const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  return {
    validate: bool(config.validate, DEFAULT_CONFIG_SETTINGS.validate),
    checkEnvReferences: bool(config.checkEnvReferences, DEFAULT_CONFIG_SETTINGS.checkEnvReferences),
    schemaDiagnostics: config.schemaDiagnostics === 'always' ? 'always' : 'auto',
    maxFileSizeKB: typeof root.maxFileSizeKB === 'number' && root.maxFileSizeKB > 0 ? root.maxFileSizeKB : DEFAULT_CONFIG_SETTINGS.maxFileSizeKB,
  };
}

/** Per-resource settings with a cache; `clear()` when `workspace/didChangeConfiguration` arrives. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ConfigSettings>>();

  /** `fetch` returns the raw `integrationOrchestrator` section for a resource (or undefined). */
  constructor(private readonly fetch: ((uri: string) => Promise<unknown>) | undefined) {}

  get(uri: string): Promise<ConfigSettings> {
    if (!this.fetch) return Promise.resolve(DEFAULT_CONFIG_SETTINGS);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.fetch(uri).then(readConfigSettings, () => DEFAULT_CONFIG_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
