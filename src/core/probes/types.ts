/**
 * The vocabulary of health probes. Probes speak each protocol's own handshake with Node's
 * standard library only, so checking a service never needs its driver.
 */

/** healthy: answered as expected; degraded: answered, but slow, an HTTP 4xx/5xx or refused our
 * credentials; unhealthy: no answer, a wrong answer or a broken TLS setup; unknown: not checked. */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy' | 'unknown';

export const PROBE_PROTOCOLS = [
  'http', 'postgres', 'mysql', 'redis', 'amqp', 'kafka', 'mongodb', 'nats', 'smtp', 'grpc', 'tcp',
] as const;
export type ProbeProtocol = (typeof PROBE_PROTOCOLS)[number];

export function isProbeProtocol(value: string): value is ProbeProtocol {
  return (PROBE_PROTOCOLS as readonly string[]).includes(value);
}

export interface ProbeCredentials {
  username?: string;
  /** Sent only where the handshake needs it (Redis AUTH, HTTP basic auth); never echoed in a result. */
  password?: string;
  /** Database / virtual host named in the target (Postgres StartupMessage). */
  database?: string;
}

export interface ProbeOptions {
  host: string;
  port: number;
  /** Connect with TLS. Certificates are always verified: a self-signed one is a failure, never trusted. */
  tls?: boolean;
  /** Everything (connect, TLS, handshake) must finish within this many milliseconds. */
  timeoutMs: number;
  /** Aborting cancels the probe; its result is then `unknown` / "cancelled". */
  signal?: AbortSignal;
  credentials?: ProbeCredentials;
  /** Extra PEM CA certificates to trust (a private CA). Verification itself is never switched off. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** TLS server name to verify; defaults to the host when it is a name. */
  servername?: string;
  /** HTTP only: the health path. Unset: `/health`, then `/` when `/health` is 404. */
  path?: string;
  /** Postgres only, when `tls` is not set: `prefer` (default) asks for TLS and uses it when offered; `disable` never asks. */
  sslMode?: 'prefer' | 'disable';
}

export interface ProbeResult {
  status: HealthStatus;
  /** Milliseconds from the first connect to the answer (or the failure), rounded. */
  latencyMs: number;
  /** One line a person understands: the server's version, its error as it wrote it, or why it failed. */
  detail: string;
  /** ISO 8601 time the probe started. */
  checkedAt: string;
}

export type Probe = (options: ProbeOptions) => Promise<ProbeResult>;

/** What a protocol body decides; `runProbe` adds latency and time. */
export interface ProbeOutcome {
  status: HealthStatus;
  detail: string;
}
