/**
 * "Sort by Health" and "Group by Health" for the Integrations view (what users of container
 * tools ask for): pure functions over the inventory's nodes, plugged into the tree provider's
 * arrangement hook. No `vscode` here, so tests run them in Node.
 */
import { buildInventoryTree, walkTree, type InventoryFolder, type InventoryNode, type ServiceNode } from '../../core/inventory/inventoryTree';
import type { HealthStatus } from '../../core/probes/types';
import type { GroupNode, TreeNode } from '../inventory/inventoryNodes';
import type { TreeArrangement, ViewState } from '../inventory/inventoryTreeProvider';

export const HEALTH_ARRANGEMENTS = ['none', 'sort', 'group'] as const;
export type HealthArrangement = (typeof HEALTH_ARRANGEMENTS)[number];

export function isHealthArrangement(value: unknown): value is HealthArrangement {
  return typeof value === 'string' && (HEALTH_ARRANGEMENTS as readonly string[]).includes(value);
}

/** A service's status, undefined when it was never checked. */
export type StatusOf = (folder: InventoryFolder, service: ServiceNode) => HealthStatus | undefined;

type Bucket = HealthStatus | 'unchecked';

/** Worst first: what needs attention comes to the top. */
const ORDER: readonly Bucket[] = ['unhealthy', 'degraded', 'unknown', 'healthy', 'unchecked'];

const GROUPS: Record<Bucket, { label: string; icon: string; color?: string }> = {
  unhealthy: { label: 'Unhealthy', icon: 'error', color: 'testing.iconFailed' },
  degraded: { label: 'Degraded', icon: 'warning', color: 'list.warningForeground' },
  unknown: { label: 'Unknown', icon: 'question' },
  healthy: { label: 'Healthy', icon: 'pass', color: 'testing.iconPassed' },
  unchecked: { label: 'Not checked', icon: 'circle-outline' },
};

function bucketOf(node: ServiceNode, folders: readonly InventoryFolder[], statusOf: StatusOf): Bucket {
  const folder = folders[node.folder];
  return (folder && statusOf(folder, node)) ?? 'unchecked';
}

/**
 * The same tree with the services under each parent ordered worst first (stable: equal states
 * keep the inventory's order). Kinds, folders, files and loose sites keep their places.
 */
export function sortByHealth(roots: readonly InventoryNode[], folders: readonly InventoryFolder[], statusOf: StatusOf): InventoryNode[] {
  const rank = (node: InventoryNode): number => (node.type === 'service' ? ORDER.indexOf(bucketOf(node, folders, statusOf)) : ORDER.length);
  const sortLevel = <T extends InventoryNode>(nodes: readonly T[]): T[] => {
    const copied = nodes.map((node) => (node.type === 'folder' || node.type === 'kind' ? { ...node, children: sortLevel(node.children) } : node));
    // Services come before loose sites already; reorder only among the services.
    const services = copied.filter((node) => node.type === 'service').map((node, index) => ({ node, index }))
      .sort((a, b) => rank(a.node) - rank(b.node) || a.index - b.index).map(({ node }) => node);
    let next = 0;
    return copied.map((node) => (node.type === 'service' ? services[next++]! : node));
  };
  return sortLevel(roots);
}

/**
 * Headings "Unhealthy", "Degraded", "Unknown", "Healthy", "Not checked" (only those with
 * services), each holding its services with their sites. Whatever the grouping, services are
 * taken from a by-service build of the same folders under the same filters.
 */
export function groupByHealth(folders: readonly InventoryFolder[], view: Pick<ViewState, 'kinds' | 'showTests'>, statusOf: StatusOf): GroupNode[] {
  const tree = buildInventoryTree(folders, { grouping: 'service', kinds: view.kinds, showTests: view.showTests });
  const buckets = new Map<Bucket, ServiceNode[]>();
  for (const node of walkTree(tree.roots)) {
    if (node.type !== 'service') continue;
    const bucket = bucketOf(node, folders, statusOf);
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), node]);
  }
  return ORDER.filter((bucket) => buckets.has(bucket)).map((bucket): GroupNode => {
    const services = buckets.get(bucket)!;
    const { label, icon, color } = GROUPS[bucket];
    return {
      type: 'group', id: `health:${bucket}`, label, icon, ...(color ? { color } : {}),
      description: String(services.length), children: services as TreeNode[],
    };
  });
}

/** The provider hook for an arrangement; undefined for `none` (the inventory's own order). */
export function healthArrangement(arrangement: HealthArrangement, statusOf: StatusOf): TreeArrangement | undefined {
  if (arrangement === 'sort') return (roots, folders) => sortByHealth(roots, folders, statusOf);
  if (arrangement === 'group') return (_roots, folders, view) => groupByHealth(folders, view, statusOf);
  return undefined;
}
