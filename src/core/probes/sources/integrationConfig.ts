import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { parseTarget, protocolForHint, TargetError, urlScheme } from '../target';
import { expandVariables } from './expand';
import type { HealthTarget, HealthTargetSource, SourceContext } from './healthTarget';

/** `integration-config.yml` `target.type` words that are not protocol names. */
const TYPE_PROTOCOLS: Record<string, string> = { sqs: 'http', sns: 'http', s3: 'http', soap: 'http' };

function isConfigFile(name: string): boolean {
  return /^integration-config\.ya?ml$/.test(name) || /\.integration\.ya?ml$/.test(name);
}

function endpointTarget(
  context: SourceContext, file: string, service: string, where: string, type: string | undefined, raw: string,
): HealthTarget {
  const { value, missing } = expandVariables(raw, context.env);
  const hint = type ? TYPE_PROTOCOLS[type] ?? type : undefined;
  const kind = protocolForHint(urlScheme(value) ? undefined : hint) ?? protocolForHint(hint);
  const base: HealthTarget = { service, source: `${file}: ${where}`, target: missing.length ? raw : value, ...(kind ? { kind } : {}) };
  if (missing.length) {
    return { ...base, unresolved: `endpoint uses \${${missing[0]}}, which no .env file or environment variable defines` };
  }
  try {
    const endpoint = parseTarget(value, hint);
    return { ...base, kind: endpoint.protocol, endpoint };
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    return { ...base, unresolved: error.message };
  }
}

/** `integrations[].target.endpoint` (and `source.endpoint`) of the folder's integration config files. */
export const integrationConfigTargets: HealthTargetSource = async (context) => {
  let names: string[];
  try {
    names = (await readdir(context.dir)).filter(isConfigFile).sort();
  } catch {
    return [];
  }
  const targets: HealthTarget[] = [];
  for (const file of names) {
    let document: unknown;
    try {
      document = parse(await readFile(path.join(context.dir, file), 'utf8'), { maxAliasCount: 100 });
    } catch {
      continue; // `validate` reports broken configs; health checks what it can read
    }
    const integrations = (document as { integrations?: unknown } | null)?.integrations;
    if (!Array.isArray(integrations)) continue;
    integrations.forEach((item: unknown, index) => {
      if (!item || typeof item !== 'object') return;
      const integration = item as { name?: unknown; target?: unknown; source?: unknown };
      const name = typeof integration.name === 'string' ? integration.name : `integrations[${index}]`;
      for (const side of ['target', 'source'] as const) {
        const part = integration[side] as { type?: unknown; endpoint?: unknown } | undefined;
        if (!part || typeof part.endpoint !== 'string' || !part.endpoint.trim()) continue;
        const type = typeof part.type === 'string' ? part.type.toLowerCase() : undefined;
        const service = side === 'target' ? name : `${name} (source)`;
        targets.push(endpointTarget(context, file, service, `integrations[${index}].${side}.endpoint`, type, part.endpoint));
      }
    });
  }
  return targets;
};
