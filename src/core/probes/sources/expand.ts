import type { EnvLookup } from './healthTarget';

/**
 * Expands `${VAR}`, `${VAR:-default}` and `${VAR-default}` (compose and dotenv syntax).
 * `missing` lists variables that had no value and no default.
 */
export function expandVariables(text: string, env: EnvLookup): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g, (_all, name: string, operator?: string, fallback?: string) => {
    const current = env[name];
    if (operator === ':-' && !current) return fallback ?? '';
    if (operator === '-' && current === undefined) return fallback ?? '';
    if (current === undefined) {
      missing.push(name);
      return '';
    }
    return current;
  });
  return { value, missing };
}
