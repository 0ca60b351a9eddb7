import { scrubSecrets } from './redact';
import { maskSecrets } from '../secrets/maskSecrets';
import { PROBES } from './registry';
import type { HealthTarget } from './sources/healthTarget';
import type { HealthStatus, Probe, ProbeProtocol } from './types';

/** One checked service, as the CLI prints it and the tree shows it. Never holds a password. */
export interface HealthResult {
  service: string;
  /** The protocol probed (`postgres`, `redis`, `http`…), `unknown` when there was nothing to probe. */
  kind: ProbeProtocol | 'unknown';
  /** The target with its password as `***`. */
  target: string;
  status: HealthStatus;
  latencyMs: number;
  detail: string;
  checkedAt: string;
  /** Where the target was found. */
  source: string;
}

export interface CheckHealthOptions {
  /** Probes running at once. Default 4. */
  concurrency?: number;
  /** Per-probe budget. Default 2000 ms. */
  timeoutMs?: number;
  /** A healthy answer slower than this is `degraded`. Default 1000 ms; 0 turns it off. */
  slowMs?: number;
  signal?: AbortSignal;
  /** Called as each result arrives (progress, live tree updates). */
  onResult?: (result: HealthResult, index: number) => void;
  /** Probe implementations by protocol (tests may swap one). */
  probes?: Readonly<Record<ProbeProtocol, Probe>>;
}

/** Checks every target, `concurrency` at a time; results come back in the targets' order. */
export async function checkHealth(targets: readonly HealthTarget[], options: CheckHealthOptions = {}): Promise<HealthResult[]> {
  const { concurrency = 4, timeoutMs = 2000, slowMs = 1000, signal, onResult, probes = PROBES } = options;
  const results = new Array<HealthResult>(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const result = await checkOne(targets[index]!, probes, timeoutMs, slowMs, signal);
      results[index] = result;
      onResult?.(result, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, targets.length)) }, worker));
  return results;
}

async function checkOne(
  target: HealthTarget, probes: Readonly<Record<ProbeProtocol, Probe>>, timeoutMs: number, slowMs: number, signal?: AbortSignal,
): Promise<HealthResult> {
  const secret = target.endpoint?.password;
  const shown = scrubSecrets(maskSecrets(target.target), [secret]);
  const base = { service: target.service, kind: target.endpoint?.protocol ?? target.kind ?? 'unknown', target: shown, source: target.source } as const;
  if (!target.endpoint) {
    return { ...base, status: 'unknown', latencyMs: 0, detail: target.unresolved ?? 'no endpoint to check', checkedAt: new Date().toISOString() };
  }
  const { endpoint } = target;
  const probe = probes[endpoint.protocol];
  const result = await probe({
    host: endpoint.host,
    port: endpoint.port,
    tls: endpoint.tls,
    timeoutMs,
    ...(signal ? { signal } : {}),
    ...(target.path ? { path: target.path } : {}),
    ...(endpoint.sslMode ? { sslMode: endpoint.sslMode } : {}),
    credentials: { username: endpoint.username, password: endpoint.password, database: endpoint.database },
  });
  let { status, detail } = result;
  if (status === 'healthy' && slowMs > 0 && result.latencyMs > slowMs) {
    status = 'degraded';
    detail = `${detail} (slow: ${result.latencyMs} ms > ${slowMs} ms)`;
  }
  return { ...base, status, latencyMs: result.latencyMs, detail: scrubSecrets(detail, [secret]), checkedAt: result.checkedAt };
}
