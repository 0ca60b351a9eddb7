import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { formatTarget, type ProbeTarget } from '../target';
import type { ProbeProtocol } from '../types';
import { expandVariables } from './expand';
import type { EnvLookup, HealthTarget, HealthTargetSource } from './healthTarget';

export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

interface ImageRule {
  /** Matched against the image's name without registry, owner or tag. */
  pattern: RegExp;
  protocol: ProbeProtocol;
  /** Container ports that speak `protocol`; unset: every port. */
  ports?: number[];
  /** Other container ports of the image (management UIs…). */
  extra?: Record<number, ProbeProtocol>;
}

const IMAGE_RULES: ImageRule[] = [
  { pattern: /postgres|postgis|timescaledb|pgvector/, protocol: 'postgres', ports: [5432] },
  { pattern: /redis|valkey|keydb|dragonfly/, protocol: 'redis', ports: [6379] },
  { pattern: /rabbitmq/, protocol: 'amqp', ports: [5672, 5671], extra: { 15672: 'http', 15692: 'http' } },
  { pattern: /mariadb|mysql|percona/, protocol: 'mysql', ports: [3306] },
  { pattern: /mongo/, protocol: 'mongodb', ports: [27017] },
  { pattern: /^nats/, protocol: 'nats', ports: [4222], extra: { 8222: 'http' } },
  { pattern: /kafka|redpanda/, protocol: 'kafka', extra: { 2181: 'tcp', 8080: 'http', 8081: 'http', 8082: 'http', 9644: 'http' } },
  { pattern: /mailhog|mailpit|smtp|postfix|maildev/, protocol: 'smtp', ports: [25, 587, 1025, 2525], extra: { 8025: 'http', 1080: 'http' } },
];

/** Container ports of images we do not know, by convention. */
const CONVENTIONAL_PORTS: Record<number, ProbeProtocol> = {
  80: 'http', 443: 'http', 3000: 'http', 4000: 'http', 5000: 'http', 8000: 'http', 8080: 'http', 8081: 'http', 9000: 'http',
  5432: 'postgres', 3306: 'mysql', 6379: 'redis', 5672: 'amqp', 27017: 'mongodb', 4222: 'nats', 9092: 'kafka', 50051: 'grpc',
};

/** `docker.io/bitnami/redis:7.2` → `redis`. */
export function imageName(image: string): string {
  const withoutTag = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return withoutTag.split('/').pop()!.toLowerCase();
}

export function protocolForImage(image: string | undefined, containerPort: number): ProbeProtocol {
  const name = image ? imageName(image) : '';
  const rule = IMAGE_RULES.find((candidate) => candidate.pattern.test(name));
  if (rule) {
    if (rule.extra?.[containerPort]) return rule.extra[containerPort]!;
    if (!rule.ports || rule.ports.includes(containerPort)) return rule.protocol;
  }
  return CONVENTIONAL_PORTS[containerPort] ?? 'tcp';
}

export interface PortMapping {
  hostIp?: string;
  hostPort: number;
  containerPort: number;
}

/** Reads one `ports:` entry (short or long syntax); entries without a host port publish nothing fixed. */
export function parsePortEntry(entry: unknown, env: EnvLookup): PortMapping[] {
  if (entry && typeof entry === 'object') {
    const long = entry as { target?: unknown; published?: unknown; host_ip?: unknown; protocol?: unknown };
    if (long.protocol === 'udp' || long.published === undefined) return [];
    return expandRange(String(long.published), String(long.target), typeof long.host_ip === 'string' ? long.host_ip : undefined);
  }
  if (typeof entry !== 'string' && typeof entry !== 'number') return [];
  const text = expandVariables(String(entry), env).value.trim();
  if (/\/udp$/i.test(text)) return [];
  const withoutProtocol = text.replace(/\/tcp$/i, '');
  const bracketed = /^\[([^\]]+)\]:(.+)$/.exec(withoutProtocol); // [::1]:6379:6379
  let hostIp = bracketed?.[1];
  const parts = (bracketed?.[2] ?? withoutProtocol).split(':');
  if (!bracketed && parts.length === 3) hostIp = parts.shift();
  // A lone container port (or "IP:port") publishes to a random host port: nothing fixed to check.
  if (parts.length !== 2) return [];
  const [published, target] = parts as [string, string];
  if (!/^\d+(-\d+)?$/.test(published) || !/^\d+(-\d+)?$/.test(target)) return [];
  return expandRange(published, target, hostIp);
}

