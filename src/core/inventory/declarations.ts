/**
 * Where things are declared, found in the scan's own declaration findings: the `.env` line
 * that sets an env var, the compose service or Kubernetes object behind a service.
 */
import type { Integration, ScanResult, Service } from '../detection/types';

/** What kind of file a declaration lives in. */
export type DeclarationSource = 'env' | 'compose' | 'k8s' | 'other';

export interface DeclarationSite {
  index: number;
  integration: Integration;
  source: DeclarationSource;
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

export function declarationSource(integration: Integration): DeclarationSource {
  if (isEnvFile(integration.file)) return 'env';
  if (integration.kind === 'k8s') return 'k8s';
  if (isComposeFile(integration.file)) return 'compose';
  if (/\.ya?ml$/i.test(integration.file) && /kubernetes|k8s|helm/i.test(integration.library)) return 'k8s';
  return 'other';
}

const SOURCE_ORDER: Record<DeclarationSource, number> = { env: 0, compose: 1, k8s: 2, other: 3 };

function sortDeclarations(sites: DeclarationSite[]): DeclarationSite[] {
  return sites.sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source]
    || a.integration.file.localeCompare(b.integration.file) || a.integration.line - b.integration.line);
}

/**
 * Declarations that define `envVar`: `.env` keys, compose `environment:` entries, k8s `env:`
 * items, as far as the scan reports them. A declaration counts when it lists the variable in
 * `envVars` or names it as its target.
 */
export function findEnvDefinitions(result: ScanResult, envVar: string): DeclarationSite[] {
  const sites: DeclarationSite[] = [];
  result.integrations.forEach((integration, index) => {
    if (integration.role !== 'declaration') return;
    const names = integration.envVars ?? [];
    if (names.includes(envVar) || integration.target === envVar) {
      sites.push({ index, integration, source: declarationSource(integration) });
    }
  });
  return sortDeclarations(sites);
}

/** The compose services, Kubernetes objects and other declarations that make up `service`. */
export function findServiceDeclarations(result: ScanResult, service: Service): DeclarationSite[] {
  const sites: DeclarationSite[] = [];
  const seen = new Set<number>();
  const add = (index: number): void => {
    const integration = result.integrations[index];
    if (!integration || integration.role !== 'declaration' || seen.has(index)) return;
    seen.add(index);
    sites.push({ index, integration, source: declarationSource(integration) });
  };
  for (const index of service.integrations) add(index);
  result.integrations.forEach((integration, index) => {
    if (integration.service === service.id) add(index);
  });
  // Compose and k8s first: "Reveal Declaration" means the service definition before the .env line.
  return sites.sort((a, b) => rank(a.source) - rank(b.source)
    || a.integration.file.localeCompare(b.integration.file) || a.integration.line - b.integration.line);
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
