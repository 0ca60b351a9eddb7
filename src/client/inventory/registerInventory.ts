/**
 * Wires the inventory into VS Code: the tree view, its title-bar and context-menu commands,
 * live updates, settings, and the API the extension exports for tests and other features.
 * `activate()` only registers; the engines start and the first scan runs after it returned.
 */
import * as vscode from 'vscode';
import type { IntegrationKind } from '../../core/detection/types';
import { GROUPINGS, type Grouping, type InventoryFolder, type InventoryNode } from '../../core/inventory/inventoryTree';
import { kindInfo } from '../../core/inventory/kinds';
import { registerCommands, type CommandFactory } from '../commands';
import type { ExtensionCtx } from '../context';
import {
  addResilience, checkHealth, copyTarget, exportInventory, goToEnvDefinition, openSite, revealDeclaration,
} from './inventoryActions';
import type { TreeNode } from './inventoryNodes';
import { InventoryPickTracker, type InventoryPicksApi } from './inventoryPickTracker';
import { pickKinds, pickSite } from './inventoryPicks';
import { affectsEngine, defaultGrouping, scanOptionsFor, SECTION, showTestFilesSetting } from './inventorySettings';
import { InventoryStore, type EngineFactory } from './inventoryStore';
import { InventoryTreeProvider } from './inventoryTreeProvider';
import { workerEngineFactory } from './engineFactory';
import { HealthMap, type HealthState } from './healthState';
import { LiveUpdates } from './liveUpdates';

export const VIEW_ID = 'integrationOrchestrator.inventory';

/** The inventory as the extension exports it (tests, and the health feature). */
export interface InventoryApi {
  readonly provider: InventoryTreeProvider;
  /** Fires after the tree was rebuilt from new results. */
  readonly onDidChange: vscode.Event<void>;
  /** Resolves once no scan, update or debounced edit is pending. */
  whenIdle(): Promise<void>;
  /** The latest result of each scanned folder. */
  folders(): readonly InventoryFolder[];
  /** Shows a service's health (icon colour, description); `undefined` clears it. */
  setHealth(root: string, serviceId: string, state: HealthState | undefined): void;
  /** What the view shows besides the tree: its description (grouping, kind filter) and message. */
  readonly view: Readonly<Pick<vscode.TreeView<TreeNode>, 'description' | 'message' | 'badge'>>;
  /** The "Filter by Kind…" / "Find Integration…" quick pick on screen, for the extension tests to drive. */
  readonly picks: InventoryPicksApi;
}

const GROUPING_LABEL: Record<Grouping, string> = { kind: 'by kind', service: 'by service', file: 'by file' };

class InventoryController implements vscode.Disposable {
  readonly health = new HealthMap();
  readonly picks = new InventoryPickTracker();
  readonly provider: InventoryTreeProvider;
  readonly store: InventoryStore;
  readonly view: vscode.TreeView<TreeNode>;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private live: LiveUpdates | undefined;
  private firstScanDone = false;

  constructor(private readonly ctx: ExtensionCtx, createEngine: EngineFactory) {
    this.provider = new InventoryTreeProvider({ grouping: defaultGrouping(), kinds: new Set(), showTests: showTestFilesSetting() }, this.health);
    this.store = new InventoryStore(createEngine, scanOptionsFor, ctx.log);
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.store.onDidChange(() => this.rebuild());
    this.store.onScanProgress((progress) => {
      if (!this.firstScanDone && progress.filesTotal > 0) {
        this.view.message = `Scanning ${progress.folder}: ${progress.filesDone.toLocaleString()} of ${progress.filesTotal.toLocaleString()} files…`;
      }
    });
    this.updateContext();
  }

  /** Starts the engines and the first scan; called once activation has returned. */
  start(): Promise<void> {
    this.live = new LiveUpdates(this.store);
    const work = this.scan(() => this.store.scanFolders(vscode.workspace.workspaceFolders ?? []));
    // Editors already modified before the scan: their text, not the disk, is what counts.
    this.live.queueDirtyDocuments();
    return work;
  }

  /** "Scan Again" and engine settings: fresh engines for every folder. */
  rescan(): Promise<void> {
    return this.scan(() => {
      for (const folder of this.store.workspaceFolders()) this.store.removeFolder(folder);
      return this.store.scanFolders(vscode.workspace.workspaceFolders ?? []);
    });
  }

