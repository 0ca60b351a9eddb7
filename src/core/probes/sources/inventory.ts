/**
 * The detection engine's inventory as a source of health targets: each service of a scan,
 * resolved to an endpoint through its env vars (read from .env files and the environment,
 * as the collector reads them), the literal URLs its findings call, or its hosts.
 */
import { isDependencyOnly } from '../../inventory/inventoryTree';
import { serviceFindings } from '../../detection/scanResult';
import type { Integration, ScanResult, Service } from '../../detection/types';
import { collectHealthTargets, DEFAULT_TARGET_SOURCES, type CollectOptions } from '../collect';
import { isProbeableUrl, parseTarget, protocolForHint, TargetError, type ProbeTarget } from '../target';
import type { ProbeProtocol } from '../types';
import { expandVariables } from './expand';
import type { EnvLookup, HealthTarget, HealthTargetSource, SourceContext } from './healthTarget';

/** A service of the inventory and what to check for it. */
export interface ServiceHealthTarget {
  /** `Service.id`: ties the result back to the tree. */
  serviceId: string;
  target: HealthTarget;
}

/** Client libraries → the protocol they speak, for bare `host:port` values (a URL's scheme decides otherwise). */
const LIBRARY_PROTOCOLS: Array<[RegExp, ProbeProtocol]> = [
  [/^(pg|postgres|psycopg2?|asyncpg|tokio-postgres)$|pgx/, 'postgres'],
  [/mysql|mariadb/, 'mysql'],
  [/redis|jedis|lettuce|bullmq|valkey/, 'redis'],
  [/amqp|pika|lapin|rabbit/, 'amqp'],
  [/kafka|sarama/, 'kafka'],
  [/mongo/, 'mongodb'],
  [/nats/, 'nats'],
  [/smtp|nodemailer|javamail|lettre|spring-mail/, 'smtp'],
  [/grpc|tonic/, 'grpc'],
];

/** Service kinds whose protocol follows from the kind alone. */
const KIND_PROTOCOLS: Partial<Record<Service['kind'], ProbeProtocol>> = {
  http: 'http', graphql: 'http', webhook: 'http', auth: 'http', grpc: 'grpc', cache: 'redis', email: 'smtp',
};

/** What a service most likely speaks: from its findings' libraries, else from its kind. */
export function serviceProtocol(service: Service, integrations: readonly (Integration | undefined)[]): ProbeProtocol | undefined {
  for (const integration of integrations) {
    if (!integration || integration.role === 'declaration') continue;
    const rule = LIBRARY_PROTOCOLS.find(([pattern]) => pattern.test(integration.library.toLowerCase()));
    if (rule) return rule[1];
  }
  return KIND_PROTOCOLS[service.kind] ?? protocolForHint(service.kind);
}

interface Candidate {
  text: string;
  source: string;
}

/** Whether the service is only ever called *into* (a webhook route, a queue consumer): nothing of ours to check. */
function inboundOnly(integrations: readonly (Integration | undefined)[]): boolean {
  return integrations.length > 0 && integrations.every((integration) => integration?.direction === 'inbound');
}

/** A target text the engine already redacted (`postgres://u:***@h`) cannot be used to connect. */
function redacted(text: string): boolean {
  return /:\*\*\*@/.test(text);
}

function envSource(context: Pick<SourceContext, 'dotenv' | 'env'>, name: string): string {
  const definition = context.dotenv.get(name);
  // The environment wins over .env (dotenv's rule), so say so when it is what we read.
  if (definition && context.env[name] === definition.value) return `${definition.file}:${definition.line} (${name})`;
  return `environment (${name})`;
}

/**
 * The endpoint of one service, or why there is none; undefined when the service has nothing to
 * check (a library without a target, an inbound-only route, a dependency in a manifest).
 */
