/**
 * Room for the health feature: a per-service state the tree shows as icon colour and
 * description. The inventory only displays it; the health checks fill it.
 */
import * as vscode from 'vscode';

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy' | 'unknown';

export interface HealthState {
  status: HealthStatus;
  latencyMs?: number;
  /** One line shown in the tooltip ("HTTP 503", "needs credentials"). Never a secret. */
  detail?: string;
  /** Epoch milliseconds of the check. */
  checkedAt?: number;
}

/** Theme colours, so health reads right in every theme (and for high-contrast users). */
const COLORS: Record<HealthStatus, string | undefined> = {
  healthy: 'testing.iconPassed',
  degraded: 'list.warningForeground',
  unhealthy: 'testing.iconFailed',
  unknown: undefined,
};

export function healthColor(status: HealthStatus): vscode.ThemeColor | undefined {
  const id = COLORS[status];
  return id ? new vscode.ThemeColor(id) : undefined;
}

export function healthDescription(state: HealthState): string {
  return state.latencyMs !== undefined && state.status !== 'unhealthy' ? `${state.status} ${Math.round(state.latencyMs)} ms` : state.status;
}

/** Health states keyed by folder root and service id. */
export class HealthMap {
  private readonly states = new Map<string, HealthState>();

  private static key(root: string, serviceId: string): string {
    return `${root}\u0000${serviceId}`;
  }

  get(root: string, serviceId: string): HealthState | undefined {
    return this.states.get(HealthMap.key(root, serviceId));
  }

  /** Sets (or with `undefined` clears) a service's state; returns whether anything changed. */
  set(root: string, serviceId: string, state: HealthState | undefined): boolean {
    const key = HealthMap.key(root, serviceId);
    const before = this.states.get(key);
    if (state === undefined) return this.states.delete(key);
    this.states.set(key, state);
    return JSON.stringify(before) !== JSON.stringify(state);
  }

  clear(): void {
    this.states.clear();
  }
}