function expandRange(published: string, target: string, hostIp: string | undefined): PortMapping[] {
  const [hostFrom, hostTo = hostFrom] = published.split('-').map(Number);
  const [containerFrom, containerTo = containerFrom] = target.split('-').map(Number);
  if (!hostFrom || !containerFrom || Number.isNaN(hostTo!) || Number.isNaN(containerTo!)) return [];
  const mappings: PortMapping[] = [];
  for (let offset = 0; hostFrom + offset <= hostTo! && offset < 20; offset++) {
    const containerPort = Math.min(containerFrom + offset, containerTo!);
    mappings.push({ ...(hostIp ? { hostIp } : {}), hostPort: hostFrom + offset, containerPort });
  }
  return mappings;
}

function environmentOf(service: Record<string, unknown>, env: EnvLookup): Record<string, string> {
  const raw = service.environment;
  const result: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const [name, ...rest] = String(item).split('=');
      if (name && rest.length) result[name] = expandVariables(rest.join('='), env).value;
    }
  } else if (raw && typeof raw === 'object') {
    for (const [name, value] of Object.entries(raw)) if (value !== null && value !== undefined) result[name] = expandVariables(String(value), env).value;
  }
  return result;
}

/** Credentials a compose service declares for itself, so the probe can use them. */
function credentialsFor(protocol: ProbeProtocol, environment: Record<string, string>): Partial<ProbeTarget> {
  if (protocol === 'postgres') {
    const user = environment.POSTGRES_USER;
    const database = environment.POSTGRES_DB;
    return { ...(user ? { username: user } : {}), ...(database ? { database } : {}) };
  }
  if (protocol === 'redis' && environment.REDIS_PASSWORD) return { password: environment.REDIS_PASSWORD };
  return {};
}

/** Published ports of every compose service: host side, protocol from the image. */
export const composeTargets: HealthTargetSource = async (context) => {
  const targets: HealthTarget[] = [];
  for (const file of COMPOSE_FILES) {
    let text: string;
    try {
      text = await readFile(path.join(context.dir, file), 'utf8');
    } catch {
      continue;
    }
    let document: unknown;
    try {
      document = parse(text, { maxAliasCount: 100 });
    } catch {
      continue; // a broken compose file is the compose tooling's to report
    }
    const services = (document as { services?: unknown } | null)?.services;
    if (!services || typeof services !== 'object') continue;
    for (const [name, value] of Object.entries(services as Record<string, unknown>)) {
      if (!value || typeof value !== 'object') continue;
      const service = value as Record<string, unknown>;
      const image = typeof service.image === 'string' ? expandVariables(service.image, context.env).value : undefined;
      const ports = Array.isArray(service.ports) ? service.ports : [];
      const environment = environmentOf(service, context.env);
      let count = 0;
      ports.forEach((entry, index) => {
        for (const mapping of parsePortEntry(entry, context.env)) {
          const protocol = protocolForImage(image, mapping.containerPort);
          const host = mapping.hostIp && mapping.hostIp !== '0.0.0.0' && mapping.hostIp !== '::' ? mapping.hostIp : 'localhost';
          const endpoint: ProbeTarget = {
            protocol, host, port: mapping.hostPort, tls: protocol === 'http' && mapping.containerPort === 443,
            ...credentialsFor(protocol, environment),
          };
          targets.push({
            service: count++ === 0 ? name : `${name} (${mapping.hostPort})`,
            source: `${file}: services.${name}.ports[${index}]`,
            target: formatTarget(endpoint),
            kind: protocol,
            endpoint,
          });
        }
      });
    }
  }
  return targets;
};
