/**
 * When monitoring checks each service next. Pure (no `vscode`), so tests run it in Node.
 * A service that answers is checked every interval; one that keeps failing is checked less
 * and less often (interval · 2^failures, capped), so a server that is down for the afternoon
 * is not hammered, and comes back on the normal interval as soon as it answers once.
 */
import type { HealthStatus } from '../../core/probes/types';

/** Never wait longer than this between two checks of a failing service (unless the interval itself is longer). */
export const MAX_BACKOFF_MS = 30 * 60_000;

/** Only "no answer / wrong answer" backs off: a slow or 4xx service still answers and is worth watching. */
export function isFailure(status: HealthStatus): boolean {
  return status === 'unhealthy';
}

/** Delay before the next check after `consecutiveFailures` failures in a row (0: the plain interval). */
export function nextCheckDelayMs(intervalMs: number, consecutiveFailures: number, maxMs = MAX_BACKOFF_MS): number {
  if (consecutiveFailures <= 0) return intervalMs;
  const backedOff = intervalMs * 2 ** Math.min(consecutiveFailures, 30);
  return Math.max(intervalMs, Math.min(backedOff, maxMs));
}

interface Entry {
  failures: number;
  dueAt: number;
}

/** Per service: failures in a row and when it is due. Keys are opaque (folder root + service id). */
export class MonitorSchedule {
  private readonly entries = new Map<string, Entry>();

  constructor(private intervalMs: number, private readonly maxMs = MAX_BACKOFF_MS) {}

  /** A new interval applies from each service's next result on. */
  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
  }

  /** Records a check's outcome at `now`; returns when the service is due next. */
  record(key: string, status: HealthStatus, now: number): number {
    const failures = isFailure(status) ? (this.entries.get(key)?.failures ?? 0) + 1 : 0;
    const dueAt = now + nextCheckDelayMs(this.intervalMs, failures, this.maxMs);
    this.entries.set(key, { failures, dueAt });
    return dueAt;
  }

  failures(key: string): number {
    return this.entries.get(key)?.failures ?? 0;
  }

  /** The keys due at `now`; a key never checked is due at once. */
  due(keys: Iterable<string>, now: number): string[] {
    return [...keys].filter((key) => (this.entries.get(key)?.dueAt ?? 0) <= now);
  }

  /** Makes a service due at once, with no failures counted. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Drops services that are gone from the inventory. */
  retain(keys: Iterable<string>): void {
    const keep = new Set(keys);
    for (const key of this.entries.keys()) if (!keep.has(key)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
