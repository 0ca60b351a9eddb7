/**
 * Calls already routed through the generated module. The detection engine still reports
 * `axios.get(u)` inside `withResilience(() => axios.get(u), …)` as a call without retry, so the
 * diagnostics ask the syntax tree before flagging it.
 */
import type { Integration } from '../../../core/detection/types';
import { callAt, grammarForFile, parse, type Node } from '../../../core/resilience/rewrite/syntax';
import { findingOffsets, lineStarts } from './offsets';

const WRAPPERS = new Set(['withResilience', 'resilientFetch']);

function insideWrapper(node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parent) {
    if (current.type === 'call_expression' && WRAPPERS.has(current.childForFieldName('function')?.text ?? '')) return true;
  }
  return false;
}

/** The findings of one TS/JS file whose call sits inside `withResilience(…)` or `resilientFetch(…)`. */
export async function wrappedFindings(text: string, fileName: string, findings: readonly Integration[]): Promise<Set<Integration>> {
  const wrapped = new Set<Integration>();
  // Cheap exit: nothing can be wrapped in a file that never names a wrapper.
  if (!text.includes('withResilience') && !text.includes('resilientFetch')) return wrapped;
  const tree = await parse(text, grammarForFile(fileName));
  try {
    const starts = lineStarts(text);
    for (const finding of findings) {
      const range = findingOffsets(text, starts, finding);
      const call = range && callAt(tree, range.start, range.end);
      if (call && insideWrapper(call)) wrapped.add(finding);
    }
  } finally {
    tree.delete();
  }
  return wrapped;
}
