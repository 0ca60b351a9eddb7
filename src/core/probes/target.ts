/**
 * Turns what people write (a URL, or host:port plus a hint of what it is) into what a probe
 * needs: protocol, host, port, TLS and credentials.
 */
import net from 'node:net';
import { isProbeProtocol, type ProbeProtocol } from './types';

export interface ProbeTarget {
  protocol: ProbeProtocol;
  host: string;
  port: number;
  tls: boolean;
  username?: string;
  password?: string;
  /** Database (Postgres, MySQL, MongoDB) named in the URL path. */
  database?: string;
  /** Postgres `sslmode=disable`: do not even ask for TLS. */
  sslMode?: 'disable';
}

/** The text could not be read as a target: unknown scheme, no port, bad host. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

interface Scheme {
  protocol: ProbeProtocol;
  tls: boolean;
  port?: number;
}

const SCHEMES: Record<string, Scheme> = {
  http: { protocol: 'http', tls: false, port: 80 },
  https: { protocol: 'http', tls: true, port: 443 },
  ws: { protocol: 'http', tls: false, port: 80 },
  wss: { protocol: 'http', tls: true, port: 443 },
  postgres: { protocol: 'postgres', tls: false, port: 5432 },
  postgresql: { protocol: 'postgres', tls: false, port: 5432 },
  mysql: { protocol: 'mysql', tls: false, port: 3306 },
  mysql2: { protocol: 'mysql', tls: false, port: 3306 },
  mariadb: { protocol: 'mysql', tls: false, port: 3306 },
  redis: { protocol: 'redis', tls: false, port: 6379 },
  rediss: { protocol: 'redis', tls: true, port: 6379 },
  valkey: { protocol: 'redis', tls: false, port: 6379 },
  amqp: { protocol: 'amqp', tls: false, port: 5672 },
  amqps: { protocol: 'amqp', tls: true, port: 5671 },
  kafka: { protocol: 'kafka', tls: false, port: 9092 },
  'kafka+ssl': { protocol: 'kafka', tls: true, port: 9093 },
  mongodb: { protocol: 'mongodb', tls: false, port: 27017 },
  'mongodb+srv': { protocol: 'mongodb', tls: true, port: 27017 },
  nats: { protocol: 'nats', tls: false, port: 4222 },
  smtp: { protocol: 'smtp', tls: false, port: 25 },
  smtps: { protocol: 'smtp', tls: true, port: 465 },
  grpc: { protocol: 'grpc', tls: false, port: 50051 },
  grpcs: { protocol: 'grpc', tls: true, port: 443 },
  tcp: { protocol: 'tcp', tls: false },
  tls: { protocol: 'tcp', tls: true },
};

/** Default port of each protocol (plain, then TLS where it differs). */
export const DEFAULT_PORTS: Readonly<Record<ProbeProtocol, { plain?: number; tls?: number }>> = {
  http: { plain: 80, tls: 443 },
  postgres: { plain: 5432, tls: 5432 },
  mysql: { plain: 3306, tls: 3306 },
  redis: { plain: 6379, tls: 6379 },
  amqp: { plain: 5672, tls: 5671 },
  kafka: { plain: 9092, tls: 9093 },
  mongodb: { plain: 27017, tls: 27017 },
  nats: { plain: 4222, tls: 4222 },
  smtp: { plain: 25, tls: 465 },
  grpc: { plain: 50051, tls: 443 },
  tcp: {},
};

/** Well-known ports, for host:port without a hint. */
const PORT_PROTOCOLS: Record<number, Scheme> = {
  80: { protocol: 'http', tls: false }, 443: { protocol: 'http', tls: true }, 3000: { protocol: 'http', tls: false },
  8000: { protocol: 'http', tls: false }, 8080: { protocol: 'http', tls: false }, 8443: { protocol: 'http', tls: true },
  5432: { protocol: 'postgres', tls: false }, 3306: { protocol: 'mysql', tls: false }, 6379: { protocol: 'redis', tls: false },
  5672: { protocol: 'amqp', tls: false }, 5671: { protocol: 'amqp', tls: true }, 4222: { protocol: 'nats', tls: false },
  27017: { protocol: 'mongodb', tls: false }, 9092: { protocol: 'kafka', tls: false }, 25: { protocol: 'smtp', tls: false },
  587: { protocol: 'smtp', tls: false }, 465: { protocol: 'smtp', tls: true }, 1025: { protocol: 'smtp', tls: false },
  2525: { protocol: 'smtp', tls: false }, 50051: { protocol: 'grpc', tls: false },
};

/** Words people and config files use for a kind of service → the protocol to probe. */
const HINTS: Record<string, ProbeProtocol> = {
  rest: 'http', graphql: 'http', webhook: 'http', https: 'http', web: 'http',
  postgresql: 'postgres', pg: 'postgres', mariadb: 'mysql', rabbitmq: 'amqp', rabbit: 'amqp',
  mongo: 'mongodb', email: 'smtp', mail: 'smtp', cache: 'redis', valkey: 'redis',
};

/** A protocol for a hint (`redis`, `rabbitmq`, `rest`, an integration kind…), or undefined. */
export function protocolForHint(hint: string | undefined): ProbeProtocol | undefined {
  if (!hint) return undefined;
  const word = hint.toLowerCase();
  return isProbeProtocol(word) ? word : HINTS[word];
}

/** The scheme of a URL-looking text (`postgres` in postgres://…), or undefined. */
export function urlScheme(text: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(text.trim())?.[1]?.toLowerCase();
}

