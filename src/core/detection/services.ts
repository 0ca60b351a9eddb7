/**
 * Groups findings into services: the same env var, host or compose/k8s service name across
 * code, .env, compose and k8s is one service (union-find over those keys).
 */
import type { Integration, IntegrationKind, Service } from './types';
import type { FileAnalysis } from './analyzeFile';
import { hostOf } from './target';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '[::1]', 'host.docker.internal']);

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    if (!this.parent.has(key)) this.parent.set(key, key);
    let current = key;
    while (current !== root) { const next = this.parent.get(current)!; this.parent.set(current, root); current = next; }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb < ra ? ra : rb, rb < ra ? rb : ra);
  }
}

function hostKey(integration: Integration): string | undefined {
  if (!integration.host) return undefined;
  if (LOCAL_HOSTS.has(integration.host)) {
    const port = /:(\d+)/.exec(integration.target?.replace(/^[a-z+.-]+:\/\//i, '').replace(/^[^@]*@/, '') ?? '')?.[1];
    return port ? `host:${integration.host}:${port}` : undefined;
  }
  return `host:${integration.host}`;
}

/** The keys a finding is known by. Compose/k8s workloads are keyed by name only: their env lists what they consume. */
function keysOf(integration: Integration, composeServices: Set<string>): string[] {
  if (integration.declaredService) return [`svc:${integration.declaredService}`];
  const keys: string[] = [];
  for (const name of integration.envVars ?? []) keys.push(`env:${name}`);
  const host = hostKey(integration);
  if (host) keys.push(host);
  if (integration.host && composeServices.has(integration.host)) keys.push(`svc:${integration.host}`);
  if (keys.length === 0) {
    if (integration.direction === 'inbound' && integration.target) keys.push(`route:${integration.target}`);
    else keys.push(`lib:${integration.kind}:${integration.library}`);
  }
  return keys;
}

/** A service as grouping sees it: `members` index the one list of findings it was given. */
export type GroupedService = Omit<Service, 'integrations' | 'dependencies' | 'configuration'> & { members: number[] };

/**
 * Groups `integrations` (every finding of the scan, sites and evidence alike, in file order) and
 * sets each finding's `service`. The caller splits `members` back into its own lists.
 */
export function groupServices(analyses: Iterable<FileAnalysis>, integrations: Integration[]): GroupedService[] {
  const all = [...analyses];
  const composeServices = new Set<string>();
  for (const integration of integrations) if (integration.library === 'docker-compose' && integration.declaredService) composeServices.add(integration.declaredService);
  const union = new UnionFind();
  const keysByIndex = integrations.map((integration) => keysOf(integration, composeServices));
  keysByIndex.forEach((keys) => { for (const key of keys.slice(1)) union.union(keys[0], key); });
  // Compose environment values tie env vars to the compose service they point at.
  for (const analysis of all) for (const entry of analysis.composeEnvironment) {
    const host = hostOf(entry.value);
    if (host && composeServices.has(host)) union.union(`env:${entry.name}`, `svc:${host}`);
  }
  for (const analysis of all) for (const definition of analysis.envDefinitions) {
    const host = definition.value ? hostOf(definition.value) : undefined;
    if (host && composeServices.has(host)) union.union(`env:${definition.name}`, `svc:${host}`);
  }

  // A dependency declared in a manifest (`"redis": "^4"`) is evidence for the service that library
  // talks to, not a service of its own: join it to the first group where code uses that library.
  const rootByLibrary = new Map<string, string>();
  keysByIndex.forEach((keys, index) => {
    const integration = integrations[index];
    if (integration.direction !== 'declaration' && !keys[0].startsWith('lib:') && !rootByLibrary.has(integration.library)) rootByLibrary.set(integration.library, union.find(keys[0]));
  });
  keysByIndex.forEach((keys, index) => {
    const integration = integrations[index];
    const target = rootByLibrary.get(integration.library);
    if (integration.direction === 'declaration' && keys.length === 1 && keys[0].startsWith('lib:') && target) union.union(target, keys[0]);
  });

  const groups = new Map<string, number[]>();
  keysByIndex.forEach((keys, index) => {
    const root = union.find(keys[0]);
    const list = groups.get(root);
    if (list) list.push(index); else groups.set(root, [index]);
  });

  const services: GroupedService[] = [];
  const usedIds = new Set<string>();
  for (const members of groups.values()) {
    const keys = new Set(members.flatMap((i) => keysByIndex[i]));
    const envVars = [...keys].filter((k) => k.startsWith('env:')).map((k) => k.slice(4)).sort();
    const hosts = [...keys].filter((k) => k.startsWith('host:')).map((k) => k.slice(5)).sort();
    const named = [...keys].filter((k) => k.startsWith('svc:')).map((k) => k.slice(4)).sort();
    const kind = dominantKind(members.map((i) => integrations[i]));
    let keyedBy: Service['keyedBy'];
    let name: string;
    // A compose service that only declares itself names the group; code talking to it wins the kind.
    const pointedAt = named.find((n) => integrations.some((i, idx) => members.includes(idx) && i.host === n)) ?? named.find((n) => members.some((i) => integrations[i].declaredService === n && integrations[i].library === 'docker-compose' && members.length > 1)) ?? named[0];
    if (pointedAt) { keyedBy = 'compose'; name = pointedAt; }
    else if (envVars.length > 0) { keyedBy = 'env'; name = envVars[0]; }
    else if (hosts.length > 0) { keyedBy = 'host'; name = hosts[0]; }
    else {
      const first = integrations[members[0]];
      keyedBy = 'library';
      name = first.direction === 'inbound' && first.target ? `${first.library} ${first.target}` : first.library;
    }
    let id = `${keyedBy}:${name}`;
    for (let n = 2; usedIds.has(id); n++) id = `${keyedBy}:${name}#${n}`;
    usedIds.add(id);
    for (const index of members) integrations[index].service = id;
    services.push({ id, name, kind, keyedBy, envVars, hosts, members: members.sort((a, b) => a - b) });
  }
  return services.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function dominantKind(members: Integration[]): IntegrationKind {
  const counts = new Map<IntegrationKind, number>();
  for (const member of members) {
    const weight = member.direction === 'declaration' ? (member.kind === 'container' || member.kind === 'k8s' ? 0.1 : 0.5) : 1;
    counts.set(member.kind, (counts.get(member.kind) ?? 0) + weight);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'http';
}
