/** A one-look markdown summary of a named policy, for hover and completion docs. */
import { formatDuration, parseDuration } from '../../core/config/duration';
import type { ParsedYaml } from '../../core/config/parseYaml';
import { nodeAtPath, toValue } from '../../core/config/yamlTree';

const show = (value: unknown) => {
  const ms = parseDuration(value);
  return ms !== undefined && typeof value === 'string' ? formatDuration(ms) : String(value);
};

export function policySummary(parsed: ParsedYaml, name: string): string {
  const found = nodeAtPath(parsed.root, ['policies', name]);
  if (!found.complete) return `Policy \`${name}\` is not defined under \`policies:\`.`;
  let policy: Record<string, unknown>;
  try {
    policy = (toValue(found.node, { maxExpandedNodes: 10_000 }) ?? {}) as Record<string, unknown>;
  } catch {
    return `Policy \`${name}\``;
  }
  const lines = [`**Policy \`${name}\`**`, ''];
  if (typeof policy.description === 'string') lines.push(policy.description, '');
  if (policy.timeout !== undefined) lines.push(`- timeout: ${show(policy.timeout)}`);
  const retry = policy.retry as Record<string, unknown> | undefined;
  if (retry && typeof retry === 'object') {
    lines.push(`- retry: ${String(retry.max_retries ?? '?')} retries, ${String(retry.backoff ?? 'exponential')} backoff from ${show(retry.base_delay ?? '200ms')} up to ${show(retry.max_delay ?? '30s')}, ${String(retry.jitter ?? 'decorrelated')} jitter`);
  }
  const breaker = policy.circuit_breaker as Record<string, unknown> | undefined;
  if (breaker && typeof breaker === 'object') {
    lines.push(`- circuit breaker: opens after ${String(breaker.failure_threshold ?? '?')} failures, half-open after ${show(breaker.half_open_after ?? '?')}`);
  }
  return lines.join('\n');
}
