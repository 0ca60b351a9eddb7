/** Offset-based text edits (UTF-16 offsets, as editors count), applied in one go. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Applies non-overlapping edits. Inserts at the same offset are applied in array order (the
 * rewriters emit them already merged).
 */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { edit } of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    result += source.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + source.slice(cursor);
}

/** An edit tagged with its place among edits at the same offset (lower first). */
export interface RankedEdit extends TextEdit {
  rank: number;
}

/** Sorts edits and merges the inserts that share an offset into one edit, so that any editor applies them in order. */
export function mergeEdits(edits: readonly RankedEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || (a.end - a.start) - (b.end - b.start) || a.rank - b.rank);
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.start === edit.start && last.end === last.start) {
      merged[merged.length - 1] = { start: last.start, end: edit.end, newText: last.newText + edit.newText };
    } else {
      merged.push({ start: edit.start, end: edit.end, newText: edit.newText });
    }
  }
  return merged;
}
