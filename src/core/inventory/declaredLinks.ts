/**
 * Links between parts of a workspace that only configuration states: compose `build:`
 * contexts, `depends_on:`/`links:` and environment values naming other services, Kubernetes
 * Ingress → Service → workload chains and workload env values naming a Service. Read from the
 * compose and manifest files the scan found, for the topology diagram of the export.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { ScanResult } from '../detection/types';
import { isComposeFile } from './declarations';

/** How the topology reads the workspace; the default reads the disk, tests may pass their own. */
export interface WorkspaceReader {
  /** Text of an absolute path, or undefined when it cannot be read. */
  readFile(absolutePath: string): string | undefined;
  exists(absolutePath: string): boolean;
}

/** Compose and manifest files are small; anything bigger is not read. */
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

export const diskReader: WorkspaceReader = {
  readFile(absolutePath) {
    try {
      if (statSync(absolutePath).size > MAX_CONFIG_BYTES) return undefined;
      return readFileSync(absolutePath, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists: (absolutePath) => existsSync(absolutePath),
};

export interface ComposeService {
  name: string;
  /** Compose file, relative to the root. */
  file: string;
  line: number;
  /** Build context relative to the root (posix, '' for the root itself), when the service is built from this workspace. */
  build?: string;
  image?: string;
  dependsOn: string[];
  /** Other compose services named as hosts in `environment:` values. */
  envRefs: string[];
}

export interface K8sObject {
  kind: string;
  name: string;
  file: string;
  line: number;
  /** Pod template labels (workloads). */
  labels: Record<string, string>;
  /** `spec.selector` (Services). */
  selector?: Record<string, string>;
  /** Backend Service names (Ingresses). */
  backends: string[];
  /** Hosts named in container env values (workloads). */
  envHosts: string[];
}

export interface DeclaredLinks {
  compose: ComposeService[];
  k8s: K8sObject[];
}

const ROOT_COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod', 'ReplicaSet']);

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

function asStringRecord(value: unknown): Record<string, string> {
  const record = asRecord(value) ?? {};
  return Object.fromEntries(Object.entries(record).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
}

/** Hosts named by a config value: `postgres://u:p@db:5432/x` → db, `redis:6379` → redis, `http://api` → api. */
export function hostsInValue(value: string): string[] {
  const hosts = new Set<string>();
  for (const match of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@]*@)?([A-Za-z0-9_.-]+)/gi)) hosts.add(match[1].toLowerCase());
  const bare = /^([A-Za-z][A-Za-z0-9_.-]*):(\d{2,5})$/.exec(value.trim());
  if (bare) hosts.add(bare[1].toLowerCase());
  return [...hosts];
}

function composeFiles(result: ScanResult, reader: WorkspaceReader): string[] {
  const files = new Set(result.integrations.map((i) => i.file).filter(isComposeFile));
  for (const name of ROOT_COMPOSE_FILES) {
    if (reader.exists(path.join(result.root, name))) files.add(name);
  }
  return [...files].sort();
}

function lineOfKey(doc: Document, keys: string[], counter: LineCounter): number {
  const node = doc.getIn(keys.slice(0, -1), true);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && String(pair.key.value) === keys[keys.length - 1] && pair.key.range) {
        return counter.linePos(pair.key.range[0]).line;
      }
    }
  }
  return 1;
}

function environmentValues(environment: unknown): string[] {
  if (Array.isArray(environment)) {
    return environment.filter((item): item is string => typeof item === 'string').map((item) => item.slice(item.indexOf('=') + 1));
  }
  return Object.values(asRecord(environment) ?? {}).filter((v): v is string => typeof v === 'string');
}

export function parseComposeFile(file: string, text: string): ComposeService[] {
  const counter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  } catch {
    return [];
  }
  const data = asRecord(doc.toJS({ maxAliasCount: 100 }));
  const services = asRecord(data?.services);
  if (!services) return [];
  const dir = path.posix.dirname(file);
  const names = new Set(Object.keys(services));
  return Object.entries(services).map(([name, raw]): ComposeService => {
    const spec = asRecord(raw) ?? {};
    const buildSpec = spec.build;
    const context = typeof buildSpec === 'string' ? buildSpec : typeof asRecord(buildSpec)?.context === 'string' ? String(asRecord(buildSpec)?.context) : undefined;
    let build: string | undefined;
    if (context !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(context)) {
      const joined = path.posix.normalize(path.posix.join(dir, context));
      build = joined === '.' ? '' : joined.replace(/\/$/, '');
      if (build.startsWith('..')) build = undefined;
    }
    const dependsRaw = spec.depends_on;
    const dependsOn = Array.isArray(dependsRaw) ? dependsRaw.map(String) : Object.keys(asRecord(dependsRaw) ?? {});
    const linkNames = Array.isArray(spec.links) ? spec.links.map((link) => String(link).split(':')[0]) : [];
    const envRefs = environmentValues(spec.environment).flatMap(hostsInValue).filter((host) => names.has(host) && host !== name);
    return {
      name, file, line: lineOfKey(doc, ['services', name], counter),
      ...(build !== undefined ? { build } : {}),
      ...(typeof spec.image === 'string' ? { image: spec.image } : {}),
      dependsOn: [...new Set([...dependsOn, ...linkNames])],
      envRefs: [...new Set(envRefs)],
    };
  });
}

