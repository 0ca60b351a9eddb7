/**
 * The `integrationOrchestrator.inventory` tree: builds the pure tree model from the store's
 * results and maps each node to a TreeItem (icons per kind, counts, health, tooltips, clicks).
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { IntegrationKind } from '../../core/detection/types';
import { findServiceDeclarations } from '../../core/inventory/declarations';
import {
  buildInventoryTree, countLabel, evidenceDescription, evidenceLabel, plural, siteDescription, siteLabel, walkTree,
  type EvidenceNode, type Grouping, type InventoryFolder, type InventoryNode, type InventoryTree, type ServiceNode, type SiteNode,
} from '../../core/inventory/inventoryTree';
import { kindInfo } from '../../core/inventory/kinds';
import { codeSpan, renderSiteTooltip } from '../../core/inventory/siteTooltip';
import { shortTarget } from '../../core/inventory/targetFormat';
import { healthColor, healthDescription, type HealthMap } from './healthState';
import { fileUri, openSiteCommand, siteContextValue, siteUri, type GroupNode, type MessageNode, type TreeNode } from './inventoryNodes';

export interface ViewState {
  grouping: Grouping;
  /** Empty: every kind. */
  kinds: ReadonlySet<IntegrationKind>;
  showTests: boolean;
}

/**
 * Hook for other features (health: group / sort by health): turns the roots the inventory built
 * into the roots shown. Called on every rebuild and refresh; must not change the nodes it is given.
 */
export type TreeArrangement = (roots: readonly InventoryNode[], folders: readonly InventoryFolder[], view: Readonly<ViewState>) => TreeNode[];

