/**
 * Checks the health of the inventory's services in the extension host (probes are async socket
 * work from the core: no thread of their own needed), keeps the last result of each, and shows
 * them: tree decorations through the inventory's health hook, the log, and, for monitoring,
 * notifications when a state changes. One run at a time; every run is cancellable.
 */
import * as vscode from 'vscode';
import { serviceFindings } from '../../core/detection/scanResult';
import type { Service } from '../../core/detection/types';
import { isDependencyOnly, type InventoryFolder } from '../../core/inventory/inventoryTree';
import { checkHealth, type HealthResult } from '../../core/probes/checkHealth';
import type { HealthTarget } from '../../core/probes/sources/healthTarget';
import { collectServiceTargets, serviceProtocol } from '../../core/probes/sources/inventory';
import type { ExtensionCtx } from '../context';
import type { HealthState } from '../inventory/healthState';
import type { InventoryApi } from '../inventory/registerInventory';
import { MonitorSchedule } from './backoff';
import { ChangeNotifier, type HealthNotification } from './changeNotifier';
import { serviceKey, ServiceSettings } from './serviceSettings';
import { effectiveTarget } from './targetOverrides';
import { maskSecrets } from '../../core/secrets/maskSecrets';

/** Probes at once: enough to finish a workspace quickly, few enough not to look like a scan. */
export const HEALTH_CONCURRENCY = 4;
/** Budget of one probe (connect, TLS, handshake). */
export const HEALTH_TIMEOUT_MS = 2000;
/** Monitoring never runs more often than this, whatever the setting says. */
export const MIN_MONITOR_INTERVAL_SECONDS = 5;
export const MONITOR_SETTING = 'integrationOrchestrator.health.monitorIntervalSeconds';
/** First monitoring round after monitoring starts (the scan usually finished by then; the round waits for it anyway). */
const FIRST_ROUND_DELAY_MS = 1000;

/** A service of the inventory, as the health feature addresses it. */
export interface ServiceEntry {
  /** Folder root + service id (see `serviceKey`). */
  key: string;
  root: string;
  serviceId: string;
  folder: InventoryFolder;
  service: Service;
}

export interface CheckedService {
  entry: ServiceEntry;
  result: HealthResult;
}

type RunMode = 'manual' | 'monitor';

/** What the tree shows for a result: latency only where something answered; the target (redacted) in the detail. */
export function toHealthState(result: HealthResult): HealthState {
  const answered = result.status === 'healthy' || result.status === 'degraded';
  return {
    status: result.status,
    ...(answered ? { latencyMs: result.latencyMs } : {}),
    detail: `${result.detail} · ${result.target}`,
    checkedAt: Date.parse(result.checkedAt) || Date.now(),
  };
}

export class HealthController implements vscode.Disposable {
  readonly settings: ServiceSettings;
  private readonly results = new Map<string, HealthResult>();
  private readonly schedule = new MonitorSchedule(60_000);
  private readonly notifier = new ChangeNotifier();
  private readonly updated = new vscode.EventEmitter<void>();
  /** Fires when a result arrives, a run starts or ends. */
  readonly onDidUpdate = this.updated.event;
  private active: { abort: AbortController; mode: RunMode; done: Promise<unknown> } | undefined;
  private monitorTimer: ReturnType<typeof setTimeout> | undefined;
  private monitorGeneration = 0;
  private disposed = false;
  /** Done / total of the run in progress, for the status bar. */
  progress: { done: number; total: number } | undefined;
  /** Probes started since activation (tests assert that Restricted Mode starts none). */
  probesStarted = 0;
  /** The last refusal shown (Restricted Mode), for tests. */
  lastRefusal: string | undefined;
  /** The last state-change notification monitoring showed, for tests. */
  lastNotification: HealthNotification | undefined;

  constructor(private readonly ctx: ExtensionCtx, readonly inventory: InventoryApi | undefined) {
    this.settings = new ServiceSettings(ctx.extension.workspaceState, ctx.extension.secrets);
  }

  /** The inventory's services that could have a target (manifest dependencies never do). */
  services(): ServiceEntry[] {
    return (this.inventory?.folders() ?? []).flatMap((folder) => folder.result.services
      .filter((service) => !isDependencyOnly(folder.result, service))
      .map((service) => ({ key: serviceKey(folder.result.root, service.id), root: folder.result.root, serviceId: service.id, folder, service })));
  }

  find(root: string, serviceId: string): ServiceEntry | undefined {
    return this.services().find((entry) => entry.root === root && entry.serviceId === serviceId);
  }

