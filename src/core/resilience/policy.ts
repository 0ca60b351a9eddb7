/**
 * The data of a resilience policy as the generated modules take it, and its mapping from
 * integration-config.yml (`policies.<name>`, or an integration's inline `resilience:`).
 * Field names match the generated TypeScript module's `ResiliencePolicy` one for one.
 */
import { parseDuration } from '../config/duration';

export type Backoff = 'exponential' | 'linear' | 'constant';
export type Jitter = 'decorrelated' | 'full' | 'equal' | 'none';
export type RetryAfterOverMax = 'give-up' | 'wait-max';

export interface ResiliencePolicyData {
  name: string;
  /** Retries after the first attempt, not attempts. */
  maxRetries: number;
  backoff: Backoff;
  jitter: Jitter;
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0 = no per-attempt limit. */
  attemptTimeoutMs: number;
  /** 0 = no overall deadline. */
  deadlineMs: number;
  retryStatuses: number[];
  /** Network error codes retried, plus `timeout` for attempts cut by `attemptTimeoutMs`. */
  retryErrors: string[];
  retryNonIdempotent: boolean;
  maxRetryAfterMs: number;
  retryAfterOverMax: RetryAfterOverMax;
  circuitBreaker: { failureThreshold: number; halfOpenAfterMs: number } | null;
}

export const DEFAULT_RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
export const DEFAULT_RETRY_ERRORS = ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'timeout'];

/** The defaults of integration-config.yml's policy fields, plus the module's own (deadline, Retry-After cap). */
export const DEFAULT_POLICY: ResiliencePolicyData = {
  name: 'default',
  maxRetries: 3,
  backoff: 'exponential',
  jitter: 'decorrelated',
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  attemptTimeoutMs: 10_000,
  deadlineMs: 30_000,
  retryStatuses: DEFAULT_RETRY_STATUSES,
  retryErrors: DEFAULT_RETRY_ERRORS,
  retryNonIdempotent: false,
  maxRetryAfterMs: 30_000,
  retryAfterOverMax: 'give-up',
  circuitBreaker: { failureThreshold: 5, halfOpenAfterMs: 30_000 },
};

type Duration = string | number;

/** The policy fields of integration-config.yml as parsed (zod output fits this shape). */
export interface ConfigPolicyLike {
  timeout?: Duration;
  retry?: {
    max_retries?: number;
    backoff?: string;
    base_delay?: Duration;
    max_delay?: Duration;
    jitter?: string;
    retry_on?: ReadonlyArray<number | string>;
    retry_non_idempotent?: boolean;
  };
  circuit_breaker?: { failure_threshold?: number; half_open_after?: Duration };
}

const BACKOFFS: readonly Backoff[] = ['exponential', 'linear', 'constant'];
const JITTERS: readonly Jitter[] = ['decorrelated', 'full', 'equal', 'none'];

/**
 * The policy `name` of the config, on top of `base` (the defaults, or the named policy an
 * integration's inline fields override). Fields the config leaves out keep `base`'s values;
 * values the validator would reject are ignored here rather than producing a broken module.
 */
export function policyFromConfig(name: string, config: ConfigPolicyLike, base: ResiliencePolicyData = DEFAULT_POLICY): ResiliencePolicyData {
  const policy: ResiliencePolicyData = { ...base, name };
  const ms = (value: Duration | undefined): number | undefined => (value === undefined ? undefined : parseDuration(value));
  policy.attemptTimeoutMs = ms(config.timeout) ?? policy.attemptTimeoutMs;
  const retry = config.retry;
  if (retry) {
    if (Number.isInteger(retry.max_retries) && retry.max_retries! >= 0) policy.maxRetries = retry.max_retries!;
    if (BACKOFFS.includes(retry.backoff as Backoff)) policy.backoff = retry.backoff as Backoff;
    if (JITTERS.includes(retry.jitter as Jitter)) policy.jitter = retry.jitter as Jitter;
    policy.initialDelayMs = ms(retry.base_delay) ?? policy.initialDelayMs;
    policy.maxDelayMs = ms(retry.max_delay) ?? policy.maxDelayMs;
    if (retry.retry_on) {
      policy.retryStatuses = retry.retry_on.filter((v): v is number => typeof v === 'number');
      policy.retryErrors = retry.retry_on.filter((v): v is string => typeof v === 'string');
    }
    if (typeof retry.retry_non_idempotent === 'boolean') policy.retryNonIdempotent = retry.retry_non_idempotent;
  }
  const breaker = config.circuit_breaker;
  if (breaker) {
    const current = policy.circuitBreaker ?? DEFAULT_POLICY.circuitBreaker!;
    policy.circuitBreaker = {
      failureThreshold: Number.isInteger(breaker.failure_threshold) ? breaker.failure_threshold! : current.failureThreshold,
      halfOpenAfterMs: ms(breaker.half_open_after) ?? current.halfOpenAfterMs,
    };
  }
  // A deadline shorter than one attempt would turn every slow attempt into a final timeout.
  if (policy.deadlineMs > 0 && policy.attemptTimeoutMs > policy.deadlineMs) policy.deadlineMs = policy.attemptTimeoutMs;
  return policy;
}

/** How the generated code refers to a policy: `policies.default`, `policies['payments-api']`. */
export function policyAccessor(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `policies.${name}` : `policies[${jsString(name)}]`;
}

/** A single-quoted JavaScript string literal. */
export function jsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** The policies to render: always with `default` first, names unique. */
export function normalisePolicies(policies: Iterable<ResiliencePolicyData> | Record<string, ResiliencePolicyData> | undefined): ResiliencePolicyData[] {
  const list = policies === undefined ? [] : Symbol.iterator in Object(policies)
    ? [...(policies as Iterable<ResiliencePolicyData>)]
    : Object.entries(policies as Record<string, ResiliencePolicyData>).map(([name, policy]) => ({ ...policy, name }));
  const byName = new Map<string, ResiliencePolicyData>();
  for (const policy of list) byName.set(policy.name, policy);
  const fallback = byName.get('default') ?? DEFAULT_POLICY;
  byName.delete('default');
  return [{ ...fallback, name: 'default' }, ...byName.values()];
}
