/**
 * The integration-config.yml entries a generated integration adds, in the schema's own
 * vocabulary (name, source, target, sync, resilience, monitoring). Language-independent.
 * Secrets appear only as `${VAR}` references, never as values.
 */
import { policyToConfig } from './policy';
import type { PatternId, ResolvedOptions } from './types';

type Entry = Record<string, unknown>;

const ref = (name: string | undefined): string => `\${${name ?? 'UNSET'}}`;

function resilienceOf(options: ResolvedOptions): Entry {
  return options.resilience.kind === 'named'
    ? { policy: options.resilience.name }
    : policyToConfig(options.resilience.policy);
}

function finish(options: ResolvedOptions, entry: Entry, withResilience: boolean): Entry {
  if (withResilience) entry['resilience'] = resilienceOf(options);
  if (options.monitoring) entry['monitoring'] = { metrics: true, logging: 'structured' };
  return entry;
}

function restAuth(options: ResolvedOptions): Entry | undefined {
  const { env } = options;
  switch (options.auth) {
    case 'bearer': return { type: 'bearer', credentials: ref(env['token']) };
    case 'api-key': return { type: 'api-key', credentials: ref(env['apiKey']) };
    case 'basic': return { type: 'basic', credentials: `${ref(env['username'])}:${ref(env['password'])}` };
    default: return undefined;
  }
}

/** Entries for `integrations:`; empty for patterns that describe no external target. */
export function configEntriesFor(pattern: PatternId, options: ResolvedOptions): Entry[] {
  const { name, env } = options;
  const source = { type: 'service' };
  switch (pattern) {
    case 'rest-client': {
      const auth = restAuth(options);
      return [finish(options, { name, source, target: { type: 'rest', endpoint: ref(env['baseUrl']), ...(auth ? { auth } : {}) }, sync: { strategy: 'real-time' } }, true)];
    }
    case 'database-cache':
      return [
        finish(options, { name, source, target: { type: 'postgres', endpoint: ref(env['databaseUrl']) }, sync: { strategy: 'real-time' } }, true),
        finish(options, { name: `${name}-cache`, source, target: { type: 'redis', endpoint: ref(env['redisUrl']) }, sync: { strategy: 'real-time' } }, true),
      ];
    case 'queue-producer':
    case 'queue-consumer': {
      const endpoint = options.broker === 'kafka' ? ref(env['brokers']) : ref(env['amqpUrl']);
      return [finish(options, { name, source, target: { type: options.broker, endpoint }, sync: { strategy: 'event-driven' } }, true)];
    }
    case 'webhook-receiver':
      return [finish(options, {
        name,
        source: { type: 'webhook' },
        target: { type: 'webhook', endpoint: `http://localhost:${ref(env['port'])}/webhooks/${name}`, auth: { type: 'hmac', credentials: ref(env['secret']) } },
        sync: { strategy: 'event-driven' },
      }, false)];
    case 'oauth2-client':
      return [finish(options, {
        name,
        source,
        target: { type: 'rest', endpoint: ref(env['tokenUrl']), auth: { type: 'oauth2', credentials: ref(env['clientSecret']) } },
        sync: { strategy: 'real-time' },
      }, true)];
    case 'workflow':
    case 'monitoring':
    case 'health-endpoint':
      return [];
  }
}
