/**
 * Whether an endpoint fits its target type: the URL schemes each type speaks and whether a
 * bare `host[:port]` (or a comma list of them) is accepted. Parts that come from `${VAR}`
 * references without a default are not checked. Messages never echo user info (passwords).
 */
import { findEnvRefs } from './envRef';
import { listOf } from './messages';

interface EndpointRule {
  schemes: readonly string[];
  /** A bare `host[:port]` is accepted. */
  hostPort?: boolean;
  /** Several hosts separated by commas (cluster seeds). */
  hostList?: boolean;
  /** Other accepted prefixes checked by `special`. */
  special?: (value: string) => boolean;
}

const HTTP = ['http', 'https'];
const RULES: Record<string, EndpointRule> = {
  rest: { schemes: HTTP },
  soap: { schemes: HTTP },
  webhook: { schemes: HTTP },
  elasticsearch: { schemes: HTTP, hostList: true },
  graphql: { schemes: [...HTTP, 'ws', 'wss'] },
  websocket: { schemes: ['ws', 'wss', ...HTTP] },
  grpc: { schemes: ['grpc', 'grpcs', ...HTTP], hostPort: true, special: (v) => /^dns:(\/\/[^/]*)?\/[^/]+/.test(v) || /^unix:(\/\/)?\/?\S+/.test(v) },
  postgres: { schemes: ['postgres', 'postgresql'], hostPort: true, hostList: true },
  mysql: { schemes: ['mysql', 'mariadb', 'mysqlx'], hostPort: true },
  mongodb: { schemes: ['mongodb', 'mongodb+srv'], hostList: true },
  redis: { schemes: ['redis', 'rediss', 'valkey'], hostPort: true },
  rabbitmq: { schemes: ['amqp', 'amqps'], hostPort: true },
  kafka: { schemes: ['kafka', 'kafka+ssl'], hostPort: true, hostList: true },
  sqs: { schemes: HTTP, special: (v) => /^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w.-]+$/.test(v) },
  sns: { schemes: HTTP, special: (v) => /^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w.-]+$/.test(v) },
  nats: { schemes: ['nats', 'tls', 'ws', 'wss'], hostPort: true, hostList: true },
  mqtt: { schemes: ['mqtt', 'mqtts', 'ws', 'wss', 'tcp', 'ssl'], hostPort: true },
  smtp: { schemes: ['smtp', 'smtps'], hostPort: true },
  s3: { schemes: ['s3', ...HTTP] },
};

/** Stands for the text of a `${VAR}` without default: anything containing it passes. */
const UNKNOWN = '\u0001';
const HOST_LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
const HOSTNAME = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})*\\.?$`);
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+(?:%[\w.]+)?\]$/;

/** What an endpoint of `type` looks like, for messages. */
export function expectedEndpoint(type: string): string | undefined {
  const rule = RULES[type];
  if (!rule) return undefined;
  const urls = `a ${listOf(rule.schemes.map((scheme) => `${scheme}://`))} URL`;
  const extra = [rule.hostPort ? `\`host:port\`${rule.hostList ? ' (or a comma-separated list)' : ''}` : undefined, rule.special ? 'an ARN or the forms in the docs' : undefined].filter(Boolean);
  return extra.length > 0 ? `${urls} or ${extra.join(' or ')}` : urls;
}

/** Why `endpoint` does not fit a `type` target, or undefined when it does (or cannot be told). */
export function endpointProblem(type: string, endpoint: string): string | undefined {
  const rule = RULES[type];
  if (!rule) return undefined;
  let value = endpoint.trim();
  for (const ref of findEnvRefs(value).reverse()) {
    value = value.slice(0, ref.start) + (ref.defaultValue ?? UNKNOWN) + value.slice(ref.end);
  }
  // `${SEARCH_URL}/v1`: scheme and host come from the variable, so only its value could be judged.
  if (value === '' || value.startsWith(UNKNOWN)) return undefined;
  if (rule.special?.(value)) return undefined;
  const url = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(value);
  if (url) {
    const scheme = url[1]!.toLowerCase();
    if (!scheme.includes(UNKNOWN) && !rule.schemes.includes(scheme)) {
      return `the scheme \`${scheme}\` is not one of ${listOf(rule.schemes)}`;
    }
    const authority = url[2]!;
    const hosts = authority.slice(authority.lastIndexOf('@') + 1);
    if (hosts === '') return `the URL has no host`;
    return hostsProblem(hosts, Boolean(rule.hostList));
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)/.test(value) && !value.includes(UNKNOWN)) {
    return `expected ${expectedEndpoint(type)}`;
  }
  if (!rule.hostPort) return `expected ${expectedEndpoint(type)}`;
  return hostsProblem(value, Boolean(rule.hostList));
}

function hostsProblem(hosts: string, list: boolean): string | undefined {
  const entries = hosts.split(',');
  if (entries.length > 1 && !list) return 'only one host is allowed here';
  for (const entry of entries) {
    const problem = hostProblem(entry.trim());
    if (problem) return problem;
  }
  return undefined;
}

function hostProblem(entry: string): string | undefined {
  if (entry.includes(UNKNOWN)) return undefined;
  const match = /^(\[[^\]]*\]|[^:/]*)(?::([^/]*))?(\/.*)?$/.exec(entry);
  if (!match) return `\`${entry}\` is not a host or host:port`;
  const [, host = '', port] = match;
  if (host === '') return 'the host is missing';
  if (!HOSTNAME.test(host) && !IPV4.test(host) && !IPV6.test(host)) return `\`${host}\` is not a valid host name`;
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    return `the port \`${port}\` is not a number from 1 to 65535`;
  }
  return undefined;
}
