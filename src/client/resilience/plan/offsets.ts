/** Detection findings carry 1-based line/column (UTF-16 columns); the rewriters take string offsets. */
import type { Integration } from '../../../core/detection/types';

/** Offsets at which each line starts (after `\n`; a `\r` before it stays on the previous line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The offset of a 1-based line and column, or undefined when the text has no such place. */
export function offsetAt(starts: readonly number[], textLength: number, line: number, column: number): number | undefined {
  const lineStart = starts[line - 1];
  if (lineStart === undefined || column < 1) return undefined;
  const lineEnd = line < starts.length ? starts[line]! : textLength + 1;
  const offset = lineStart + column - 1;
  return offset < lineEnd ? offset : undefined;
}

/**
 * The [start, end) offsets of a finding in `text`, or undefined when the text no longer holds a
 * call there (the finding is older than the text: an edit the inventory has not seen yet).
 */
export function findingOffsets(text: string, starts: readonly number[], finding: Pick<Integration, 'line' | 'column' | 'endLine' | 'endColumn'>): { start: number; end: number } | undefined {
  const start = offsetAt(starts, text.length, finding.line, finding.column);
  const end = offsetAt(starts, text.length, finding.endLine, finding.endColumn);
  if (start === undefined || end === undefined || end <= start) return undefined;
  // Every call the fixes handle ends with its argument list.
  if (text[end - 1] !== ')') return undefined;
  return { start, end };
}
