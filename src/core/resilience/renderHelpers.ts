/**
 * The Python and Go helpers written next to the code a fix touches: a retrying requests Session
 * (resilience.py) and a retrying http.Client (resilience_http.go), both with the config's policies.
 */
import { TEMPLATES } from './templates.generated';
import { normalisePolicies, type ResiliencePolicyData } from './policy';
import { replacePoliciesRegion } from './renderModule';

type Policies = Iterable<ResiliencePolicyData> | Record<string, ResiliencePolicyData>;

const pyString = (value: string): string => JSON.stringify(value);
const seconds = (ms: number): string => String(ms / 1000);

/** resilience.py for requests (urllib3 Retry on a Session), with the given policies. */
export function renderPythonHelper(policies?: Policies): string {
  const entries = normalisePolicies(policies).map((p) => [
    `    ${pyString(p.name)}: Policy(`,
    `        name=${pyString(p.name)},`,
    `        max_retries=${p.maxRetries},`,
    `        backoff=${pyString(p.backoff)},`,
    `        jitter=${pyString(p.jitter)},`,
    `        initial_delay=${seconds(p.initialDelayMs)},`,
    `        max_delay=${seconds(p.maxDelayMs)},`,
    `        attempt_timeout=${p.attemptTimeoutMs > 0 ? seconds(p.attemptTimeoutMs) : 'None'},`,
    `        deadline=${p.deadlineMs > 0 ? seconds(p.deadlineMs) : 'None'},`,
    `        retry_statuses=(${p.retryStatuses.join(', ')}${p.retryStatuses.length === 1 ? ',' : ''}),`,
    `        retry_errors=(${p.retryErrors.map(pyString).join(', ')}${p.retryErrors.length === 1 ? ',' : ''}),`,
    `        retry_non_idempotent=${p.retryNonIdempotent ? 'True' : 'False'},`,
    `        max_retry_after=${seconds(p.maxRetryAfterMs)},`,
    `        retry_after_over_max=${pyString(p.retryAfterOverMax)},`,
    `        failure_threshold=${p.circuitBreaker ? p.circuitBreaker.failureThreshold : 'None'},`,
    `        half_open_after=${seconds(p.circuitBreaker?.halfOpenAfterMs ?? 30_000)},`,
    '    ),',
  ].join('\n'));
  const block = ['# Policies from integration-config.yml (`policies:`).', 'POLICIES: Dict[str, Policy] = {', ...entries, '}', ''].join('\n');
  return replacePoliciesRegion(TEMPLATES.python, block);
}

function goDuration(ms: number): string {
  if (ms === 0) return '0';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} * time.Hour`;
  if (ms % 60_000 === 0) return `${ms / 60_000} * time.Minute`;
  if (ms % 1000 === 0) return `${ms / 1000} * time.Second`;
  return `${ms} * time.Millisecond`;
}

/** Key-value lines aligned the way gofmt aligns them. */
function goFields(fields: Array<[string, string]>, indent: string): string[] {
  const width = Math.max(...fields.map(([key]) => key.length)) + 1;
  return fields.map(([key, value]) => `${indent}${`${key}:`.padEnd(width)} ${value},`);
}

export interface GoHelperOptions {
  /** The package of the directory the file goes into (`main`, `client`, …). */
  packageName: string;
  policies?: Policies;
}

/** resilience_http.go: a retrying http.Client and doWithDeadline, in the given package. */
export function renderGoHelper(options: GoHelperOptions): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.packageName)) throw new Error(`not a Go package name: ${options.packageName}`);
  const entries = normalisePolicies(options.policies).flatMap((p) => [
    `\t${JSON.stringify(p.name)}: {`,
    ...goFields([
      ['Name', JSON.stringify(p.name)],
      ['MaxRetries', String(p.maxRetries)],
      ['Backoff', JSON.stringify(p.backoff)],
      ['Jitter', JSON.stringify(p.jitter)],
      ['InitialDelay', goDuration(p.initialDelayMs)],
      ['MaxDelay', goDuration(p.maxDelayMs)],
      ['AttemptTimeout', goDuration(p.attemptTimeoutMs)],
      ['Deadline', goDuration(p.deadlineMs)],
      ['RetryStatuses', `[]int{${p.retryStatuses.join(', ')}}`],
      ['RetryTimeouts', String(p.retryErrors.includes('timeout'))],
      ['RetryNonIdempotent', String(p.retryNonIdempotent)],
      ['MaxRetryAfter', goDuration(p.maxRetryAfterMs)],
      ['RetryAfterOverMax', JSON.stringify(p.retryAfterOverMax)],
      ['FailureThreshold', String(p.circuitBreaker?.failureThreshold ?? 0)],
      ['HalfOpenAfter', goDuration(p.circuitBreaker?.halfOpenAfterMs ?? 0)],
    ], '\t\t'),
    '\t},',
  ]);
  const block = ['// Policies from integration-config.yml (`policies:`).', 'var resiliencePolicies = map[string]ResiliencePolicy{', ...entries, '}', ''].join('\n');
  return replacePoliciesRegion(TEMPLATES.go, block).replace(/^package resilience$/m, `package ${options.packageName}`);
}
