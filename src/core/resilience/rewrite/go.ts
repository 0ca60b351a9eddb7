/**
 * Go: route calls through the generated resilience_http.go of the same package.
 *   http.Get(url)                → resilientHTTPClient.Get(url)        (also Head, Post, PostForm)
 *   http.DefaultClient.Do(req)   → resilientHTTPClient.Do(req)
 *   client.Do(req)               → doWithDeadline(client, req)         (a context deadline)
 * The `net/http` import is removed when nothing else in the file uses it (Go rejects unused imports).
 */
import { callAt, namedChildren, parse, UnsupportedCallError, type Node, type Tree } from './syntax';
import { mergeEdits, type RankedEdit, type TextEdit } from './textEdit';

export interface GoCallSite {
  start: number;
  end: number;
}

const PACKAGE_FUNCS = new Set(['Get', 'Head', 'Post', 'PostForm']);
const CLIENT_FUNCS = new Set(['Get', 'Head', 'Post', 'PostForm', 'Do']);

/** The local name of `net/http` in this file and its import spec, if imported. */
function httpImport(tree: Tree): { name: string; spec: Node } | undefined {
  for (const spec of tree.rootNode.descendantsOfType('import_spec')) {
    if (!spec || spec.childForFieldName('path')?.text !== '"net/http"') continue;
    return { name: spec.childForFieldName('name')?.text ?? 'http', spec };
  }
  return undefined;
}

/** The package clause's name, for the helper file written beside this one. */
export async function goPackageName(source: string): Promise<string | undefined> {
  const tree = await parse(source, 'go');
  try {
    const clause = tree.rootNode.descendantsOfType('package_clause')[0];
    return clause ? namedChildren(clause)[0]?.text : undefined;
  } finally {
    tree.delete();
  }
}

function editsForCall(call: Node, http: string): RankedEdit[] {
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (fn?.type !== 'selector_expression' || !args) throw new UnsupportedCallError('not a method or package call');
  const operand = fn.childForFieldName('operand')!;
  const field = fn.childForFieldName('field')!.text;
  if (operand.text === http && PACKAGE_FUNCS.has(field)) {
    return [{ start: operand.startIndex, end: operand.endIndex, newText: 'resilientHTTPClient', rank: 0 }];
  }
  if (operand.text === `${http}.DefaultClient` && CLIENT_FUNCS.has(field)) {
    return [{ start: operand.startIndex, end: operand.endIndex, newText: 'resilientHTTPClient', rank: 0 }];
  }
  if (operand.text === 'resilientHTTPClient' || fn.text === 'doWithDeadline') return [];
  const list = namedChildren(args);
  if (field === 'Do' && list.length === 1) {
    // client.Do(req) → doWithDeadline(client, req): `(client).Do(` becomes `doWithDeadline(client, `.
    return [
      { start: fn.startIndex, end: operand.startIndex, newText: 'doWithDeadline(', rank: 0 },
      { start: operand.endIndex, end: args.startIndex + 1, newText: ', ', rank: 0 },
    ];
  }
  throw new UnsupportedCallError(`${fn.text}(…) is not an HTTP call this fix knows`);
}

/** `http.X` references left once the replaced ranges are gone. */
function httpUsesLeft(tree: Tree, http: string, edits: RankedEdit[]): number {
  const replaced = (node: Node): boolean => edits.some((e) => e.start <= node.startIndex && node.endIndex <= e.end && e.end > e.start);
  let count = 0;
  for (const node of tree.rootNode.descendantsOfType(['selector_expression', 'qualified_type'])) {
    if (!node) continue;
    const head = node.type === 'selector_expression' ? node.childForFieldName('operand') : node.childForFieldName('package');
    if (head?.text === http && head.type !== 'selector_expression' && !replaced(head)) count++;
  }
  return count;
}

function removeImport(source: string, spec: Node): RankedEdit {
  const declaration = spec.parent?.type === 'import_declaration' ? spec.parent : undefined;
  const target = declaration ?? spec;
  const lineStart = source.lastIndexOf('\n', target.startIndex - 1) + 1;
  const lineEnd = source.indexOf('\n', target.endIndex);
  return { start: lineStart, end: lineEnd === -1 ? source.length : lineEnd + 1, newText: '', rank: 0 };
}

/** Edits for all the given calls of one Go file. */
export async function goFixEdits(source: string, calls: readonly GoCallSite[]): Promise<{ edits: TextEdit[]; skipped: Array<{ call: GoCallSite; reason: string }> }> {
  const tree = await parse(source, 'go');
  try {
    const imported = httpImport(tree);
    const http = imported?.name ?? 'http';
    const edits: RankedEdit[] = [];
    const skipped: Array<{ call: GoCallSite; reason: string }> = [];
    for (const site of calls) {
      try {
        const call = callAt(tree, site.start, site.end);
        if (!call) throw new UnsupportedCallError('no call at the reported range');
        for (const edit of editsForCall(call, http)) {
          if (!edits.some((e) => e.start === edit.start && e.end === edit.end)) edits.push(edit);
        }
      } catch (error) {
        if (!(error instanceof UnsupportedCallError)) throw error;
        skipped.push({ call: site, reason: error.message });
      }
    }
    if (imported && edits.length > 0 && httpUsesLeft(tree, http, edits) === 0) edits.push(removeImport(source, imported.spec));
    return { edits: mergeEdits(edits), skipped };
  } finally {
    tree.delete();
  }
}

/** `http.Get(…)`, `http.DefaultClient.Do(…)`, `x.Do(req)` calls, for the CLI and tests. */
export async function findGoHttpCalls(source: string): Promise<GoCallSite[]> {
  const tree = await parse(source, 'go');
  try {
    const http = httpImport(tree)?.name ?? 'http';
    const calls: GoCallSite[] = [];
    for (const call of tree.rootNode.descendantsOfType('call_expression')) {
      const fn = call?.childForFieldName('function');
      if (!call || fn?.type !== 'selector_expression') continue;
      const operand = fn.childForFieldName('operand')!.text;
      const field = fn.childForFieldName('field')!.text;
      const argCount = namedChildren(call.childForFieldName('arguments')!).length;
      if ((operand === http && PACKAGE_FUNCS.has(field)) || (operand === `${http}.DefaultClient` && CLIENT_FUNCS.has(field))
        || (field === 'Do' && argCount === 1 && operand !== 'resilientHTTPClient')) {
        calls.push({ start: call.startIndex, end: call.endIndex });
      }
    }
    return calls;
  } finally {
    tree.delete();
  }
}
