/**
 * Python: `timeout=` for requests/httpx calls that lack one (ruff S113's finding), inserted after
 * the last argument in the call's own layout. Calls passing `**kwargs` are left alone: the
 * timeout may be in there.
 */
import { appendArguments, callAt, namedChildren, parse, UnsupportedCallError, type Node } from './syntax';
import { mergeEdits, type TextEdit } from './textEdit';

export interface PythonCallSite {
  start: number;
  end: number;
}

const MODULES = new Set(['requests', 'httpx']);
const FUNCTIONS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream']);

function timeoutEdit(source: string, call: Node, seconds: number): TextEdit | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') throw new UnsupportedCallError('not a call with an argument list');
  const list = namedChildren(args);
  if (list.some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'timeout')) return undefined;
  if (list.some((a) => a.type === 'dictionary_splat')) throw new UnsupportedCallError('**kwargs may already carry a timeout');
  const append = appendArguments(source, args, [`timeout=${seconds}`]);
  return { start: append.at, end: append.at, newText: list.length === 0 ? append.text.replace(/^,\s*/, '') : append.text };
}

/** Edits adding `timeout=<seconds>` to each call that has none. */
export async function pythonTimeoutEdits(source: string, calls: readonly PythonCallSite[], seconds = 10): Promise<{ edits: TextEdit[]; skipped: Array<{ call: PythonCallSite; reason: string }> }> {
  const tree = await parse(source, 'python');
  try {
    const edits: TextEdit[] = [];
    const skipped: Array<{ call: PythonCallSite; reason: string }> = [];
    for (const site of calls) {
      try {
        const call = callAt(tree, site.start, site.end, 'call');
        if (!call) throw new UnsupportedCallError('no call at the reported range');
        const edit = timeoutEdit(source, call, seconds);
        if (edit && !edits.some((e) => e.start === edit.start)) edits.push(edit);
      } catch (error) {
        if (!(error instanceof UnsupportedCallError)) throw error;
        skipped.push({ call: site, reason: error.message });
      }
    }
    return { edits: mergeEdits(edits.map((e) => ({ ...e, rank: 0 }))), skipped };
  } finally {
    tree.delete();
  }
}

/** `requests.get(…)`, `httpx.post(…)` and the like (module-level functions), for the CLI and tests. */
export async function findPythonHttpCalls(source: string): Promise<PythonCallSite[]> {
  const tree = await parse(source, 'python');
  try {
    return tree.rootNode.descendantsOfType('call').filter((call): call is Node => {
      const fn = call?.childForFieldName('function');
      return fn?.type === 'attribute' && MODULES.has(fn.childForFieldName('object')?.text ?? '')
        && FUNCTIONS.has(fn.childForFieldName('attribute')?.text ?? '');
    }).map((call) => ({ start: call.startIndex, end: call.endIndex }));
  } finally {
    tree.delete();
  }
}
