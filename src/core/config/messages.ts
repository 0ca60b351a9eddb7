/** Pieces of human-readable messages: paths, values and lists. */
import type { PathSegment } from './yamlTree';

/**
 * A short path for messages: the last two named keys with any indexes between them,
 * `policies.default.retry.max_retries` → `retry.max_retries`, `integrations.0.name` → `integrations[0].name`.
 */
export function displayPath(path: readonly PathSegment[]): string {
  let named = 0;
  let start = path.length;
  while (start > 0 && named < 2) {
    start--;
    if (typeof path[start] === 'string') named++;
  }
  let out = '';
  for (const segment of path.slice(start)) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out;
}

/** A value as messages show it after "got": strings quoted and cut, collections by kind. */
export function describeValue(value: unknown, secret = false): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (secret) return `a ${typeof value === 'string' ? 'string' : typeof value} (not shown)`;
  if (typeof value === 'string') {
    const cut = value.length > 40 ? `${value.slice(0, 37)}…` : value;
    return JSON.stringify(cut);
  }
  return String(value);
}

/** `a`, `b` or `c` with code marks. */
export function listOf(values: readonly unknown[], conjunction = 'or'): string {
  const marked = values.map((value) => `\`${String(value)}\``);
  if (marked.length <= 1) return marked.join('');
  return `${marked.slice(0, -1).join(', ')} ${conjunction} ${marked[marked.length - 1]}`;
}

/** The value at `path` inside a plain JS value. */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.prototype.hasOwnProperty.call(current, segment) ? (current as Record<PathSegment, unknown>)[segment] : undefined;
  }
  return current;
}
