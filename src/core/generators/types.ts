/**
 * The generator registry's vocabulary: which patterns and languages exist, what a generator
 * takes, and what it returns. Generators are pure: options in, files out; reading the
 * workspace (layout, existing config) happens before, writing happens after (writePlan.ts).
 */

/** Pattern ids, as used by the CLI (`--pattern`) and the wizard. */
export const PATTERN_IDS = [
  'rest-client', 'database-cache', 'queue-producer', 'queue-consumer', 'webhook-receiver',
  'oauth2-client', 'workflow', 'monitoring', 'health-endpoint',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

/** Language ids, as used by the CLI (`--language`) and the wizard. */
export const LANGUAGE_IDS = ['typescript', 'python', 'go', 'java', 'rust'] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

export const LANGUAGE_TITLES: Record<LanguageId, string> = {
  typescript: 'TypeScript', python: 'Python', go: 'Go', java: 'Java', rust: 'Rust',
};

/** The auth types of integration-config.yml's `target.auth.type`. */
export const AUTH_TYPES = ['none', 'api-key', 'bearer', 'basic', 'oauth2', 'mtls', 'hmac'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export const BROKERS = ['rabbitmq', 'kafka'] as const;
export type Broker = (typeof BROKERS)[number];

export const WORKFLOW_ENGINES = ['in-process', 'temporal'] as const;
export type WorkflowEngine = (typeof WORKFLOW_ENGINES)[number];

/**
 * A resilience policy with every value resolved to milliseconds.
 * `maxRetries` counts retries, not attempts: 3 means up to 4 calls in total.
 */
export interface ResiliencePolicy {
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** `undefined` = no circuit breaker. */
  circuitBreaker?: { failureThreshold: number; halfOpenAfterMs: number };
}

/** A named policy from (or for) `policies:` of integration-config.yml, or one written inline. */
export type PolicyChoice =
  | { kind: 'named'; name: string; policy: ResiliencePolicy }
  | { kind: 'inline'; policy: ResiliencePolicy };

/** Where the files of one integration go and what the language calls the module. */
export interface OutputLayout {
  /** Folder relative to the workspace root, forward slashes, no trailing slash. */
  dir: string;
  /** Go package name, Java package, Python dotted package or Rust module name. */
  module: string;
  /** Go import path when the workspace has a go.mod. */
  importPath?: string;
  /** Extra files that make the folder importable (Python `__init__.py` of parent packages). */
  packageInits?: string[];
}

export interface GeneratorOptions {
  /** Integration name in kebab-case, e.g. `payments-api`. */
  name: string;
  /** Overrides of env var names by slot (see patterns.ts); defaults come from the name. */
  env?: Partial<Record<string, string>>;
  auth?: AuthType;
  resilience?: PolicyChoice;
  monitoring?: boolean;
  broker?: Broker;
  engine?: WorkflowEngine;
  /** From `planOutputPaths`; when absent the language's default layout is used. */
  layout?: OutputLayout;
}

/** The options after defaults are applied: what a generator function receives. */
export interface ResolvedOptions {
  name: string;
  env: Record<string, string>;
  auth: AuthType;
  resilience: PolicyChoice;
  monitoring: boolean;
  broker: Broker;
  engine: WorkflowEngine;
  layout: OutputLayout;
}

export interface GeneratedFile {
  /** Relative to the workspace root, forward slashes. */
  path: string;
  content: string;
  /** A package marker (`__init__.py`): created when missing, never a conflict when present. */
  onlyIfMissing?: boolean;
}

/** An env var the generated code reads; only the name ever reaches `.env.example`. */
export interface EnvVarSpec {
  name: string;
  description: string;
  secret: boolean;
}

export interface GeneratorOutput {
  files: GeneratedFile[];
  /** Entries to add under `integrations:` of integration-config.yml (may be empty). */
  configEntries: Record<string, unknown>[];
  /** A policy to add under `policies:` when the chosen named policy is not there yet. */
  policy?: { name: string; policy: ResiliencePolicy };
  envVars: EnvVarSpec[];
  /** Packages the code needs, in the ecosystem's own notation (`npm i pg`, a go.mod line…). */
  dependencies: string[];
  /** What the user still has to do by hand (e.g. declare a Rust module). */
  notes: string[];
}

export type Support = { supported: true } | { supported: false; reason: string };

/** A pattern × language generator: pure, deterministic. */
export type Generator = (options: ResolvedOptions) => GeneratorOutput;

/** Thrown for options a generator cannot honour (bad name, unsupported auth type…). */
export class GeneratorOptionsError extends Error {
  override readonly name = 'GeneratorOptionsError';
}

/** Thrown when a pattern × language pair (or its options) is not supported. */
export class UnsupportedPairError extends Error {
  override readonly name = 'UnsupportedPairError';
  constructor(readonly pattern: PatternId, readonly language: LanguageId, readonly reason: string) {
    super(`${pattern} in ${language} is not supported: ${reason}`);
  }
}