/** Helm template lines cannot be parsed as YAML; blank them so the rest of the manifest still is. */
function untemplate(text: string): string {
  return text.split('\n').map((line) => {
    if (/^\s*\{\{.*\}\}\s*$/.test(line)) return '';
    return line.replace(/\{\{[^}]*\}\}/g, 'x');
  }).join('\n');
}

function podSpecOf(kind: string, spec: Record<string, unknown> | undefined): { labels: Record<string, string>; podSpec?: Record<string, unknown> } {
  if (!spec) return { labels: {} };
  if (kind === 'Pod') return { labels: {}, podSpec: spec };
  const template = kind === 'CronJob' ? asRecord(asRecord(asRecord(spec.jobTemplate)?.spec)?.template) : asRecord(spec.template);
  return { labels: asStringRecord(asRecord(template?.metadata)?.labels), podSpec: asRecord(template?.spec) };
}

function ingressBackends(spec: Record<string, unknown> | undefined): string[] {
  if (!spec) return [];
  const names: string[] = [];
  const backend = (value: unknown): void => {
    const record = asRecord(value);
    const name = asRecord(record?.service)?.name ?? record?.serviceName;
    if (typeof name === 'string') names.push(name);
  };
  backend(spec.defaultBackend ?? spec.backend);
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    const paths = asRecord(asRecord(rule)?.http)?.paths;
    for (const item of Array.isArray(paths) ? paths : []) backend(asRecord(item)?.backend);
  }
  return [...new Set(names)];
}

export function parseK8sFile(file: string, text: string): K8sObject[] {
  const objects: K8sObject[] = [];
  let docs: Document[];
  const counter = new LineCounter();
  try {
    docs = parseAllDocuments(untemplate(text), { lineCounter: counter, uniqueKeys: false }) as Document[];
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    let data: Record<string, unknown> | undefined;
    try {
      data = asRecord(doc.toJS({ maxAliasCount: 100 }));
    } catch {
      continue;
    }
    const kind = data?.kind;
    const name = asRecord(data?.metadata)?.name;
    if (typeof kind !== 'string' || typeof name !== 'string') continue;
    const spec = asRecord(data?.spec);
    const line = doc.contents?.range ? counter.linePos(doc.contents.range[0]).line : 1;
    const object: K8sObject = { kind, name, file, line, labels: {}, backends: [], envHosts: [] };
    if (WORKLOADS.has(kind)) {
      const { labels, podSpec } = podSpecOf(kind, spec);
      object.labels = labels;
      const containers = [...(Array.isArray(podSpec?.containers) ? podSpec.containers : []), ...(Array.isArray(podSpec?.initContainers) ? podSpec.initContainers : [])];
      const hosts = containers.flatMap((container) => {
        const env = asRecord(container)?.env;
        return (Array.isArray(env) ? env : []).map((item) => asRecord(item)?.value).filter((v): v is string => typeof v === 'string').flatMap(hostsInValue);
      });
      object.envHosts = [...new Set(hosts)];
    } else if (kind === 'Service') {
      object.selector = asStringRecord(spec?.selector);
    } else if (kind === 'Ingress') {
      object.backends = ingressBackends(spec);
    }
    objects.push(object);
  }
  return objects;
}

/** Reads every compose file and Kubernetes manifest the scan knows of. Unreadable or invalid files add nothing. */
export function readDeclaredLinks(result: ScanResult, reader: WorkspaceReader = diskReader): DeclaredLinks {
  const compose = composeFiles(result, reader).flatMap((file) => {
    const text = reader.readFile(path.join(result.root, file));
    return text === undefined ? [] : parseComposeFile(toPosix(file), text);
  });
  const manifestFiles = [...new Set(result.integrations.filter((i) => i.kind === 'k8s' && /\.ya?ml$/i.test(i.file)).map((i) => i.file))].sort();
  const k8s = manifestFiles.flatMap((file) => {
    const text = reader.readFile(path.join(result.root, file));
    return text === undefined ? [] : parseK8sFile(file, text);
  });
  return { compose, k8s };
}
