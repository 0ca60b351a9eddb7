/** The status-bar summary of the last results, as text. Pure (no `vscode`). */
import type { HealthStatus } from '../../core/probes/types';

export type HealthCounts = Record<HealthStatus, number>;

export function countStatuses(statuses: Iterable<HealthStatus>): HealthCounts {
  const counts: HealthCounts = { healthy: 0, degraded: 0, unhealthy: 0, unknown: 0 };
  for (const status of statuses) counts[status]++;
  return counts;
}

const SYMBOLS: Array<[HealthStatus, string]> = [['healthy', '✓'], ['degraded', '⚠'], ['unhealthy', '✗'], ['unknown', '?']];

/**
 * `$(pulse) 5 ✓ 1 ⚠ 1 ✗` (zero counts left out, healthy always shown once anything was checked);
 * `$(sync~spin) Health 3/7` while a check runs; `$(pulse) Health` before the first.
 */
export function statusBarText(counts: HealthCounts, running?: { done: number; total: number }): string {
  if (running) return `$(sync~spin) Health ${running.done}/${running.total}`;
  const total = counts.healthy + counts.degraded + counts.unhealthy + counts.unknown;
  if (total === 0) return '$(pulse) Health';
  const parts = SYMBOLS.filter(([status]) => status === 'healthy' || counts[status] > 0).map(([status, symbol]) => `${counts[status]} ${symbol}`);
  return `$(pulse) ${parts.join(' ')}`;
}

/** Which background the item gets: red when something is down, yellow when something is degraded. */
export function statusBarSeverity(counts: HealthCounts): 'error' | 'warning' | undefined {
  if (counts.unhealthy > 0) return 'error';
  if (counts.degraded > 0) return 'warning';
  return undefined;
}

/** Screen readers read this instead of the symbols. */
export function statusBarAccessibleText(counts: HealthCounts): string {
  const total = counts.healthy + counts.degraded + counts.unhealthy + counts.unknown;
  if (total === 0) return 'Service health: not checked yet';
  return `Service health: ${SYMBOLS.filter(([status]) => counts[status] > 0).map(([status]) => `${counts[status]} ${status}`).join(', ')}`;
}
