/**
 * Rules across fields that a JSON Schema cannot express: unique integration names, auth
 * credentials complete for their type, a frequency for batch syncs, max_delay ≥ base_delay.
 */
import { parseDuration, formatDuration } from '../duration';
import { parseWholeEnvRef } from '../envRef';
import { listOf } from '../messages';
import { keyRange, missingKeyRange, valueRange } from '../placement';
import type { PathSegment } from '../yamlTree';
import { get, integrationsOf, isRecord, type CheckContext } from './checkContext';

/** Credential parts each auth type needs when credentials are written as a mapping. */
const REQUIRED_PARTS: Record<string, string[]> = {
  basic: ['username', 'password'],
  oauth2: ['client_id', 'client_secret', 'token_url'],
  mtls: ['cert', 'key'],
  bearer: ['token'],
  'api-key': ['token'],
  hmac: ['secret'],
};
/** Types whose credentials may be one string (a `${VAR}` holding the whole secret). */
const STRING_OK = new Set(['basic', 'bearer', 'api-key', 'hmac']);

export function checkConsistency(ctx: CheckContext): void {
  const seen = new Map<string, number>();
  for (const integration of integrationsOf(ctx.value)) {
    const name = integration.value.name;
    if (typeof name === 'string') {
      const first = seen.get(name);
      if (first !== undefined) {
        ctx.report('duplicate-name', 'error', valueRange(ctx.parsed, [...integration.path, 'name']),
          `integration name \`${name}\` is already used by integrations[${first}]; names must be unique`);
      } else {
        seen.set(name, integration.index);
      }
    }
    checkAuth(ctx, [...integration.path, 'target', 'auth'], get(integration.value, 'target', 'auth'));
    const sync = get(integration.value, 'sync');
    if (get(sync, 'strategy') === 'batch' && get(sync, 'frequency') === undefined) {
      ctx.report('missing-key', 'error', missingKeyRange(ctx.parsed, [...integration.path, 'sync']), 'sync.frequency is required when strategy is `batch`');
    }
    checkDelays(ctx, [...integration.path, 'resilience', 'retry'], get(integration.value, 'resilience', 'retry'));
  }
  const policies = get(ctx.value, 'policies');
  if (isRecord(policies)) {
    for (const [name, policy] of Object.entries(policies)) checkDelays(ctx, ['policies', name, 'retry'], get(policy, 'retry'));
  }
}

function checkAuth(ctx: CheckContext, path: PathSegment[], auth: unknown): void {
  const type = get(auth, 'type');
  if (typeof type !== 'string') return;
  const credentials = get(auth, 'credentials');
  if (type === 'none') {
    if (credentials !== undefined) {
      ctx.report('inconsistent-value', 'warning', keyRange(ctx.parsed, [...path, 'credentials']), 'credentials are ignored when auth.type is `none`');
    }
    return;
  }
  const parts = REQUIRED_PARTS[type];
  if (!parts) return;
  if (credentials === undefined) {
    ctx.report('incomplete-auth', 'error', missingKeyRange(ctx.parsed, path), `auth of type \`${type}\` needs \`credentials\``);
    return;
  }
  if (typeof credentials === 'string') {
    if (!STRING_OK.has(type) && !parseWholeEnvRef(credentials)) {
      ctx.report('incomplete-auth', 'error', valueRange(ctx.parsed, [...path, 'credentials']),
        `auth of type \`${type}\` needs credentials as a mapping with ${listOf(parts, 'and')}`);
    }
    return;
  }
  if (!isRecord(credentials)) return;
  const missing = parts.filter((part) => credentials[part] === undefined);
  if (missing.length > 0) {
    ctx.report('incomplete-auth', 'error', missingKeyRange(ctx.parsed, [...path, 'credentials']),
      `auth of type \`${type}\` needs ${listOf(missing.map((part) => `credentials.${part}`), 'and')}`);
  }
}

function checkDelays(ctx: CheckContext, path: PathSegment[], retry: unknown): void {
  const base = parseDuration(get(retry, 'base_delay'));
  const max = parseDuration(get(retry, 'max_delay'));
  if (base !== undefined && max !== undefined && max < base) {
    ctx.report('inconsistent-value', 'error', valueRange(ctx.parsed, [...path, 'max_delay']),
      `retry.max_delay (${formatDuration(max)}) is shorter than base_delay (${formatDuration(base)}); no delay could be longer than the cap`);
  }
}