/** Whether `text` is a URL with a scheme we can probe. */
export function isProbeableUrl(text: string): boolean {
  const scheme = urlScheme(text);
  return scheme !== undefined && scheme in SCHEMES;
}

/**
 * Reads `postgres://u:p@h:5432/db`, `rediss://:pw@h`, `kafka://h:9092`, `mongodb://a,b/db`…,
 * or a bare `host:port` / `host` with a kind hint. Throws TargetError when it cannot.
 */
export function parseTarget(urlOrHost: string, kindHint?: string): ProbeTarget {
  const text = urlOrHost.trim();
  const hinted = protocolForHint(kindHint);
  const scheme = urlScheme(text);
  return scheme !== undefined ? parseUrl(text, scheme, hinted) : parseHostPort(text, hinted);
}

function parseUrl(text: string, scheme: string, hinted: ProbeProtocol | undefined): ProbeTarget {
  let known = SCHEMES[scheme];
  if (scheme === 'tls' && hinted === 'nats') known = { protocol: 'nats', tls: true, port: 4222 };
  if (!known) {
    if (!hinted) throw new TargetError(`cannot probe ${scheme}:// URLs`);
    known = { protocol: hinted, tls: false, port: DEFAULT_PORTS[hinted].plain };
  }
  // Userinfo ends at the last '@' before the first '/': passwords written with an unencoded
  // '#', '?' or '@' (a common .env mistake) still split right, and never end up as the host.
  const afterScheme = text.slice(text.indexOf('://') + 3);
  const firstSlash = afterScheme.indexOf('/');
  const at = (firstSlash < 0 ? afterScheme : afterScheme.slice(0, firstSlash)).lastIndexOf('@');
  const userinfo = at >= 0 ? afterScheme.slice(0, at) : '';
  const rest = afterScheme.slice(at + 1);
  const authorityEnd = rest.search(/[/?#]/);
  // Several hosts (MongoDB, Redis cluster URLs): probe the first.
  const firstHost = (authorityEnd < 0 ? rest : rest.slice(0, authorityEnd)).split(',')[0];
  let url: URL;
  try {
    url = new URL(`http://${firstHost}${authorityEnd < 0 ? '' : rest.slice(authorityEnd)}`);
  } catch {
    throw new TargetError(`not a valid URL: ${scheme}://…`);
  }
  const host = stripBrackets(url.hostname);
  if (!host) throw new TargetError(`no host in ${scheme}:// URL`);
  const params = url.searchParams;
  let tls = known.tls;
  let sslMode: ProbeTarget['sslMode'];
  const mode = (params.get('sslmode') ?? params.get('ssl-mode') ?? '').toLowerCase();
  if (['require', 'verify-ca', 'verify-full', 'required', 'verify_ca', 'verify_identity'].includes(mode)) tls = true;
  if (mode === 'disable' || mode === 'disabled') sslMode = 'disable';
  for (const flag of ['ssl', 'tls']) if (params.get(flag) === 'true') tls = true;
  const port = url.port ? Number(url.port) : tls ? DEFAULT_PORTS[known.protocol].tls ?? known.port : known.port;
  if (port === undefined) throw new TargetError(`no port in ${scheme}:// URL`);
  const target: ProbeTarget = { protocol: known.protocol, host, port, tls };
  const colon = userinfo.indexOf(':');
  const username = safeDecode(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? '' : safeDecode(userinfo.slice(colon + 1));
  if (username) target.username = username;
  if (password) target.password = password;
  const firstSegment = url.pathname.split('/')[1];
  if (firstSegment && ['postgres', 'mysql', 'mongodb'].includes(known.protocol)) target.database = safeDecode(firstSegment);
  if (sslMode && known.protocol === 'postgres') target.sslMode = sslMode;
  return target;
}

function parseHostPort(text: string, hinted: ProbeProtocol | undefined): ProbeTarget {
  let host: string | undefined;
  let portText: string | undefined;
  if (net.isIPv6(text)) host = text; // a bare IPv6 address has no port
  else {
    const match = /^(?:\[([^\]]+)\]|([^:\s/@[\]]+))(?::(\d{1,5}))?$/.exec(text);
    host = match?.[1] ?? match?.[2];
    portText = match?.[3];
  }
  if (!host) throw new TargetError('expected a URL or host:port');
  const explicitPort = portText ? Number(portText) : undefined;
  const byPort = explicitPort !== undefined ? PORT_PROTOCOLS[explicitPort] : undefined;
  const protocol = hinted ?? byPort?.protocol ?? 'tcp';
  const tls = hinted ? (byPort?.protocol === hinted && byPort.tls) : (byPort?.tls ?? false);
  const port = explicitPort ?? DEFAULT_PORTS[protocol].plain;
  if (port === undefined) throw new TargetError(`no port for ${host} (and no hint of what it is)`);
  if (port < 1 || port > 65535) throw new TargetError(`port out of range: ${port}`);
  return { protocol, host, port, tls };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URL for showing a target (password as `***`): `postgres://app:***@db:5432/app`. */
export function formatTarget(target: ProbeTarget): string {
  const scheme = Object.entries(SCHEMES).find(([, s]) => s.protocol === target.protocol && s.tls === target.tls)?.[0]
    ?? (target.tls ? `${target.protocol}+tls` : target.protocol);
  const user = target.username || target.password ? `${encodeURIComponent(target.username ?? '')}${target.password ? ':***' : ''}@` : '';
  const host = net.isIPv6(target.host) ? `[${target.host}]` : target.host;
  return `${scheme}://${user}${host}:${target.port}${target.database ? `/${encodeURIComponent(target.database)}` : ''}`;
}
