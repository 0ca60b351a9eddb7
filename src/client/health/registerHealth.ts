/**
 * Wires the health feature into VS Code: commands, the status-bar summary, the tree's
 * sort / group by health, monitoring (a setting; started once the workspace is trusted), and
 * the API the extension exports for tests. `activate()` only registers: nothing here connects
 * anywhere until a command runs or monitoring's first round comes due.
 */
import * as vscode from 'vscode';
import type { HealthResult } from '../../core/probes/checkHealth';
import { registerCommands } from '../commands';
import type { ExtensionCtx } from '../context';
import type { InventoryApi } from '../inventory/registerInventory';
import { healthArrangement, isHealthArrangement, type HealthArrangement } from './healthArrangement';
import { healthCommands } from './healthCommands';
import { HealthController, MONITOR_SETTING } from './healthController';
import { HealthStatusBar } from './healthStatusBar';

const ARRANGEMENT_KEY = 'integrationOrchestrator.health.arrangement';
const ARRANGEMENT_CONTEXT = 'integrationOrchestrator.health.arrangement';

/** The health feature as the extension exports it (tests, other features). */
export interface HealthApi {
  /** The last result of a service of the inventory (its folder root and `Service.id`). */
  result(root: string, serviceId: string): HealthResult | undefined;
  /** The last result of every service still in the inventory. */
  results(): Array<{ root: string; serviceId: string; result: HealthResult }>;
  /** What the status-bar item shows ("$(pulse) 2 ✓ 1 ✗"). */
  readonly statusBarText: string;
  /** Probes started since activation: Restricted Mode must leave it at 0. */
  readonly probesStarted: number;
  /** The last Restricted Mode refusal a health command showed. */
  readonly lastRefusal: string | undefined;
  /** How the tree orders services: the inventory's order, sorted or grouped by health. */
  readonly arrangement: HealthArrangement;
  /** Whether monitoring (the interval setting) is running. */
  readonly monitoring: boolean;
  /** The text of the last state-change notification monitoring showed. */
  readonly lastNotification: string | undefined;
  /** Fires on every result and at the start and end of a run. */
  readonly onDidUpdate: vscode.Event<void>;
  /** Resolves once no check is running. */
  whenIdle(): Promise<void>;
}

export function registerHealth(ctx: ExtensionCtx, inventory: InventoryApi | undefined): HealthApi {
  const controller = ctx.own(new HealthController(ctx, inventory));
  const statusBar = ctx.own(new HealthStatusBar(controller));
  const state = ctx.extension.workspaceState;
  const stored = state.get<unknown>(ARRANGEMENT_KEY);
  let arrangement: HealthArrangement = isHealthArrangement(stored) ? stored : 'none';

  const statusOf = (folder: { result: { root: string } }, node: { service: { id: string } }) => controller.resultOf(folder.result.root, node.service.id)?.status;
  const applyArrangement = () => {
    inventory?.provider.setArrangement(healthArrangement(arrangement, statusOf));
    void vscode.commands.executeCommand('setContext', ARRANGEMENT_CONTEXT, arrangement);
  };
  if (arrangement !== 'none') applyArrangement();
  else void vscode.commands.executeCommand('setContext', ARRANGEMENT_CONTEXT, arrangement);

  registerCommands(ctx, healthCommands({
    controller,
    setArrangement: async (next) => {
      arrangement = next;
      applyArrangement();
      await state.update(ARRANGEMENT_KEY, next);
    },
  }));

  ctx.own(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    ctx.log.info('health: workspace trusted, health checks enabled');
    controller.restartMonitoring();
  }));
  ctx.own(vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(MONITOR_SETTING)) controller.restartMonitoring();
  }));
  // Monitoring's timers start after activation returned (and only when the setting asks for it).
  const start = setTimeout(() => controller.restartMonitoring(), 0);
  ctx.own({ dispose: () => clearTimeout(start) });

  return {
    result: (root, serviceId) => controller.resultOf(root, serviceId),
    results: () => controller.current().map(({ entry, result }) => ({ root: entry.root, serviceId: entry.serviceId, result })),
    get statusBarText() { return statusBar.text; },
    get probesStarted() { return controller.probesStarted; },
    get lastRefusal() { return controller.lastRefusal; },
    get arrangement() { return arrangement; },
    get monitoring() { return controller.monitoring; },
    get lastNotification() { return controller.lastNotification?.text; },
    onDidUpdate: controller.onDidUpdate,
    whenIdle: () => controller.whenIdle(),
  };
}

