/**
 * A small finder of fetch, axios and got calls in TypeScript/JavaScript, for the CLI and tests
 * until the detection engine reports call sites (same `HttpCallSite` shape). It recognises the
 * usual spellings only: `fetch(…)`, `window.fetch(…)`, `axios(…)`, `axios.get(…)`, instances made
 * with `axios.create(…)`, `got(…)`, `got.post(…)`, and `got.extend(…)` instances.
 */
import type { HttpCallSite } from './rewriteHttpCall';
import { grammarForFile, namedChildren, parse, type Node } from './syntax';

const CLIENT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);

/** Local names bound to axios/got (imports, requires) and to their instances. */
function clientNames(root: Node): Map<string, 'axios' | 'got'> {
  const names = new Map<string, 'axios' | 'got'>();
  for (const node of root.descendantsOfType(['import_statement', 'variable_declarator'])) {
    if (!node) continue;
    if (node.type === 'import_statement') {
      const from = node.childForFieldName('source')?.text.slice(1, -1);
      if (from !== 'axios' && from !== 'got') continue;
      const clause = namedChildren(node).find((c) => c.type === 'import_clause');
      const local = clause && namedChildren(clause).find((c) => c.type === 'identifier');
      if (local) names.set(local.text, from);
      continue;
    }
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    if (name?.type !== 'identifier' || value?.type !== 'call_expression') continue;
    const fn = value.childForFieldName('function');
    const arg = namedChildren(value.childForFieldName('arguments') ?? value)[0];
    if (fn?.text === 'require' && (arg?.text.slice(1, -1) === 'axios' || arg?.text.slice(1, -1) === 'got')) {
      names.set(name.text, arg.text.slice(1, -1) as 'axios' | 'got');
    }
    // `const api = axios.create(…)` / `const client = got.extend(…)`
    const base = fn?.type === 'member_expression' ? fn.childForFieldName('object')?.text : undefined;
    const method = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
    const library = base ? names.get(base) : undefined;
    if (library && (method === 'create' || method === 'extend')) names.set(name.text, library);
  }
  return names;
}

export async function findHttpCalls(source: string, fileName: string): Promise<HttpCallSite[]> {
  const tree = await parse(source, grammarForFile(fileName));
  try {
    const clients = clientNames(tree.rootNode);
    const calls: HttpCallSite[] = [];
    for (const call of tree.rootNode.descendantsOfType('call_expression')) {
      if (!call) continue;
      const fn = call.childForFieldName('function');
      if (!fn || call.childForFieldName('arguments')?.type !== 'arguments') continue;
      const site = { start: call.startIndex, end: call.endIndex };
      if (fn.text === 'fetch' || /^(window|globalThis|self)\.fetch$/.test(fn.text)) {
        calls.push({ ...site, library: 'fetch' });
      } else if (fn.type === 'identifier' && clients.has(fn.text)) {
        calls.push({ ...site, library: clients.get(fn.text)! });
      } else if (fn.type === 'member_expression') {
        const object = fn.childForFieldName('object');
        const property = fn.childForFieldName('property')?.text ?? '';
        const library = object?.type === 'identifier' ? clients.get(object.text) : undefined;
        if (library && CLIENT_METHODS.has(property)) calls.push({ ...site, library });
      }
    }
    return calls;
  } finally {
    tree.delete();
  }
}
