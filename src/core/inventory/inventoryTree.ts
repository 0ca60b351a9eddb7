/**
 * The inventory as a tree, built from one ScanResult per workspace folder. Pure data: the
 * VS Code tree provider maps these nodes to TreeItems one to one, and tests assert on them
 * without an editor.
 */
import { serviceFindings } from '../detection/scanResult';
import type { Integration, IntegrationKind, ScanResult, Service } from '../detection/types';
import { isManifestFile, type EnvDefinitionLike } from './declarations';
import { kindOrder } from './kinds';
import { shortTarget } from './targetFormat';

export const GROUPINGS = ['kind', 'service', 'file'] as const;
/** kind → service → sites (default), service → sites, or file → sites. */
export type Grouping = (typeof GROUPINGS)[number];

export function isGrouping(value: unknown): value is Grouping {
  return typeof value === 'string' && (GROUPINGS as readonly string[]).includes(value);
}

/** One workspace folder's inventory. */
export interface InventoryFolder {
  /** Display name (the workspace folder's name). */
  name: string;
  result: ScanResult;
  /** The engine's exact env var definitions, when it reports them (see declarations.ts). */
  envDefinitions?: readonly EnvDefinitionLike[];
}

export interface InventoryViewOptions {
  grouping: Grouping;
  /** Kinds to show; undefined or empty shows every kind. */
  kinds?: ReadonlySet<IntegrationKind>;
  /** Whether findings in test files are shown. */
  showTests: boolean;
}

interface NodeBase {
  /** Stable across rebuilds, so the tree keeps what was expanded. */
  id: string;
  /** Index of the folder in the list the tree was built from. */
  folder: number;
}
export interface FolderNode extends NodeBase { type: 'folder'; name: string; root: string; services: number; sites: number; children: InventoryNode[] }
export interface KindNode extends NodeBase { type: 'kind'; kind: IntegrationKind; services: number; sites: number; children: (ServiceNode | SiteNode)[] }
/** A service: its sites, then (when it has any) its "Declared in" evidence. `sites` never counts the evidence. */
export interface ServiceNode extends NodeBase { type: 'service'; service: Service; kind: IntegrationKind; sites: number; children: (SiteNode | DeclaredNode)[] }
export interface FileNode extends NodeBase { type: 'file'; file: string; sites: number; children: SiteNode[] }
export interface SiteNode extends NodeBase {
  type: 'site';
  /** Index into the folder's `result.integrations`. */
  index: number;
  integration: Integration;
  service?: Service;
}
/** "Declared in" under a service: the manifest dependencies and `.env` keys behind it, evidence rather than sites. */
export interface DeclaredNode extends NodeBase { type: 'declared'; service: Service; children: EvidenceNode[] }
/** One dependency or configuration entry of a service. */
export interface EvidenceNode extends NodeBase {
  type: 'evidence';
  list: EvidenceList;
  /** Index into the folder's `result.dependencies` or `result.configuration` (see `list`). */
  index: number;
  integration: Integration;
  service: Service;
}
export type EvidenceList = 'dependencies' | 'configuration';
export type InventoryNode = FolderNode | KindNode | ServiceNode | FileNode | SiteNode | DeclaredNode | EvidenceNode;

export interface InventoryTree {
  roots: InventoryNode[];
  /** Visible services and sites over every folder (the view's badge shows `services`). */
  services: number;
  sites: number;
}

/** A service made only of package-manifest dependencies: evidence, not an integration of its own, and nothing to check. */
export function isDependencyOnly(result: ScanResult, service: Service): boolean {
  const findings = serviceFindings(result, service);
  return findings.length > 0 && findings.every((integration) => integration.role === 'declaration' && isManifestFile(integration.file));
}

/**
 * The service each finding belongs to: through `Service.integrations`, else through
 * `Integration.service`. Dependency-only services are left out: their findings show as
 * loose sites, so counts and badges tell real services.
 */
export function serviceIndex(result: ScanResult): Map<number, Service> {
  const byIndex = new Map<number, Service>();
  const services = result.services.filter((service) => !isDependencyOnly(result, service));
  const byId = new Map(services.map((service) => [service.id, service]));
  for (const service of services) {
    for (const index of service.integrations) byIndex.set(index, service);
  }
  result.integrations.forEach((integration, index) => {
    if (!byIndex.has(index) && integration.service !== undefined) {
      const service = byId.get(integration.service);
      if (service) byIndex.set(index, service);
    }
  });
  return byIndex;
}

/** The kind a finding is filed under: its service's kind when it has one, so a service never splits. */
export function effectiveKind(integration: Integration, service: Service | undefined): IntegrationKind {
  return service?.kind ?? integration.kind;
}