export class InventoryTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private tree: InventoryTree = { roots: [], services: 0, sites: 0 };
  private folders: InventoryFolder[] = [];
  private parents = new Map<string, TreeNode>();
  /** Per folder, the services that have a compose/k8s/.env declaration ("Reveal Declaration" applies). */
  private declared: Set<string>[] = [];

  constructor(private state: ViewState, private readonly health: HealthMap) {}

  get view(): Readonly<ViewState> {
    return this.state;
  }

  /** The tree as built for the current results and view state. */
  get current(): InventoryTree {
    return this.tree;
  }

  get inventory(): readonly InventoryFolder[] {
    return this.folders;
  }

  /** Rebuilds from new results (or the same ones under a new view state) and refreshes the view. */
  update(folders: InventoryFolder[], state: Partial<ViewState> = {}): void {
    this.folders = folders;
    this.state = { ...this.state, ...state };
    this.tree = buildInventoryTree(folders, { grouping: this.state.grouping, kinds: this.state.kinds, showTests: this.state.showTests });
    this.declared = folders.map(({ result }) => new Set(result.services.filter((service) => findServiceDeclarations(result, service).length > 0).map((service) => service.id)));
    this.parents = new Map();
    for (const node of walkTree(this.tree.roots)) {
      if ('children' in node) for (const child of node.children) this.parents.set(child.id, node);
    }
    if (this.arrangement) this.arrange();
    this.changeEmitter.fire();
  }

  /** Re-renders without rebuilding (health changed). */
  refresh(): void {
    if (this.arrangement) this.arrange();
    this.changeEmitter.fire();
  }

  // ── Arrangement hook (health feature): roots shown instead of the built ones ──
  private arrangement: TreeArrangement | undefined;
  private arranged: TreeNode[] | undefined;

  /** Sets (or with `undefined` removes) the arrangement and re-renders. */
  setArrangement(arrangement: TreeArrangement | undefined): void {
    this.arrangement = arrangement;
    this.arrange();
    this.changeEmitter.fire();
  }

  /** Computes the roots shown and indexes every shown node's parent (group headings included). */
  private arrange(): void {
    this.arranged = this.arrangement?.(this.tree.roots, this.folders, this.state);
    this.parents = new Map();
    const stack: TreeNode[] = [...(this.arranged ?? this.tree.roots)];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (!('children' in node)) continue;
      for (const child of node.children) {
        this.parents.set(child.id, node);
        stack.push(child);
      }
    }
  }

  /** Whether anything would be shown without the kind filter: tells "filtered to nothing" from "nothing found". */
  private hiddenByFilter(): boolean {
    if (this.state.kinds.size === 0 || this.tree.roots.length > 0) return false;
    return buildInventoryTree(this.folders, { grouping: this.state.grouping, showTests: this.state.showTests }).roots.length > 0;
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) {
      if (this.hiddenByFilter()) {
        const message: MessageNode = {
          type: 'message', id: 'message:filtered', label: 'No integrations of the selected kinds. Clear the filter',
          command: { command: 'integrationOrchestrator.inventory.clearFilter', title: 'Clear Filter' },
        };
        return [message];
      }
      return this.arranged ?? this.tree.roots;
    }
    return 'children' in element ? element.children : [];
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.type === 'message' ? undefined : this.parents.get(element.id);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('filter');
        item.command = node.command;
        item.contextValue = 'message';
        return item;
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = countLabel(node.services, node.sites);
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.tooltip = node.root;
        item.contextValue = 'folder';
        return item;
      }
      case 'kind': {
        const info = kindInfo(node.kind);
        const item = new vscode.TreeItem(info.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.id;
        item.description = countLabel(node.services, node.sites);
        item.iconPath = new vscode.ThemeIcon(info.codicon);
        item.contextValue = `kind kind-${node.kind}`;
        return item;
      }
      case 'service':
        return this.serviceItem(node);
      case 'group':
        return groupItem(node);
      case 'file': {
        const folder = this.folders[node.folder];
        const item = new vscode.TreeItem(node.file.slice(node.file.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        const dir = node.file.includes('/') ? node.file.slice(0, node.file.lastIndexOf('/')) : '';
        item.description = dir ? `${dir} · ${plural(node.sites, 'site')}` : plural(node.sites, 'site');
        if (folder) item.resourceUri = fileUri(folder, node.file);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'file';
        return item;
      }
      case 'site':
        return this.siteItem(node);
      case 'declared': {
        // Evidence behind the service, not sites: collapsed, and not in the service's site count.
        const item = new vscode.TreeItem('Declared in', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.description = String(node.children.length);
        item.iconPath = new vscode.ThemeIcon('references');
        item.tooltip = 'Package-manifest dependencies and .env keys behind this service: evidence, not integration sites.';
        item.contextValue = 'declared';
        return item;
      }
      case 'evidence':
        return this.evidenceItem(node);
    }
  }

  private serviceItem(node: ServiceNode): vscode.TreeItem {
    const { service } = node;
    const folder = this.folders[node.folder];
    const info = kindInfo(node.kind);
    const item = new vscode.TreeItem(service.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    const parts = [plural(node.sites, 'site')];
    if (this.state.grouping !== 'kind') parts.unshift(info.noun);
    const health = folder ? this.health.get(folder.result.root, service.id) : undefined;
    if (health) parts.push(healthDescription(health));
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(info.codicon, health ? healthColor(health.status) : undefined);
    const declared = this.declared[node.folder]?.has(service.id) === true;
    item.contextValue = ['service', `kind-${node.kind}`, declared ? 'hasDeclaration' : '', service.envVars.length > 0 ? 'hasEnv' : '', 'hasTarget'].filter(Boolean).join(' ');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${service.name.replace(/[\\`*_[\]<>|$]/g, '\\$&')}** · ${info.noun}, keyed by ${service.keyedBy}\n\n`);
    if (service.envVars.length) tooltip.appendMarkdown(`Env: ${service.envVars.map(codeSpan).join(', ')}  \n`);
    if (service.hosts.length) tooltip.appendMarkdown(`Hosts: ${service.hosts.map((host) => codeSpan(shortTarget(host))).join(', ')}  \n`);
    if (health) {
      const when = health.checkedAt ? ` at ${new Date(health.checkedAt).toLocaleTimeString()}` : '';
      tooltip.appendMarkdown(`Health: **${healthDescription(health)}**${when}${health.detail ? ` — ${codeSpan(health.detail)}` : ''}`);
    }
    item.tooltip = tooltip;
    return item;
  }

  private siteItem(node: SiteNode): vscode.TreeItem {
    const { integration } = node;
    const folder = this.folders[node.folder];
    const item = new vscode.TreeItem(siteLabel(integration), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = siteDescription(integration);
    item.iconPath = new vscode.ThemeIcon(integration.test ? 'beaker' : integration.role === 'declaration' ? 'symbol-constant' : kindInfo(integration.kind).codicon);
    item.contextValue = siteContextValue(node, node.service !== undefined && this.declared[node.folder]?.has(node.service.id) === true);
    if (folder) item.command = openSiteCommand(folder, integration);
    return item;
  }

  private evidenceItem(node: EvidenceNode): vscode.TreeItem {
    const { integration } = node;
    const folder = this.folders[node.folder];
    const item = new vscode.TreeItem(evidenceLabel(integration), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = evidenceDescription(integration);
    item.iconPath = new vscode.ThemeIcon(node.list === 'dependencies' ? 'package' : 'symbol-constant');
    item.contextValue = ['evidence', node.list, integration.target ? 'hasTarget' : ''].filter(Boolean).join(' ');
    if (folder) item.command = openSiteCommand(folder, integration);
    return item;
  }

  /** Tooltips read the code line, so they are built only when hovered. */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.type !== 'site' && node.type !== 'evidence') return item;
    const folder = this.folders[node.folder];
    if (!folder) return item;
    const codeLine = await readLine(siteUri(folder, node.integration), node.integration.line, token);
    const markdown = new vscode.MarkdownString(renderSiteTooltip({
      result: folder.result, integration: node.integration, service: node.service, codeLine, envDefinitions: folder.envDefinitions,
      // A file link with an `L<line>,<column>` fragment opens there; no command URI needed.
      link: (file, line, column) => fileUri(folder, file).with({ fragment: `L${line},${column}` }).toString(),
    }), true);
    item.tooltip = markdown;
    return item;
  }

  /** Every node of the current tree (for tests and for reveal). */
  nodes(): InventoryNode[] {
    return [...walkTree(this.tree.roots)];
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** A heading of the arrangement hook (health groups). */
function groupItem(node: GroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = node.description;
  item.iconPath = new vscode.ThemeIcon(node.icon, node.color ? new vscode.ThemeColor(node.color) : undefined);
  item.contextValue = 'group';
  return item;
}

/** One line of a file: from the open editor when there is one (it may be unsaved), else from disk. */
async function readLine(uri: vscode.Uri, line: number, token: vscode.CancellationToken): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return line - 1 < open.lineCount ? open.lineAt(line - 1).text : undefined;
  try {
    const text = await readFile(uri.fsPath, 'utf8');
    if (token.isCancellationRequested) return undefined;
    return text.split(/\r?\n/, line)[line - 1];
  } catch {
    return undefined;
  }
}
