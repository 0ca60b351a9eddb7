/**
 * The detection engine's vocabulary. These shapes are part of the CLI's documented JSON
 * output (`scan --format json`, version 2, docs/scan-json.md): add fields, never rename or
 * remove them without a new version.
 */

/** What an integration talks to. Exactly these words. */
export const INTEGRATION_KINDS = [
  'http', 'graphql', 'grpc', 'database', 'cache', 'queue', 'webhook', 'auth', 'email', 'container', 'k8s',
] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

/** `client` = construction or connection, `call` = a request/query/publish, `handler` = inbound, `declaration` = config. */
export type IntegrationRole = 'client' | 'call' | 'handler' | 'declaration';
export type IntegrationDirection = 'outbound' | 'inbound' | 'declaration';

/** true / false when the code says so, 'unknown' when it cannot be told statically. */
export type Tristate = true | false | 'unknown';

export interface ResilienceFacts {
  timeout: Tristate;
  retry: Tristate;
  circuitBreaker: Tristate;
}

/** Where a finding's target comes from, resolved as far as static analysis allows. */
export interface Target {
  /** Human-readable target: a URL, a host, `${ENV_VAR}`, or a compose service name. */
  display: string;
  /** A literal URL or host when one was resolved. */
  url?: string;
  host?: string;
  /** Environment variables the target is read from. */
  envVars?: string[];
}

export interface Integration {
  /** Path relative to the scan root, with forward slashes. */
  file: string;
  /** 1-based line and column (columns count UTF-16 code units, as editors do). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: IntegrationKind;
  library: string;
  role: IntegrationRole;
  direction: IntegrationDirection;
  target?: string;
  /** Environment variables and hosts behind `target`, used for grouping into services. */
  envVars?: string[];
  host?: string;
  /** For compose services and k8s workloads: the name they declare. */
  declaredService?: string;
  /** Id of the service this finding belongs to (see `Service.id`). */
  service?: string;
  /** Only for `call` role findings. */
  resilience?: ResilienceFacts;
  /** For inbound webhooks: whether the signature is verified in the handler. */
  signatureVerified?: boolean;
  /** Found in a test file (kept, but marked). */
  test: boolean;
}

export interface Service {
  /** Stable id: the env var, host or compose service name that ties the findings together. */
  id: string;
  name: string;
  kind: IntegrationKind;
  /** How the service was keyed: by env var, by host, by compose/k8s name, or by library alone. */
  keyedBy: 'env' | 'host' | 'compose' | 'library';
  envVars: string[];
  hosts: string[];
  /** Indexes into the scan result's `integrations` (its sites). */
  integrations: number[];
  /** Indexes into the scan result's `dependencies`: manifest lines naming a client library of the service. */
  dependencies: number[];
  /** Indexes into the scan result's `configuration`: `.env` keys naming the service's endpoint. */
  configuration: number[];
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ScanStats {
  files: number;
  parsedFiles: number;
  bytes: number;
  durationMs: number;
}

export interface ScanResult {
  version: 2;
  root: string;
  /** Integration sites: code, compose/k8s workloads, API specs. */
  integrations: Integration[];
  /**
   * Evidence, not sites: dependency lines of package manifests (package.json, requirements*.txt,
   * pyproject.toml, go.mod, Cargo.toml, pom.xml, build.gradle). Role `declaration`.
   */
  dependencies: Integration[];
  /** Evidence, not sites: `.env*` keys whose name or value names an endpoint. Role `declaration`. */
  configuration: Integration[];
  services: Service[];
  skipped: SkippedFile[];
  stats: ScanStats;
}
