/**
 * Resilience policies as the generators need them (milliseconds), and their two YAML
 * spellings in integration-config.yml: a named entry under `policies:` or written inline.
 */
import { parseDocument } from 'yaml';
import { formatDuration, parseDuration } from './duration';
import { GeneratorOptionsError, type ResiliencePolicy } from './types';

/** The `default` policy of integration-config.yml's documented example. */
export const DEFAULT_POLICY: ResiliencePolicy = {
  timeoutMs: 10_000,
  maxRetries: 3,
  baseDelayMs: 200,
  maxDelayMs: 30_000,
  circuitBreaker: { failureThreshold: 5, halfOpenAfterMs: 30_000 },
};

const LIMITS = { timeoutMs: 3_600_000, maxRetries: 100, delayMs: 3_600_000, failureThreshold: 10_000 };

/** Throws a GeneratorOptionsError naming the first value out of range. */
export function checkPolicy(policy: ResiliencePolicy): void {
  const whole = (value: number, field: string, min: number, max: number): void => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new GeneratorOptionsError(`${field} must be a whole number from ${min} to ${max}, got ${value}`);
    }
  };
  whole(policy.timeoutMs, 'timeout (ms)', 1, LIMITS.timeoutMs);
  whole(policy.maxRetries, 'max_retries', 0, LIMITS.maxRetries);
  whole(policy.baseDelayMs, 'base_delay (ms)', 1, LIMITS.delayMs);
  whole(policy.maxDelayMs, 'max_delay (ms)', policy.baseDelayMs, LIMITS.delayMs);
  if (policy.circuitBreaker) {
    whole(policy.circuitBreaker.failureThreshold, 'circuit_breaker.failure_threshold', 1, LIMITS.failureThreshold);
    whole(policy.circuitBreaker.halfOpenAfterMs, 'circuit_breaker.half_open_after (ms)', 1, LIMITS.delayMs);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads one policy object (`{timeout, retry: {...}, circuit_breaker: {...}}`); fields that are
 * missing or unreadable take the default's value, so a partial policy still generates code.
 */
export function policyFromConfig(value: unknown): ResiliencePolicy {
  const source = isRecord(value) ? value : {};
  const retry = isRecord(source['retry']) ? source['retry'] : {};
  const breaker = source['circuit_breaker'];
  const retries = retry['max_retries'];
  const policy: ResiliencePolicy = {
    timeoutMs: parseDuration(source['timeout']) ?? DEFAULT_POLICY.timeoutMs,
    maxRetries: typeof retries === 'number' && Number.isInteger(retries) && retries >= 0 ? retries : DEFAULT_POLICY.maxRetries,
    baseDelayMs: parseDuration(retry['base_delay']) ?? DEFAULT_POLICY.baseDelayMs,
    maxDelayMs: parseDuration(retry['max_delay']) ?? DEFAULT_POLICY.maxDelayMs,
  };
  if (isRecord(breaker)) {
    const threshold = breaker['failure_threshold'];
    policy.circuitBreaker = {
      failureThreshold: typeof threshold === 'number' && threshold >= 1 ? Math.floor(threshold) : 5,
      halfOpenAfterMs: parseDuration(breaker['half_open_after']) ?? 30_000,
    };
  }
  if (policy.maxDelayMs < policy.baseDelayMs) policy.maxDelayMs = policy.baseDelayMs;
  return policy;
}

/** The YAML shape of a policy, durations spelled the short way. */
export function policyToConfig(policy: ResiliencePolicy): Record<string, unknown> {
  const out: Record<string, unknown> = {
    timeout: formatDuration(policy.timeoutMs),
    retry: {
      max_retries: policy.maxRetries,
      backoff: 'exponential',
      base_delay: formatDuration(policy.baseDelayMs),
      max_delay: formatDuration(policy.maxDelayMs),
      jitter: 'decorrelated',
    },
  };
  if (policy.circuitBreaker) {
    out['circuit_breaker'] = {
      failure_threshold: policy.circuitBreaker.failureThreshold,
      half_open_after: formatDuration(policy.circuitBreaker.halfOpenAfterMs),
    };
  }
  return out;
}

/** The named policies of an integration-config.yml text; an unreadable file has none. */
export function readPolicies(configText: string): Record<string, ResiliencePolicy> {
  const doc = parseDocument(configText, { uniqueKeys: false });
  if (doc.errors.length > 0) return {};
  const root: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isRecord(root) || !isRecord(root['policies'])) return {};
  const out: Record<string, ResiliencePolicy> = {};
  for (const [name, value] of Object.entries(root['policies'])) out[name] = policyFromConfig(value);
  return out;
}