export function serviceTarget(result: ScanResult, service: Service, context: Pick<SourceContext, 'dotenv' | 'env'>, others: readonly HealthTarget[] = []): HealthTarget | undefined {
  if (isDependencyOnly(result, service)) return undefined;
  // Sites and evidence alike: a `.env` value is a candidate target, and a service read from `.env` is not inbound-only.
  const integrations = serviceFindings(result, service);
  if (inboundOnly(integrations)) return undefined;
  const hint = serviceProtocol(service, integrations);
  const candidates: Candidate[] = [];
  let reason: string | undefined;
  // 1. The env vars that name the service: what the code reads at run time.
  for (const name of service.envVars) {
    const raw = context.env[name];
    if (raw === undefined) {
      reason ??= `${name} is not set in .env, .env.example or the environment`;
      continue;
    }
    const { value, missing } = expandVariables(raw, context.env);
    if (missing.length) {
      reason ??= `${name} uses \${${missing[0]}}, which no .env file or environment variable defines`;
      continue;
    }
    if (value.trim()) candidates.push({ text: value.trim(), source: envSource(context, name) });
  }
  // 2. Literal URLs the service's findings use (after expanding `${VAR}` in them).
  for (const integration of integrations) {
    if (!integration?.target || integration.direction === 'inbound' || redacted(integration.target)) continue;
    const { value, missing } = expandVariables(integration.target, context.env);
    if (!missing.length && isProbeableUrl(value)) candidates.push({ text: value, source: `${integration.file}:${integration.line}` });
  }
  // 3. Its hosts (`localhost:5432`, `api.example.com`), probed as what the service speaks.
  for (const host of service.hosts) {
    const where = integrations.find((integration) => integration?.host === host);
    candidates.push({ text: host, source: where ? `${where.file}:${where.line}` : `host ${host}` });
  }
  // A compose service's own name is a host on the compose network, rarely reachable from the editor:
  // its published port (from the compose source) comes first, the name only as a last resort.
  const internal = (endpoint: ProbeTarget) => service.keyedBy === 'compose' && endpoint.host.toLowerCase() === service.name.toLowerCase();
  let lastResort: HealthTarget | undefined;
  for (const candidate of candidates) {
    let endpoint: ProbeTarget;
    try {
      endpoint = parseTarget(candidate.text, hint);
    } catch (error) {
      if (!(error instanceof TargetError)) throw error;
      reason ??= `${candidate.text.includes('://') ? 'the URL' : candidate.text}: ${error.message}`;
      continue;
    }
    const target: HealthTarget = { service: service.name, source: candidate.source, target: candidate.text, kind: endpoint.protocol, endpoint };
    if (!internal(endpoint)) return target;
    lastResort ??= target;
  }
  // 4. Something else names it (a compose service's published port, an integration-config entry).
  const named = others.find((other) => other.endpoint && other.service === service.name);
  if (named) return { ...named, service: service.name, ...(named.endpoint ? { endpoint: { ...named.endpoint } } : {}) };
  if (lastResort) return lastResort;
  if (!reason) return undefined;
  return { service: service.name, source: 'inventory', target: service.envVars[0] ? `\${${service.envVars[0]}}` : service.name, ...(hint ? { kind: hint } : {}), unresolved: reason };
}

/** One target per checkable service of `result`; `others` (compose ports…) stand in where a service names no URL itself. */
export function serviceTargets(result: ScanResult, context: Pick<SourceContext, 'dotenv' | 'env'>, others: readonly HealthTarget[] = []): ServiceHealthTarget[] {
  const targets: ServiceHealthTarget[] = [];
  for (const service of result.services) {
    const target = serviceTarget(result, service, context, others);
    if (target) targets.push({ serviceId: service.id, target });
  }
  return targets;
}

/** The inventory as one more source of `collectHealthTargets`. */
export function inventoryTargets(result: ScanResult): HealthTargetSource {
  return async (context) => serviceTargets(result, context).map((entry) => entry.target);
}

/** A folder's services with their targets, and the variables they were resolved with. */
export interface FolderServiceTargets {
  targets: ServiceHealthTarget[];
  /** Process environment over `.env` over `.env.example`: for expanding targets a person types. */
  env: EnvLookup;
}

/**
 * For editors, which show health per service: the folder's services with their targets, the
 * .env files read once, exactly as `collectHealthTargets` reads them, and the other sources
 * (compose ports, integration-config.yml) standing in for services that name no URL.
 */
export async function collectServiceTargets(result: ScanResult, options: Omit<CollectOptions, 'sources'> = {}): Promise<FolderServiceTargets> {
  let context: SourceContext | undefined;
  // A source that only keeps the context: the collector builds it (dotenv + environment) for every source alike.
  const keepContext: HealthTargetSource = async (built) => {
    context = built;
    return [];
  };
  const others = await collectHealthTargets(result.root, { ...options, sources: [keepContext, ...DEFAULT_TARGET_SOURCES] });
  return context ? { targets: serviceTargets(result, context, others), env: context.env } : { targets: [], env: options.env ?? {} };
}
