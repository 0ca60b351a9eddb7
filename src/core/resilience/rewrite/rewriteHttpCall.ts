/**
 * Rewrites a TypeScript/JavaScript HTTP call to go through the generated resilience module:
 *   await fetch(url, init)          → await resilientFetch(url, init, policies.default)
 *   axios.get(url).then(f)          → withResilience(() => axios.get(url), policies.default, { method: 'GET' }).then(f)
 *   await got.post(url).json()      → await withResilience(() => got.post(url).json(), policies.default, { method: 'POST' })
 * Only the call's boundaries are touched, so arguments, comments, `await`, `.then` chains and
 * line breaks stay as written. The import is added once, in the file's style.
 */
import { policyAccessor, jsString } from '../policy';
import { detectFileStyle, importEdit, importSpecifier, type FileStyle } from './imports';
import { appendArguments, callAt, grammarForFile, namedChildren, parse, UnsupportedCallError, type Node, type Tree } from './syntax';
import { mergeEdits, type RankedEdit, type TextEdit } from './textEdit';

export type HttpLibrary = 'fetch' | 'axios' | 'got';

/** A call site, as the detection engine reports it (UTF-16 offsets of the call expression). */
export interface HttpCallSite {
  start: number;
  end: number;
  library: HttpLibrary;
  /** Name of the integration-config.yml policy for this call's target; default `default`. */
  policy?: string;
}

export interface RewriteOptions {
  /** Path of the file being rewritten (decides grammar, module system, relative import). */
  fileName: string;
  /** Path of the resilience module, in the same space as `fileName`. */
  modulePath: string;
  /** `type` of the nearest package.json, for `.js` files without imports yet. */
  packageType?: string;
}

export interface SkippedCall {
  call: HttpCallSite;
  reason: string;
}

export interface FixResult {
  /** One merged, non-overlapping list: apply it as a single undoable edit. */
  edits: TextEdit[];
  skipped: SkippedCall[];
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
/** got's promise helpers: the call must stay inside the wrapper, they are not Promise methods. */
const GOT_BODY_HELPERS = new Set(['json', 'text', 'buffer']);

interface CallEdits {
  edits: RankedEdit[];
  names: string[];
}

function isInsideWithResilience(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'call_expression' && current.childForFieldName('function')?.text === 'withResilience') return true;
  }
  return false;
}

function fetchEdits(source: string, call: Node, policy: string): CallEdits {
  const fn = call.childForFieldName('function')!;
  const args = call.childForFieldName('arguments');
  if (fn.text === 'resilientFetch') return { edits: [], names: [] };
  if (!args || args.type !== 'arguments') throw new UnsupportedCallError('a tagged template, not a call');
  const list = namedChildren(args);
  if (list.some((a) => a.type === 'spread_element')) throw new UnsupportedCallError('spread arguments (…args) cannot be rewritten safely');
  if (list.length === 0 || list.length > 2) throw new UnsupportedCallError(`fetch called with ${list.length} arguments`);
  const extra = list.length === 1 ? ['undefined', policy] : [policy];
  const append = appendArguments(source, args, extra);
  return {
    edits: [
      { start: fn.startIndex, end: fn.endIndex, newText: 'resilientFetch', rank: 0 },
      { start: append.at, end: append.at, newText: append.text, rank: -call.startIndex },
    ],
    names: ['resilientFetch', 'policies'],
  };
}