export function isSiteVisible(integration: Integration, service: Service | undefined, options: Omit<InventoryViewOptions, 'grouping'>): boolean {
  if (integration.test && !options.showTests) return false;
  if (options.kinds && options.kinds.size > 0 && !options.kinds.has(effectiveKind(integration, service))) return false;
  return true;
}

/** `axios → api.example.com/users`; inbound handlers point the other way; declarations use `·`. */
export function siteLabel(integration: Integration): string {
  const target = shortTarget(integration.target);
  // A manifest dependency's target is its own name: "axios · axios" says nothing twice.
  if (!target || target === integration.library) return integration.library;
  const arrow = integration.direction === 'inbound' ? '←' : integration.direction === 'declaration' ? '·' : '→';
  return `${integration.library} ${arrow} ${target}`;
}

/** `src/api/client.ts:12`, marked when the file is a test. */
export function siteDescription(integration: Integration): string {
  return `${integration.file}:${integration.line}${integration.test ? ' · test' : ''}`;
}

/** An evidence entry reads as where it is: `orders-service/package.json:13`. */
export function evidenceLabel(integration: Integration): string {
  return `${integration.file}:${integration.line}`;
}

/** …and what it names: the library of a dependency, the variable of a `.env` key (`dotenv · PAYMENTS_URL`). */
export function evidenceDescription(integration: Integration): string {
  const names = integration.envVars ?? [];
  return `${integration.library}${names.length > 0 ? ` · ${names.join(', ')}` : ''}${integration.test ? ' · test' : ''}`;
}

export function compareSites(a: Integration, b: Integration): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.library, b.library);
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

interface VisibleSite { index: number; integration: Integration; service?: Service }

function visibleSites(result: ScanResult, options: InventoryViewOptions): VisibleSite[] {
  const services = serviceIndex(result);
  const sites: VisibleSite[] = [];
  result.integrations.forEach((integration, index) => {
    const service = services.get(index);
    if (isSiteVisible(integration, service, options)) sites.push({ index, integration, service });
  });
  return sites.sort((a, b) => compareSites(a.integration, b.integration));
}

class IdMaker {
  private readonly seen = new Map<string, number>();
  make(id: string): string {
    const count = this.seen.get(id) ?? 0;
    this.seen.set(id, count + 1);
    return count === 0 ? id : `${id}#${count}`;
  }
}

function siteNode(folder: number, parent: string, site: VisibleSite, ids: IdMaker): SiteNode {
  const { integration } = site;
  const id = ids.make(`${parent}/${integration.file}:${integration.line}:${integration.column}:${integration.library}`);
  return { type: 'site', id, folder, index: site.index, integration, ...(site.service ? { service: site.service } : {}) };
}

interface VisibleEvidence { list: EvidenceList; index: number; integration: Integration }

const EVIDENCE_LISTS: readonly EvidenceList[] = ['dependencies', 'configuration'];

/** Service id → its dependencies and configuration entries that the view options let through, by file and line. */
function visibleEvidence(result: ScanResult, options: InventoryViewOptions): Map<string, VisibleEvidence[]> {
  const byService = new Map<string, VisibleEvidence[]>();
  for (const service of result.services) {
    const entries: VisibleEvidence[] = [];
    for (const list of EVIDENCE_LISTS) {
      for (const index of service[list]) {
        const integration = result[list][index];
        if (integration && isSiteVisible(integration, service, options)) entries.push({ list, index, integration });
      }
    }
    if (entries.length > 0) byService.set(service.id, entries.sort((a, b) => compareSites(a.integration, b.integration)));
  }
  return byService;
}

function declaredNode(folder: number, parent: string, service: Service, entries: VisibleEvidence[], ids: IdMaker): DeclaredNode {
  const id = ids.make(`${parent}/declared`);
  const children = entries.map(({ list, index, integration }): EvidenceNode => ({
    type: 'evidence', id: ids.make(`${id}/${integration.file}:${integration.line}:${integration.column}:${integration.library}`), folder, list, index, integration, service,
  }));
  return { type: 'declared', id, folder, service, children };
}

/** What a folder's service nodes are built from. */
interface ServiceParts {
  /** Services shown without a visible site: those a visible `.env` key names (health checks them). */
  unsited: readonly Service[];
  evidence: ReadonlyMap<string, VisibleEvidence[]>;
}