  /** Runs full scans with progress in the view (and the scanned-file count as its message the first time). */
  private scan(run: () => Promise<void>): Promise<void> {
    void vscode.commands.executeCommand('setContext', `${SECTION}.inventory.scanning`, true);
    const work = run().finally(() => {
      this.firstScanDone = true;
      this.view.message = undefined;
      void vscode.commands.executeCommand('setContext', `${SECTION}.inventory.scanning`, false);
    });
    void vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: 'Scanning for integrations' }, () => work);
    return work;
  }

  private rebuild(partial: Parameters<InventoryTreeProvider['update']>[1] = {}): void {
    this.provider.update(this.store.folders(), partial);
    const { services } = this.provider.current;
    this.view.badge = services > 0 ? { value: services, tooltip: `${services} ${services === 1 ? 'service' : 'services'}` } : undefined;
    const state = this.provider.view;
    const filter = state.kinds.size > 0 ? ` · ${[...state.kinds].map((kind) => kindInfo(kind).label).join(', ')}` : '';
    this.view.description = `${GROUPING_LABEL[state.grouping]}${filter}${state.showTests ? ' · with tests' : ''}`;
    this.updateContext();
    this.changed.fire();
  }

  private updateContext(): void {
    const state = this.provider.view;
    void vscode.commands.executeCommand('setContext', `${SECTION}.inventory.grouping`, state.grouping);
    void vscode.commands.executeCommand('setContext', `${SECTION}.inventory.filtered`, state.kinds.size > 0);
    void vscode.commands.executeCommand('setContext', `${SECTION}.inventory.showTests`, state.showTests);
  }

  setGrouping(grouping: Grouping): void {
    this.rebuild({ grouping });
  }

  setKinds(kinds: ReadonlySet<IntegrationKind>): void {
    this.rebuild({ kinds });
  }

  setShowTests(showTests: boolean): void {
    this.rebuild({ showTests });
  }

  setHealth(root: string, serviceId: string, state: HealthState | undefined): void {
    if (this.health.set(root, serviceId, state)) this.provider.refresh();
  }

  /** The node a command is about: its argument from a menu, else the view's selection. */
  target(arg: unknown): InventoryNode | undefined {
    const node = isNode(arg) ? arg : this.view.selection[0];
    return node && node.type !== 'message' && node.type !== 'group' ? node : undefined;
  }

  folderOf(node: InventoryNode): InventoryFolder | undefined {
    return this.provider.inventory[node.folder];
  }

  onConfiguration(event: vscode.ConfigurationChangeEvent): void {
    if (affectsEngine(event)) void this.rescan();
    if (event.affectsConfiguration(`${SECTION}.inventory.defaultGrouping`)) this.setGrouping(defaultGrouping());
    if (event.affectsConfiguration(`${SECTION}.inventory.showTestFiles`)) this.setShowTests(showTestFilesSetting());
  }

  onFolders(event: vscode.WorkspaceFoldersChangeEvent): void {
    for (const folder of event.removed) this.store.removeFolder(folder);
    if (event.added.length > 0) void this.scan(() => this.store.scanFolders(event.added));
  }

  dispose(): void {
    this.live?.dispose();
    this.store.dispose();
    this.view.dispose();
    this.picks.dispose();
    this.provider.dispose();
    this.changed.dispose();
  }
}

function isNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'type' in value && 'id' in value;
}

function commandTable(controller: InventoryController): Record<string, CommandFactory> {
  const withNode = (run: (node: InventoryNode, folder: InventoryFolder | undefined) => unknown): CommandFactory => () => (arg?: unknown) => {
    const node = controller.target(arg);
    return node ? run(node, controller.folderOf(node)) : undefined;
  };
  const table: Record<string, CommandFactory> = {
    scan: () => () => controller.rescan(),
    'inventory.filterByKind': () => async () => {
      const kinds = await pickKinds(controller.provider.inventory, controller.provider.view.kinds, controller.picks);
      if (kinds) controller.setKinds(kinds);
    },
    'inventory.clearFilter': () => () => controller.setKinds(new Set()),
    'inventory.findIntegration': () => async () => {
      const entry = await pickSite(controller.provider.inventory, controller.provider.view.showTests, controller.picks);
      const folder = entry ? controller.provider.inventory[entry.folder] : undefined;
      if (entry && folder) await openSite(folder, entry.integration);
    },
    'inventory.export': () => () => exportInventory(controller.provider.inventory, vscode.workspace.workspaceFolders?.[0], controller.provider.view.showTests),
    'inventory.showTestFiles': () => () => controller.setShowTests(true),
    'inventory.hideTestFiles': () => () => controller.setShowTests(false),
    'inventory.copyTarget': withNode(copyTarget),
    'inventory.goToEnvDefinition': withNode(goToEnvDefinition),
    'inventory.revealDeclaration': withNode(revealDeclaration),
    'inventory.addResilience': withNode(addResilience),
    'inventory.checkHealth': withNode(checkHealth),
  };
  for (const grouping of GROUPINGS) {
    table[`inventory.groupBy${grouping[0].toUpperCase()}${grouping.slice(1)}`] = () => () => controller.setGrouping(grouping);
  }
  return table;
}

/**
 * Registers the inventory view and its commands; the first scan starts after activation returns.
 * `createEngine` makes one engine per workspace folder (by default the worker-thread engine).
 */
export function registerInventory(ctx: ExtensionCtx, createEngine: EngineFactory = workerEngineFactory(ctx)): InventoryApi {
  const controller = ctx.own(new InventoryController(ctx, createEngine));
  registerCommands(ctx, commandTable(controller));
  ctx.own(vscode.workspace.onDidChangeConfiguration((event) => controller.onConfiguration(event)));
  ctx.own(vscode.workspace.onDidChangeWorkspaceFolders((event) => controller.onFolders(event)));
  // Hold the store busy until the deferred start has queued the first scan, so whenIdle() waits for it.
  const release = controller.store.hold();
  const timer = setTimeout(() => {
    try {
      void controller.start();
    } finally {
      release();
    }
  }, 0);
  ctx.own({ dispose: () => { clearTimeout(timer); release(); } });
  return {
    provider: controller.provider,
    onDidChange: controller.onDidChange,
    whenIdle: () => controller.store.whenIdle(),
    folders: () => controller.provider.inventory,
    setHealth: (root, serviceId, state) => controller.setHealth(root, serviceId, state),
    view: controller.view,
    picks: controller.picks,
  };
}
