import { composeTargets } from './sources/compose';
import { loadDotenvFiles } from './sources/dotenv';
import { envFileTargets } from './sources/envFiles';
import type { EnvLookup, HealthTarget, HealthTargetSource, SourceContext } from './sources/healthTarget';
import { integrationConfigTargets } from './sources/integrationConfig';

/** Most explicit first: named integrations, then .env variables, then compose ports. */
export const DEFAULT_TARGET_SOURCES: readonly HealthTargetSource[] = [integrationConfigTargets, envFileTargets, composeTargets];

export interface CollectOptions {
  /** The process environment, which wins over .env files (as dotenv does). Default: none. */
  env?: EnvLookup;
  /** Where targets come from; add the inventory's source here. */
  sources?: readonly HealthTargetSource[];
  signal?: AbortSignal;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0']);

function endpointKey(target: HealthTarget): string | undefined {
  const endpoint = target.endpoint;
  if (!endpoint) return undefined;
  const host = LOOPBACK.has(endpoint.host.toLowerCase()) ? 'localhost' : endpoint.host.toLowerCase();
  return `${endpoint.protocol}|${host}|${endpoint.port}|${endpoint.tls}`;
}

/**
 * The services a folder talks to, each endpoint once: the first source to name it keeps its
 * name; credentials it lacks are taken from later mentions of the same endpoint.
 */
export async function collectHealthTargets(dir: string, options: CollectOptions = {}): Promise<HealthTarget[]> {
  const dotenv = await loadDotenvFiles(dir);
  const env: Record<string, string | undefined> = {};
  for (const [name, definition] of dotenv) env[name] = definition.value;
  for (const [name, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[name] = value;
  const context: SourceContext = { dir, env, dotenv, ...(options.signal ? { signal: options.signal } : {}) };
  const found = (await Promise.all((options.sources ?? DEFAULT_TARGET_SOURCES).map((source) => source(context)))).flat();
  const byKey = new Map<string, HealthTarget>();
  const result: HealthTarget[] = [];
  for (const target of found) {
    const key = endpointKey(target);
    const earlier = key ? byKey.get(key) : undefined;
    if (!earlier) {
      if (key) byKey.set(key, target);
      result.push(target);
      continue;
    }
    const [into, from] = [earlier.endpoint!, target.endpoint!];
    into.username ??= from.username;
    into.password ??= from.password;
    into.database ??= from.database;
  }
  return result;
}
