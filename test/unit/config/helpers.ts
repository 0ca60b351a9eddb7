/** Shared helpers for the config tests: cursor-marked texts and diagnostics lookup. */
import assert from 'node:assert/strict';
import type { ConfigDiagnostic } from '../../../src/core/config/diagnostic';
import { LineIndex } from '../../../src/core/config/lineIndex';

/**
 * Marked text, as yaml-language-server's tests write it: `|` once marks a cursor, twice a
 * range (`retry: { max_retries: |"three"| }`). Returns the text without the marks.
 */
export function marked(source: string): { text: string; start: number; end: number } {
  const first = source.indexOf('|');
  assert.ok(first >= 0, 'the text needs a | mark');
  const second = source.indexOf('|', first + 1);
  if (second < 0) return { text: source.slice(0, first) + source.slice(first + 1), start: first, end: first };
  assert.equal(source.indexOf('|', second + 1), -1, 'at most two | marks');
  return { text: source.slice(0, first) + source.slice(first + 1, second) + source.slice(second + 1), start: first, end: second - 1 };
}

/** The text a diagnostic covers. */
export function covered(text: string, diagnostic: ConfigDiagnostic): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(diagnostic.range.start), lines.offsetAt(diagnostic.range.end));
}

export function only(diagnostics: ConfigDiagnostic[], code: string): ConfigDiagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got: ${JSON.stringify(diagnostics.map((d) => `${d.code}: ${d.message}`), null, 1)}`);
  return found[0]!;
}

export const ISSUE_EXAMPLE = `version: 1
integrations:
  - name: payments-api
    source: { type: service, endpoint: http://localhost:3000 }
    target:
      type: rest
      endpoint: "\${PAYMENTS_URL}"
      auth: { type: bearer, credentials: "\${PAYMENTS_TOKEN}" }
    sync: { strategy: real-time, frequency: "*/5 * * * *", batch_size: 100, timeout: 30s }
    resilience: { policy: default }
    monitoring: { metrics: true, logging: structured, alerts: { error_rate_threshold: 0.05, latency_threshold: 5s } }
policies:
  default:
    timeout: 10s
    retry: { max_retries: 3, backoff: exponential, base_delay: 200ms, max_delay: 30s, jitter: decorrelated,
             retry_on: [408, 429, 500, 502, 503, 504], retry_non_idempotent: false }
    circuit_breaker: { failure_threshold: 5, half_open_after: 30s }
`;

export const ISSUE_ENV = new Set(['PAYMENTS_URL', 'PAYMENTS_TOKEN']);
