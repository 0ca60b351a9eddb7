/**
 * The workspace as a graph: its own components (compose services built here, folders with a
 * manifest, top-level folders), the services they talk to, and the links configuration states
 * (compose depends_on, Kubernetes Ingress → Service → workload). Drawn by `mermaid.ts`.
 */
import path from 'node:path';
import type { Integration, IntegrationKind, ScanResult, Service } from '../detection/types';
import { readDeclaredLinks, diskReader, type ComposeService, type K8sObject, type WorkspaceReader } from './declaredLinks';
import type { InventoryFolder } from './inventoryTree';
import { serviceIndex } from './inventoryTree';
import { shortTarget } from './targetFormat';

export type TopologyNodeType = 'component' | 'service' | 'k8s';

export interface TopologyNode {
  /** Unique over the whole topology; not yet a Mermaid id (see mermaid.ts). */
  key: string;
  label: string;
  type: TopologyNodeType;
  kind?: IntegrationKind;
  folder: number;
}

export interface TopologyEdge {
  from: string;
  to: string;
  /** Libraries for code edges (`axios`), the relation for declared ones (`depends_on`, `ingress`, `env`). */
  labels: string[];
  /** `call`: seen in code; `declared`: stated by compose or Kubernetes configuration. */
  style: 'call' | 'declared';
}

export interface Topology {
  folders: { name: string; root: string }[];
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

export interface TopologyOptions {
  reader?: WorkspaceReader;
  /** Whether findings in test files draw edges. Default false: tests talk to mocks. */
  includeTests?: boolean;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod', 'ReplicaSet']);

const MANIFESTS = ['package.json', 'go.mod', 'requirements.txt', 'pyproject.toml', 'setup.py', 'Cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts'];

/** Guesses what an image-only compose service is from its image name. */
export function kindOfImage(image: string | undefined): IntegrationKind {
  const name = (image ?? '').toLowerCase();
  if (/postgres|mysql|mariadb|mongo|cockroach|mssql|sqlserver|oracle|cassandra|clickhouse|timescale|neo4j|couchdb|dynamodb/.test(name)) return 'database';
  if (/redis|memcached|valkey|keydb|dragonfly/.test(name)) return 'cache';
  if (/rabbitmq|kafka|nats|activemq|pulsar|redpanda|localstack|elasticmq|zookeeper/.test(name)) return 'queue';
  if (/mailhog|mailpit|smtp|postfix|greenmail/.test(name)) return 'email';
  if (/keycloak|dex|hydra|authelia|oauth/.test(name)) return 'auth';
  return 'container';
}

class TopologyBuilder {
  readonly nodes = new Map<string, TopologyNode>();
  private readonly edges = new Map<string, TopologyEdge>();

  node(node: TopologyNode): string {
    if (!this.nodes.has(node.key)) this.nodes.set(node.key, node);
    return node.key;
  }

  edge(from: string, to: string, label: string, style: TopologyEdge['style']): void {
    if (from === to) return;
    const key = `${from}\u0000${to}\u0000${style}`;
    const edge = this.edges.get(key) ?? { from, to, labels: [], style };
    if (!edge.labels.includes(label)) edge.labels.push(label);
    this.edges.set(key, edge);
  }

  hasEdgeBetween(a: string, b: string): boolean {
    for (const edge of this.edges.values()) {
      if ((edge.from === a && edge.to === b) || (edge.from === b && edge.to === a)) return true;
    }
    return false;
  }

  build(folders: Topology['folders']): Topology {
    const edges = [...this.edges.values()];
    const used = new Set(edges.flatMap((edge) => [edge.from, edge.to]));
    // Components and compose services are drawn even when nothing links them: they are the workspace.
    const nodes = [...this.nodes.values()].filter((node) => node.type === 'component' || used.has(node.key) || node.key.startsWith('x:'));
    return { folders, nodes, edges };
  }
}

/** Maps files of one folder to the component that owns them. */
class ComponentResolver {
  private readonly contexts = new Map<string, string>();
  private readonly manifestCache = new Map<string, boolean>();
  private readonly rootHasManifest: boolean;

