/**
 * Where things are declared, found in the scan's own declaration findings: the `.env` line
 * that sets an env var, the compose service or Kubernetes object behind a service. Those are
 * sites (compose, k8s) and evidence (`.env` keys, manifest dependencies) alike.
 */
import { allFindings, serviceFindings } from '../detection/scanResult';
import type { Integration, ScanResult, Service } from '../detection/types';

/** What kind of file a declaration lives in. */
export type DeclarationSource = 'env' | 'compose' | 'k8s' | 'other';

/** A place something is declared, with enough to open it at the right range. */
export interface DeclarationSite {
  file: string;
  /** 1-based, as in the scan result. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  source: DeclarationSource;
  /** The value set there (`.env` line, compose/k8s env value), when known; may hold redacted credentials. */
  value?: string;
  /** The declaration finding, when the site is one. */
  integration?: Integration;
}

/**
 * A line that sets an env var, as the engine reports it beside the ScanResult (exact lines of
 * `.env` keys, compose `environment:` entries and k8s `env:` items). Same shape as the engine's.
 */
export interface EnvDefinitionLike {
  name: string;
  file: string;
  line: number;
  source: 'env' | 'compose' | 'k8s';
  value?: string;
}

function fromIntegration(integration: Integration): DeclarationSite {
  const { file, line, column, endLine, endColumn } = integration;
  return { file, line, column, endLine, endColumn, source: declarationSource(integration), integration, ...(integration.target ? { value: integration.target } : {}) };
}

export function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

export function isEnvFile(file: string): boolean {
  const name = basename(file);
  return /^\.env(\..+)?$/.test(name) || /\.env$/.test(name);
}

export function isComposeFile(file: string): boolean {
  return /^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(basename(file));
}

const MANIFEST_FILES = /^(package\.json|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|setup\.(py|cfg)|go\.mod|Cargo\.toml|pom\.xml|build\.gradle(\.kts)?)$/;

/** Package manifests: their dependencies are supporting evidence, not integrations by themselves. */
export function isManifestFile(file: string): boolean {
  return MANIFEST_FILES.test(basename(file));
}

export function declarationSource(integration: Integration): DeclarationSource {
  if (isEnvFile(integration.file)) return 'env';
  if (integration.kind === 'k8s') return 'k8s';
  if (isComposeFile(integration.file)) return 'compose';
  if (/\.ya?ml$/i.test(integration.file) && /kubernetes|k8s|helm/i.test(integration.library)) return 'k8s';
  return 'other';
}

const SOURCE_ORDER: Record<DeclarationSource, number> = { env: 0, compose: 1, k8s: 2, other: 3 };

function byPlace(a: DeclarationSite, b: DeclarationSite): number {
  return a.file.localeCompare(b.file) || a.line - b.line;
}

/**
 * Where `envVar` is set: the engine's exact env definitions when given, plus declaration
 * findings (`.env` keys, compose services, k8s workloads) listing the variable in files the
 * exact definitions do not cover. `.env` first, then compose, then k8s.
 */
export function findEnvDefinitions(result: ScanResult, envVar: string, definitions: readonly EnvDefinitionLike[] = []): DeclarationSite[] {
  const sites: DeclarationSite[] = definitions.filter((definition) => definition.name === envVar).map((definition) => ({
    file: definition.file, line: definition.line, column: 1, endLine: definition.line, endColumn: 1,
    source: definition.source, ...(definition.value !== undefined && definition.value !== '' ? { value: definition.value } : {}),
  }));
  const covered = new Set(sites.map((site) => site.file));
  for (const integration of allFindings(result)) {
    if (integration.role !== 'declaration' || covered.has(integration.file)) continue;
    if ((integration.envVars ?? []).includes(envVar) || integration.target === envVar) {
      const site = fromIntegration(integration);
      // A compose service that merely lists the variable says nothing about its value.
      if (site.source !== 'env') delete site.value;
      sites.push(site);
    }
  }
  return sites.sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || byPlace(a, b));
}

/** The compose services, Kubernetes objects, `.env` keys and dependencies that make up `service`. */
export function findServiceDeclarations(result: ScanResult, service: Service): DeclarationSite[] {
  const sites: DeclarationSite[] = [];
  const seen = new Set<Integration>();
  const add = (integration: Integration): void => {
    if (integration.role !== 'declaration' || seen.has(integration)) return;
    seen.add(integration);
    sites.push(fromIntegration(integration));
  };
  for (const integration of serviceFindings(result, service)) add(integration);
  for (const integration of allFindings(result)) {
    if (integration.service === service.id) add(integration);
  }
  // Compose and k8s first: "Reveal Declaration" means the service definition before the .env line.
  return sites.sort((a, b) => rank(a.source) - rank(b.source) || byPlace(a, b));
}

function rank(source: DeclarationSource): number {
  return source === 'compose' ? 0 : source === 'k8s' ? 1 : source === 'other' ? 2 : 3;
}

/** Env vars a finding reads, from `envVars` and from `${NAME}` / `$NAME` in its target. */
export function envVarsOf(integration: Integration): string[] {
  const names = new Set(integration.envVars ?? []);
  for (const match of (integration.target ?? '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*)/g)) {
    names.add(match[1] ?? match[2]);
  }
  return [...names];
}
