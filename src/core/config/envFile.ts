/** Reading `.env` files and compose `environment:` blocks: which variable names they define. */
import { parseDocument } from 'yaml';

const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/;

/** Entries of a `.env` file in order (`KEY=value`, `export KEY=value`, quotes removed). */
export function parseEnvFile(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = ENV_LINE.exec(line);
    if (!match) continue;
    let value = match[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\(["\\n])/g, (_, char: string) => (char === 'n' ? '\n' : char));
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    entries.set(match[1]!, value);
  }
  return entries;
}

/** A `.env` line for `name=value`, quoted when the value needs it (dotenv and compose read it back). */
export function formatEnvLine(name: string, value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./~^-]*$/.test(value)) return `${name}=${value}`;
  if (!value.includes("'") && !value.includes('\n')) return `${name}='${value}'`;
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Variable names a compose file defines in its services' `environment:` (mapping or `KEY=value` list). */
export function composeEnvironmentNames(text: string): string[] {
  const names: string[] = [];
  let value: unknown;
  try {
    const doc = parseDocument(text, { merge: true, prettyErrors: false });
    value = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return names;
  }
  const services = (value as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return names;
  for (const service of Object.values(services as Record<string, unknown>)) {
    const environment = (service as { environment?: unknown } | null)?.environment;
    if (Array.isArray(environment)) {
      for (const entry of environment) {
        const name = typeof entry === 'string' ? /^([A-Za-z_][A-Za-z0-9_.-]*)/.exec(entry)?.[1] : undefined;
        if (name) names.push(name);
      }
    } else if (environment && typeof environment === 'object') {
      names.push(...Object.keys(environment));
    }
  }
  return names;
}

/** Whether a file name is an env file the workspace check reads: `.env`, `.env.*`, `*.env`. */
export function isEnvFileName(name: string): boolean {
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}

/** Whether a file name is a compose file: `docker-compose*.y(a)ml`, `compose*.y(a)ml`. */
export function isComposeFileName(name: string): boolean {
  return /^(?:docker-)?compose(?:[.-][\w.-]*)?\.ya?ml$/i.test(name);
}