  resultOf(root: string, serviceId: string): HealthResult | undefined {
    return this.results.get(serviceKey(root, serviceId));
  }

  /** The last result of every service still in the inventory. */
  current(): CheckedService[] {
    return this.services().flatMap((entry) => {
      const result = this.results.get(entry.key);
      return result ? [{ entry, result }] : [];
    });
  }

  refused(message: string): void {
    this.lastRefusal = message;
  }

  log(line: string): void {
    this.ctx.log.info(line);
  }

  /** The service's target or credentials changed: monitoring checks it on its next round, backoff reset. */
  invalidate(entry: ServiceEntry): void {
    this.schedule.forget(entry.key);
  }

  /** What each entry is checked against: its override, else what the workspace says; stored credentials on top. */
  async targets(entries: readonly ServiceEntry[], signal?: AbortSignal): Promise<Array<{ entry: ServiceEntry; target: HealthTarget | undefined }>> {
    const byRoot = new Map<string, ServiceEntry[]>();
    for (const entry of entries) byRoot.set(entry.root, [...(byRoot.get(entry.root) ?? []), entry]);
    const resolved: Array<{ entry: ServiceEntry; target: HealthTarget | undefined }> = [];
    for (const list of byRoot.values()) {
      const folder = list[0]!.folder;
      // The extension host's environment stands in for the app's, as it does for the CLI.
      const { targets, env } = await collectServiceTargets(folder.result, { env: process.env, ...(signal ? { signal } : {}) });
      const own = new Map(targets.map((item) => [item.serviceId, item.target]));
      for (const entry of list) {
        const integrations = serviceFindings(folder.result, entry.service);
        const override = this.settings.target(entry.root, entry.serviceId);
        const credentials = await this.settings.credentials(entry.root, entry.serviceId);
        const protocol = serviceProtocol(entry.service, integrations);
        const base = own.get(entry.serviceId);
        resolved.push({
          entry,
          target: effectiveTarget({
            serviceName: entry.service.name, env, ...(base ? { base } : {}), ...(override !== undefined ? { override } : {}),
            ...(credentials ? { credentials } : {}), ...(protocol ? { protocol } : {}),
          }),
        });
      }
    }
    return resolved;
  }

  /**
   * Runs `work` as the one run in progress. A manual run cancels a run in flight (the person asked
   * now); a monitoring round never interrupts anything and is skipped instead.
   */
  private async exclusive<T>(mode: RunMode, work: (signal: AbortSignal) => Promise<T>, external?: AbortSignal): Promise<T | undefined> {
    if (this.disposed) return undefined;
    if (this.active) {
      if (mode === 'monitor') return undefined;
      this.active.abort.abort();
      await this.active.done.catch(() => undefined);
    }
    const abort = new AbortController();
    if (external?.aborted) abort.abort();
    external?.addEventListener('abort', () => abort.abort(), { once: true });
    const done = work(abort.signal);
    const active = { abort, mode, done };
    this.active = active;
    try {
      return await done;
    } finally {
      if (this.active === active) this.active = undefined;
    }
  }

  /** Resolves once no run is in progress. */
  async whenIdle(): Promise<void> {
    while (this.active) await this.active.done.catch(() => undefined);
  }

  /** Checks `entries` (those with a target); results show as they arrive. Cancelled probes leave no result. */
  private async run(entries: readonly ServiceEntry[], mode: RunMode, signal: AbortSignal, onResult?: (checked: CheckedService, done: number, total: number) => void): Promise<CheckedService[]> {
    const resolved = (await this.targets(entries, signal)).filter((item): item is { entry: ServiceEntry; target: HealthTarget } => item.target !== undefined);
    if (signal.aborted || resolved.length === 0) return [];
    this.probesStarted += resolved.filter((item) => item.target.endpoint).length;
    this.progress = { done: 0, total: resolved.length };
    this.updated.fire();
    const checked: CheckedService[] = [];
    try {
      await checkHealth(resolved.map((item) => item.target), {
        concurrency: HEALTH_CONCURRENCY, timeoutMs: HEALTH_TIMEOUT_MS, signal,
        onResult: (result, index) => {
          if (this.progress) this.progress.done++;
          if (signal.aborted && result.status === 'unknown') return; // "cancelled" is not a finding
          const item = { entry: resolved[index]!.entry, result };
          this.record(item, mode);
          checked.push(item);
          onResult?.(item, this.progress?.done ?? 0, resolved.length);
        },
      });
    } finally {
      this.progress = undefined;
      this.updated.fire();
    }
    return checked;
  }