function serviceNodes(folder: number, parent: string, sites: VisibleSite[], parts: ServiceParts, ids: IdMaker): { services: ServiceNode[]; loose: SiteNode[] } {
  const groups = new Map<string, { service: Service; sites: VisibleSite[] }>();
  const loose: SiteNode[] = [];
  for (const site of sites) {
    if (!site.service) {
      loose.push(siteNode(folder, `${parent}/-`, site, ids));
      continue;
    }
    let group = groups.get(site.service.id);
    if (!group) groups.set(site.service.id, (group = { service: site.service, sites: [] }));
    group.sites.push(site);
  }
  for (const service of parts.unsited) if (!groups.has(service.id)) groups.set(service.id, { service, sites: [] });
  const services = [...groups.values()]
    .sort((a, b) => compareText(a.service.name, b.service.name) || compareText(a.service.id, b.service.id))
    .map(({ service, sites: members }): ServiceNode => {
      const id = ids.make(`${parent}/s:${service.id}`);
      const children: (SiteNode | DeclaredNode)[] = members.map((site) => siteNode(folder, id, site, ids));
      const evidence = parts.evidence.get(service.id);
      if (evidence) children.push(declaredNode(folder, id, service, evidence, ids));
      return { type: 'service', id, folder, service, kind: service.kind, sites: members.length, children };
    });
  return { services, loose };
}

function folderChildren(folder: number, prefix: string, result: ScanResult, options: InventoryViewOptions, ids: IdMaker): { children: InventoryNode[]; services: number; sites: number } {
  const sites = visibleSites(result, options);
  const evidence = visibleEvidence(result, options);
  const sited = new Set(sites.flatMap((site) => (site.service ? [site.service.id] : [])));
  const unsited = result.services.filter((service) => !sited.has(service.id) && (evidence.get(service.id) ?? []).some((entry) => entry.list === 'configuration'));
  // The same count whatever the grouping: the services the by-service grouping shows.
  const serviceCount = sited.size + unsited.length;
  let children: InventoryNode[];
  if (options.grouping === 'file') {
    const byFile = new Map<string, VisibleSite[]>();
    for (const site of sites) {
      const list = byFile.get(site.integration.file) ?? [];
      list.push(site);
      byFile.set(site.integration.file, list);
    }
    children = [...byFile.entries()].map(([file, members]): FileNode => {
      const id = ids.make(`${prefix}/f:${file}`);
      return { type: 'file', id, folder, file, sites: members.length, children: members.map((site) => siteNode(folder, id, site, ids)) };
    });
  } else if (options.grouping === 'service') {
    const { services, loose } = serviceNodes(folder, prefix, sites, { unsited, evidence }, ids);
    children = [...services, ...loose];
  } else {
    const byKind = new Map<IntegrationKind, { sites: VisibleSite[]; unsited: Service[] }>();
    const kindGroup = (kind: IntegrationKind) => {
      let group = byKind.get(kind);
      if (!group) byKind.set(kind, (group = { sites: [], unsited: [] }));
      return group;
    };
    for (const site of sites) kindGroup(effectiveKind(site.integration, site.service)).sites.push(site);
    for (const service of unsited) kindGroup(service.kind).unsited.push(service);
    children = [...byKind.entries()]
      .sort(([a], [b]) => kindOrder(a) - kindOrder(b))
      .map(([kind, members]): KindNode => {
        const id = ids.make(`${prefix}/k:${kind}`);
        const { services, loose } = serviceNodes(folder, id, members.sites, { unsited: members.unsited, evidence }, ids);
        return { type: 'kind', id, folder, kind, services: services.length, sites: members.sites.length, children: [...services, ...loose] };
      });
  }
  return { children, services: serviceCount, sites: sites.length };
}

/**
 * Builds the tree. With one folder its groups are the roots; with several, each folder is a
 * root of its own (multi-root workspaces).
 */
export function buildInventoryTree(folders: readonly InventoryFolder[], options: InventoryViewOptions): InventoryTree {
  const ids = new IdMaker();
  let services = 0;
  let sites = 0;
  const built = folders.map((folder, index) => {
    const prefix = folders.length > 1 ? `${folder.result.root}` : '';
    const part = folderChildren(index, prefix, folder.result, options, ids);
    services += part.services;
    sites += part.sites;
    return { folder, index, prefix, part };
  });
  if (built.length === 1) return { roots: built[0].part.children, services, sites };
  const roots = built.map(({ folder, index, prefix, part }): FolderNode => ({
    type: 'folder', id: ids.make(prefix || `folder:${index}`), folder: index, name: folder.name, root: folder.result.root,
    services: part.services, sites: part.sites, children: part.children,
  }));
  return { roots, services, sites };
}

/** `3 services · 7 sites`, `1 site`. */
export function countLabel(services: number | undefined, sites: number): string {
  const parts: string[] = [];
  if (services !== undefined) parts.push(plural(services, 'service'));
  parts.push(plural(sites, 'site'));
  return parts.join(' · ');
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Every node of the tree, depth first (for tests and for finding a node by id). */
export function* walkTree(nodes: readonly InventoryNode[]): Generator<InventoryNode> {
  for (const node of nodes) {
    yield node;
    if ('children' in node) yield* walkTree(node.children);
  }
}