  constructor(private readonly result: ScanResult, private readonly folderName: string, compose: ComposeService[], private readonly reader: WorkspaceReader) {
    for (const service of compose) {
      if (service.build !== undefined && !this.contexts.has(service.build)) this.contexts.set(service.build, service.name);
    }
    this.rootHasManifest = this.hasManifest('');
  }

  private hasManifest(dir: string): boolean {
    let known = this.manifestCache.get(dir);
    if (known === undefined) {
      known = MANIFESTS.some((name) => this.reader.exists(path.join(this.result.root, dir, name)));
      this.manifestCache.set(dir, known);
    }
    return known;
  }

  /** The component's label: a compose service name, a folder holding a manifest, a top-level folder or the root. */
  componentOf(file: string): string {
    const segments = file.split('/').slice(0, -1);
    for (let depth = segments.length; depth >= 0; depth--) {
      const dir = segments.slice(0, depth).join('/');
      const compose = this.contexts.get(dir);
      if (compose !== undefined) return compose;
      if (depth > 0 && this.hasManifest(dir)) return dir;
    }
    if (segments.length > 0 && !this.rootHasManifest) return segments[0];
    return this.folderName;
  }

  composeComponents(): string[] {
    return [...this.contexts.values()];
  }
}

function addFolder(builder: TopologyBuilder, folder: InventoryFolder, index: number, options: TopologyOptions): void {
  const reader = options.reader ?? diskReader;
  const { result } = folder;
  const links = readDeclaredLinks(result, reader);
  const resolver = new ComponentResolver(result, folder.name, links.compose, reader);
  const componentKey = (label: string): string => builder.node({ key: `c:${index}:${label}`, label, type: 'component', folder: index });
  for (const label of resolver.composeComponents()) componentKey(label);

  const composeByName = new Map(links.compose.map((service) => [service.name.toLowerCase(), service]));
  const servicesByName = new Map<string, Service>();
  for (const service of result.services) {
    for (const name of [service.id, service.name, ...service.hosts]) {
      if (!servicesByName.has(name.toLowerCase())) servicesByName.set(name.toLowerCase(), service);
    }
  }

  const serviceNode = (service: Service): string => {
    for (const name of [service.id, service.name, ...service.hosts]) {
      const compose = composeByName.get(name.toLowerCase());
      if (compose?.build !== undefined) return componentKey(compose.name);
    }
    return builder.node({ key: `s:${index}:${service.id}`, label: service.name, type: 'service', kind: service.kind, folder: index });
  };
  const looseNode = (integration: Integration): string => {
    const target = shortTarget(integration.host ?? integration.target, 32);
    const label = target ? `${integration.library} ${target}` : integration.library;
    return builder.node({ key: `u:${index}:${label}`, label, type: 'service', kind: integration.kind, folder: index });
  };
  /** A compose service, an engine service or a k8s-free name, by the host or name config uses. */
  const nodeByName = (name: string): string | undefined => {
    const lower = name.toLowerCase();
    const compose = composeByName.get(lower);
    if (compose?.build !== undefined) return componentKey(compose.name);
    const service = servicesByName.get(lower);
    if (service) return serviceNode(service);
    if (compose) {
      return builder.node({ key: `x:${index}:${compose.name}`, label: compose.name, type: 'service', kind: kindOfImage(compose.image), folder: index });
    }
    return undefined;
  };

  // Code: every outbound call or client draws component → service; inbound handlers the other way.
  const services = serviceIndex(result);
  result.integrations.forEach((integration, i) => {
    if (integration.role === 'declaration' || integration.direction === 'declaration') return;
    if (integration.test && !options.includeTests) return;
    const from = componentKey(resolver.componentOf(integration.file));
    const service = services.get(i);
    const to = service ? serviceNode(service) : looseNode(integration);
    if (integration.direction === 'inbound') builder.edge(to, from, integration.library, 'call');
    else builder.edge(from, to, integration.library, 'call');
  });

  // Compose: every service is a node; depends_on and environment references are edges.
  for (const compose of links.compose) nodeByName(compose.name);
  for (const compose of links.compose) {
    const from = nodeByName(compose.name);
    if (!from) continue;
    for (const dependency of compose.dependsOn) {
      const to = nodeByName(dependency);
      if (to) builder.edge(from, to, 'depends_on', 'declared');
    }
    for (const ref of compose.envRefs) {
      const to = nodeByName(ref);
      if (to && !builder.hasEdgeBetween(from, to)) builder.edge(from, to, 'env', 'declared');
    }
  }

  addK8s(builder, links.k8s, index, nodeByName);
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

function addK8s(builder: TopologyBuilder, objects: K8sObject[], index: number, nodeByName: (name: string) => string | undefined): void {
  const workloads = objects.filter((object) => WORKLOAD_KINDS.has(object.kind));
  const k8sNode = (object: K8sObject): string => builder.node({
    key: `k:${index}:${object.kind}/${object.name}`, label: `${object.kind} ${object.name}`, type: 'k8s', kind: 'k8s', folder: index,
  });
  const workloadNode = (object: K8sObject): string => {
    const component = builder.nodes.get(`c:${index}:${object.name}`);
    return component ? component.key : nodeByName(object.name) ?? k8sNode(object);
  };
  const k8sServices = new Map(objects.filter((object) => object.kind === 'Service').map((object) => [object.name.toLowerCase(), object]));
  const serviceTargets = new Map<string, string[]>();
  const serviceNode = (object: K8sObject): string => {
    let targets = serviceTargets.get(object.name);
    if (!targets) {
      targets = workloads.filter((workload) => matches(object.selector, workload.labels)).map(workloadNode);
      serviceTargets.set(object.name, targets);
    }
    // A Service in front of exactly one workload is drawn as that workload: fewer boxes, same meaning.
    if (targets.length === 1) return targets[0];
    const key = k8sNode(object);
    for (const target of targets) builder.edge(key, target, 'selects', 'declared');
    return key;
  };
  const byHost = (host: string): string | undefined => {
    const short = host.split('.')[0];
    const k8sService = k8sServices.get(short);
    return k8sService ? serviceNode(k8sService) : nodeByName(short);
  };

  for (const object of objects) {
    if (object.kind === 'Ingress') {
      const from = k8sNode(object);
      for (const backend of object.backends) {
        const target = k8sServices.get(backend.toLowerCase());
        const to = target ? serviceNode(target) : nodeByName(backend);
        if (to) builder.edge(from, to, 'ingress', 'declared');
      }
    } else if (object.kind === 'Service') {
      serviceNode(object);
    }
  }
  for (const workload of workloads) {
    const from = workloadNode(workload);
    for (const host of workload.envHosts) {
      const to = byHost(host);
      if (to && !builder.hasEdgeBetween(from, to)) builder.edge(from, to, 'env', 'declared');
    }
  }
}

export function buildTopology(folders: readonly InventoryFolder[], options: TopologyOptions = {}): Topology {
  const builder = new TopologyBuilder();
  folders.forEach((folder, index) => addFolder(builder, folder, index, options));
  return builder.build(folders.map((folder) => ({ name: folder.name, root: folder.result.root })));
}

/**
 * Collapses external services into one node per kind and component group, for workspaces too
 * big to draw service by service (Mermaid refuses more than 500 edges by default).
 */
export function aggregateTopology(topology: Topology): Topology {
  const nodes = new Map<string, TopologyNode>();
  const mapped = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const node of topology.nodes) {
    if (node.type === 'component') {
      nodes.set(node.key, node);
      mapped.set(node.key, node.key);
      continue;
    }
    const kind = node.kind ?? 'container';
    const key = `a:${node.folder}:${kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    nodes.set(key, { key, label: kind, type: node.type === 'k8s' ? 'k8s' : 'service', kind, folder: node.folder });
    mapped.set(node.key, key);
  }
  for (const [key, count] of counts) {
    const node = nodes.get(key);
    if (node) node.label = `${count} ${node.label} ${count === 1 ? 'service' : 'services'}`;
  }
  const edges = new Map<string, TopologyEdge>();
  for (const edge of topology.edges) {
    const from = mapped.get(edge.from) ?? edge.from;
    const to = mapped.get(edge.to) ?? edge.to;
    if (from === to) continue;
    const key = `${from}\u0000${to}\u0000${edge.style}`;
    const merged = edges.get(key) ?? { from, to, labels: [], style: edge.style };
    for (const label of edge.labels) if (!merged.labels.includes(label)) merged.labels.push(label);
    edges.set(key, merged);
  }
  return { folders: topology.folders, nodes: [...nodes.values()], edges: [...edges.values()] };
}
