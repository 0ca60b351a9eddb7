/**
 * Decides which health changes found by monitoring become notifications, so a flapping
 * service cannot flood the window: a service is reported when its state differs from the
 * state it was last reported in (its first check sets that baseline silently), at most once
 * per `perServiceMs`; several services in one round become one summary, at most one per
 * `summaryMs`. A change held back by a limit is reported on a later round if it still holds,
 * so the last notification about a service always converges to the truth.
 * Pure (no `vscode`): the controller shows what `decide` returns.
 */
import type { HealthStatus } from '../../core/probes/types';

export interface Observation {
  /** Folder root + service id. */
  key: string;
  /** Service name as the tree shows it. */
  name: string;
  status: HealthStatus;
}

export interface StateChange extends Observation {
  from: HealthStatus;
}

export type NotificationSeverity = 'error' | 'warning' | 'info';

export interface HealthNotification {
  severity: NotificationSeverity;
  text: string;
  /** The changes it reports. */
  changes: StateChange[];
}

export interface ChangeNotifierOptions {
  /** Default 5 minutes. */
  perServiceMs?: number;
  /** Default 1 minute. */
  summaryMs?: number;
}

const BADNESS: Record<HealthStatus, number> = { healthy: 0, unknown: 1, degraded: 2, unhealthy: 3 };

function severityOf(changes: readonly StateChange[]): NotificationSeverity {
  if (changes.some((change) => change.status === 'unhealthy')) return 'error';
  if (changes.some((change) => BADNESS[change.status] > BADNESS[change.from])) return 'warning';
  return 'info';
}

function describe(change: StateChange): string {
  return change.status === 'healthy' ? `${change.name} recovered (was ${change.from})` : `${change.name} is ${change.status} (was ${change.from})`;
}

export class ChangeNotifier {
  private readonly perServiceMs: number;
  private readonly summaryMs: number;
  /** Per service: the state it was last reported in (or first seen in) and when it was reported. */
  private readonly reported = new Map<string, { status: HealthStatus; at: number }>();
  private lastSummary = Number.NEGATIVE_INFINITY;

  constructor(options: ChangeNotifierOptions = {}) {
    this.perServiceMs = options.perServiceMs ?? 5 * 60_000;
    this.summaryMs = options.summaryMs ?? 60_000;
  }

  /** The notification for one monitoring round's results at `now`, or undefined when nothing may be shown. */
  decide(round: readonly Observation[], now: number): HealthNotification | undefined {
    const changes: StateChange[] = [];
    for (const observation of round) {
      const last = this.reported.get(observation.key);
      if (!last) {
        this.reported.set(observation.key, { status: observation.status, at: Number.NEGATIVE_INFINITY });
        continue;
      }
      if (last.status !== observation.status && now - last.at >= this.perServiceMs) changes.push({ ...observation, from: last.status });
    }
    if (changes.length === 0) return undefined;
    if (changes.length > 1) {
      if (now - this.lastSummary < this.summaryMs) return undefined;
      this.lastSummary = now;
    }
    for (const change of changes) this.reported.set(change.key, { status: change.status, at: now });
    if (changes.length === 1) return { severity: severityOf(changes), text: `Health: ${describe(changes[0]!)}.`, changes };
    const shown = changes.slice(0, 3).map(describe).join('; ');
    const more = changes.length > 3 ? `; and ${changes.length - 3} more` : '';
    return { severity: severityOf(changes), text: `Health: ${changes.length} services changed: ${shown}${more}.`, changes };
  }

  /** Sets a service's baseline without notifying (a check the person ran and saw). */
  acknowledge(key: string, status: HealthStatus): void {
    const last = this.reported.get(key);
    this.reported.set(key, { status, at: last?.at ?? Number.NEGATIVE_INFINITY });
  }

  /** Forgets services that are gone. */
  retain(keys: Iterable<string>): void {
    const keep = new Set(keys);
    for (const key of this.reported.keys()) if (!keep.has(key)) this.reported.delete(key);
  }
}