  private record({ entry, result }: CheckedService, mode: RunMode): void {
    this.results.set(entry.key, result);
    this.inventory?.setHealth(entry.root, entry.serviceId, toHealthState(result));
    this.schedule.record(entry.key, result.status, Date.now());
    // A result the person asked for and saw is the new baseline: monitoring reports changes from it.
    if (mode === 'manual') this.notifier.acknowledge(entry.key, result.status);
    const latency = result.status === 'healthy' || result.status === 'degraded' ? ` in ${result.latencyMs} ms` : '';
    const line = maskSecrets(`health: ${entry.service.name} ${result.status}${latency}: ${result.target} (${result.source}) — ${result.detail}`);
    if (result.status === 'healthy') this.ctx.log.info(line);
    else this.ctx.log.warn(line);
    this.updated.fire();
  }

  /** "Check Health" / "Check All": a cancellable notification with progress. */
  checkWithProgress(entries: readonly ServiceEntry[], title: string): Thenable<CheckedService[]> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const cancel = new AbortController();
      const subscription = token.onCancellationRequested(() => cancel.abort());
      try {
        await this.inventory?.whenIdle();
        const work = (signal: AbortSignal) => this.run(entries, 'manual', signal, ({ entry, result }, _done, total) => {
          progress.report({ increment: 100 / total, message: `${entry.service.name}: ${result.status}` });
        });
        return (await this.exclusive('manual', work, cancel.signal)) ?? [];
      } finally {
        subscription.dispose();
      }
    });
  }

  // ── Monitoring ──

  /** (Re)starts monitoring from the setting: off when it is 0, in Restricted Mode, and after dispose. */
  restartMonitoring(): void {
    const generation = ++this.monitorGeneration;
    if (this.monitorTimer) clearTimeout(this.monitorTimer);
    this.monitorTimer = undefined;
    const seconds = vscode.workspace.getConfiguration().get<number>(MONITOR_SETTING, 0);
    if (this.disposed || !vscode.workspace.isTrusted || !(seconds > 0)) return;
    const intervalMs = Math.max(MIN_MONITOR_INTERVAL_SECONDS, seconds) * 1000;
    this.schedule.setInterval(intervalMs);
    // A new interval starts afresh: every service is checked in the first round, then on the new interval.
    this.schedule.clear();
    this.ctx.log.info(`health: monitoring every ${intervalMs / 1000} s (failing services back off up to 30 min)`);
    const tick = async () => {
      try {
        await this.monitorRound();
      } catch (error) {
        this.ctx.log.warn(`health: monitoring round failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        if (generation === this.monitorGeneration && !this.disposed) this.monitorTimer = setTimeout(() => void tick(), intervalMs);
      }
    };
    this.monitorTimer = setTimeout(() => void tick(), FIRST_ROUND_DELAY_MS);
  }

  get monitoring(): boolean {
    return this.monitorTimer !== undefined;
  }

  /** Checks the services that are due (failing ones back off), then notifies of state changes, rate-limited. */
  private async monitorRound(): Promise<void> {
    await this.inventory?.whenIdle();
    if (!vscode.workspace.isTrusted) return;
    const entries = this.services();
    const keys = entries.map((entry) => entry.key);
    this.schedule.retain(keys);
    this.notifier.retain(keys);
    const due = new Set(this.schedule.due(keys, Date.now()));
    const dueEntries = entries.filter((entry) => due.has(entry.key));
    if (dueEntries.length === 0) return;
    const checked = await this.exclusive('monitor', (signal) => this.run(dueEntries, 'monitor', signal));
    if (!checked?.length) return;
    const notification = this.notifier.decide(checked.map(({ entry, result }) => ({ key: entry.key, name: entry.service.name, status: result.status })), Date.now());
    if (notification) this.notify(notification);
  }

  private notify(notification: HealthNotification): void {
    this.lastNotification = notification;
    this.ctx.log.info(notification.text);
    const show = notification.severity === 'error' ? vscode.window.showErrorMessage
      : notification.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(notification.text, 'Show Log').then((choice) => {
      if (choice) this.ctx.log.show();
    });
  }

  dispose(): void {
    this.disposed = true;
    this.monitorGeneration++;
    if (this.monitorTimer) clearTimeout(this.monitorTimer);
    this.monitorTimer = undefined;
    this.active?.abort.abort();
    this.updated.dispose();
  }
}
