/**
 * A unified diff (`diff -u` / `git diff` format, 3 lines of context) of two texts, for
 * `integration-orchestrator fix`. Line diff by Myers' O(ND) algorithm: the fixes change few lines.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script turning `a` into `b` (Myers; the frontier of every round is kept to backtrack). */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  const down = (frontier: Int32Array, k: number, d: number): boolean => k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!);
  outer: for (let d = 0; d <= n + m; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = down(v, k, d) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const k = x - y;
    const prevK = down(frontier, k, d) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : frontier[offset + prevK]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; ops.push({ kind: ' ', line: a[x]! }); }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[prevY]! });
    else ops.push({ kind: '-', line: a[prevX]! });
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

/**
 * `--- a/<name>` / `+++ b/<name>` and its hunks; `before` undefined means a new file
 * (`--- /dev/null`). Empty string when the texts are equal.
 */
export function unifiedDiff(name: string, before: string | undefined, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before ?? '');
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [before === undefined ? '--- /dev/null' : `--- a/${name}`, `+++ b/${name}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') { i++; continue; }
    // A hunk: from `context` lines before this change to `context` after the last change within reach.
    const start = Math.max(0, i - context);
    let end = i;
    while (end < ops.length) {
      if (ops[end]!.kind !== ' ') { end++; continue; }
      let run = 0;
      while (end + run < ops.length && ops[end + run]!.kind === ' ') run++;
      if (end + run >= ops.length || run > 2 * context) { end = Math.min(ops.length, end + context); break; }
      end += run;
    }
    let aLine = 1;
    let bLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]!.kind !== '+') aLine++;
      if (ops[j]!.kind !== '-') bLine++;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((op) => op.kind !== '+').length;
    const bCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    i = end;
  }
  const missingNewline = (text: string | undefined) => text !== undefined && text !== '' && !text.endsWith('\n');
  // Rare in source files; mark it as diff does, on the last line of the diff.
  if (missingNewline(after) || missingNewline(before)) out.push('\\ No newline at end of file');
  return `${out.join('\n')}\n`;
}
