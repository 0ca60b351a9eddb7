/** Shared helpers for the config tests: cursor-marked texts and diagnostics lookup. */
import assert from 'node:assert/strict';
import type { ConfigDiagnostic } from '../../../src/core/config/diagnostic';
import { CONFIG_EXAMPLE } from '../../../src/core/config/configDocs';
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

export const ISSUE_EXAMPLE = `${CONFIG_EXAMPLE}\n`;

export const ISSUE_ENV = new Set(['PAYMENTS_URL', 'PAYMENTS_TOKEN']);