/** The HTTP method a client call states: `axios.get` → GET, `got(url, { method: 'POST' })` → POST. */
function statedMethod(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'member_expression') {
    const property = fn.childForFieldName('property')?.text ?? '';
    if (HTTP_METHODS.has(property)) return property.toUpperCase();
  }
  for (const arg of namedChildren(call.childForFieldName('arguments') ?? call)) {
    if (arg.type !== 'object') continue;
    for (const pair of namedChildren(arg)) {
      if (pair.type !== 'pair' || pair.childForFieldName('key')?.text.replace(/['"]/g, '') !== 'method') continue;
      const value = pair.childForFieldName('value');
      if (value?.type === 'string') return value.text.slice(1, -1).toUpperCase();
    }
  }
  return undefined;
}

function clientEdits(call: Node, library: HttpLibrary, policy: string): CallEdits {
  if (isInsideWithResilience(call)) return { edits: [], names: [] };
  const fn = call.childForFieldName('function');
  const inner = fn?.type === 'member_expression' && GOT_BODY_HELPERS.has(fn.childForFieldName('property')?.text ?? '')
    ? fn.childForFieldName('object') : undefined;
  // Reported as `got(url).json()`: the method is stated by the inner call.
  const method = statedMethod(library === 'got' && inner?.type === 'call_expression' ? inner : call);
  // A misparsed `await got(u).json<T>()` reported whole: the `await` stays outside the wrapper.
  const awaited = fn?.type === 'await_expression' ? namedChildren(fn)[0] : undefined;
  const start = awaited ? awaited.startIndex : call.startIndex;
  let end = call.endIndex;
  if (library === 'got') {
    // `got(url).json()`: wrap the helper call too, withResilience returns a plain Promise.
    const member = call.parent;
    let outer = member?.parent;
    // tree-sitter reads `await got(u).json<T>()` as a call whose callee is `await got(u).json`.
    if (outer?.type === 'await_expression' && outer.parent?.type === 'call_expression' && outer.parent.childForFieldName('function')?.id === outer.id) {
      outer = outer.parent;
    } else if (outer?.type === 'call_expression' && outer.childForFieldName('function')?.id !== member?.id) {
      outer = undefined;
    }
    if (member?.type === 'member_expression' && GOT_BODY_HELPERS.has(member.childForFieldName('property')?.text ?? '') && outer?.type === 'call_expression') {
      end = outer.endIndex;
    }
  }
  const options = method ? `, { method: ${jsString(method)} }` : '';
  return {
    edits: [
      { start, end: start, newText: 'withResilience(() => ', rank: start },
      { start: end, end, newText: `, ${policy}${options})`, rank: -start },
    ],
    names: ['withResilience', 'policies'],
  };
}

function editsForCall(source: string, tree: Tree, site: HttpCallSite): CallEdits {
  const call = callAt(tree, site.start, site.end);
  if (!call) throw new UnsupportedCallError('no call expression at the reported range');
  const policy = policyAccessor(site.policy ?? 'default');
  return site.library === 'fetch' ? fetchEdits(source, call, policy) : clientEdits(call, site.library, policy);
}

function withImport(source: string, tree: Tree, style: FileStyle, options: RewriteOptions, edits: RankedEdit[], names: Set<string>): TextEdit[] {
  if (edits.length === 0) return [];
  const specifier = importSpecifier(options.fileName, options.modulePath, style);
  const ordered = ['resilientFetch', 'withResilience', 'policies'].filter((n) => names.has(n));
  const imported = importEdit(source, tree, style, specifier, ordered);
  return mergeEdits(imported ? [imported, ...edits] : edits);
}

/** The edits that route one call through the resilience module, its import included. */
export async function rewriteHttpCall(source: string, call: HttpCallSite, options: RewriteOptions): Promise<TextEdit[]> {
  const tree = await parse(source, grammarForFile(options.fileName));
  try {
    const style = detectFileStyle(source, tree, options.fileName, options.packageType);
    const { edits, names } = editsForCall(source, tree, call);
    return withImport(source, tree, style, options, edits, new Set(names));
  } finally {
    tree.delete();
  }
}

/** Every call of the file at once, one import: the edits of "Fix all in file" and of the CLI. */
export async function fixAllInFile(source: string, calls: readonly HttpCallSite[], options: RewriteOptions): Promise<FixResult> {
  const tree = await parse(source, grammarForFile(options.fileName));
  try {
    const style = detectFileStyle(source, tree, options.fileName, options.packageType);
    const edits: RankedEdit[] = [];
    const names = new Set<string>();
    const skipped: SkippedCall[] = [];
    const seen = new Set<string>();
    for (const call of calls) {
      try {
        const result = editsForCall(source, tree, call);
        // Two reports of one call (e.g. `got(url)` and `got(url).json()`) must not wrap it twice.
        const key = result.edits.map((e) => `${e.start}:${e.end}:${e.newText}`).join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        edits.push(...result.edits);
        result.names.forEach((n) => names.add(n));
      } catch (error) {
        if (!(error instanceof UnsupportedCallError)) throw error;
        skipped.push({ call, reason: error.message });
      }
    }
    return { edits: withImport(source, tree, style, options, edits, names), skipped };
  } finally {
    tree.delete();
  }
}
