/**
 * Adding `import { resilientFetch, policies } from './integrations/resilience'` (or the
 * `require` form) to a file once, in the file's own style: module system, quotes, semicolons,
 * and the extension convention of its relative imports.
 */
import path from 'node:path';
import { namedChildren, type Node, type Tree } from './syntax';
import type { RankedEdit } from './textEdit';

export type ModuleSystem = 'esm' | 'cjs';

export interface FileStyle {
  module: ModuleSystem;
  quote: "'" | '"';
  semicolons: boolean;
  /** Extension written on relative imports: '' (none), '.js', '.ts', '.mjs', '.cjs'. */
  relativeExtension: string | undefined;
}

/** The string value of a `string` node without its quotes. */
function stringValue(node: Node): string {
  return node.text.slice(1, -1);
}

function requireSource(node: Node): Node | undefined {
  // `const x = require('m')` → the 'm' string node.
  const declarator = namedChildren(node).find((c) => c.type === 'variable_declarator');
  const value = declarator?.childForFieldName('value');
  if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') return undefined;
  const arg = namedChildren(value.childForFieldName('arguments')!)[0];
  return arg?.type === 'string' ? arg : undefined;
}

function topLevel(tree: Tree): Node[] {
  return namedChildren(tree.rootNode);
}

/**
 * The style of a file. `packageType` is the nearest package.json `type` (decides plain `.js`
 * files that have neither imports nor requires yet).
 */
export function detectFileStyle(source: string, tree: Tree, fileName: string, packageType?: string): FileStyle {
  const statements = topLevel(tree);
  const imports = statements.filter((s) => s.type === 'import_statement');
  const requires = statements.filter((s) => (s.type === 'lexical_declaration' || s.type === 'variable_declaration') && requireSource(s));
  const ext = path.extname(fileName).toLowerCase();
  let module: ModuleSystem;
  if (ext === '.mjs' || ext === '.mts') module = 'esm';
  else if (ext === '.cjs' || ext === '.cts') module = 'cjs';
  else if (imports.length > 0 || statements.some((s) => s.type === 'export_statement')) module = 'esm';
  else if (requires.length > 0) module = 'cjs';
  else module = ext === '.ts' || ext === '.tsx' || packageType === 'module' ? 'esm' : 'cjs';

  const specifiers = [...imports.map((s) => s.childForFieldName('source')), ...requires.map(requireSource)].filter((s): s is Node => !!s);
  const quotes = specifiers.length > 0 ? specifiers.map((s) => s.text[0]) : (source.match(/['"]/g) ?? []);
  const doubles = quotes.filter((q) => q === '"').length;
  const quote = doubles > quotes.length - doubles ? '"' : "'";
  const ends = [...imports, ...requires].map((s) => s.text.trimEnd().endsWith(';'));
  const statementEnds = ends.length > 0 ? ends : statements.filter((s) => s.type === 'expression_statement' || s.type === 'lexical_declaration').map((s) => s.text.trimEnd().endsWith(';'));
  const semicolons = statementEnds.length === 0 || statementEnds.filter(Boolean).length * 2 >= statementEnds.length;
  const relative = specifiers.map(stringValue).filter((s) => s.startsWith('./') || s.startsWith('../'));
  const relativeExtension = relative.length === 0 ? undefined : (/\.(js|ts|mjs|cjs|jsx|tsx)$/.exec(relative[0]!)?.[0] ?? '');
  return { module, quote, semicolons, relativeExtension };
}

/**
 * The specifier by which `fromFile` imports `moduleFile` (both paths in the same space):
 * relative, `./`-prefixed, forward slashes, with the extension the file's convention needs.
 * Node's ESM loader needs real extensions; TypeScript under NodeNext writes `.js` for `.ts`.
 */
export function importSpecifier(fromFile: string, moduleFile: string, style: FileStyle): string {
  let relative = path.relative(path.dirname(fromFile), moduleFile).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const moduleExt = path.extname(moduleFile);
  const bare = relative.slice(0, relative.length - moduleExt.length);
  const fromTs = /\.(ts|tsx|mts|cts)$/.test(fromFile);
  // Neither require() nor TypeScript resolves these without their extension.
  if (moduleExt === '.mjs' || moduleExt === '.cjs') return relative;
  const convention = style.relativeExtension;
  if (convention === '.ts' || convention === '.tsx') return `${bare}${moduleExt}`;
  if (convention && convention !== '') {
    // `.js` convention: a TypeScript module is imported by its emitted name.
    return moduleExt === '.ts' ? `${bare}.js` : `${bare}${moduleExt}`;
  }
  if (convention === undefined && !fromTs && style.module === 'esm') return `${bare}${moduleExt}`;
  return bare;
}

const stripExtension = (specifier: string): string => specifier.replace(/\.(js|ts|mjs|cjs|jsx|tsx)$/, '');

/** Names already bound by an import or require of the module, and where to add more. */
interface ExistingImport {
  names: Set<string>;
  /** Where new names go (after the last one), or undefined when the form cannot take names. */
  insertAt: number | undefined;
  trailingComma: boolean;
}

function findExisting(tree: Tree, specifier: string): ExistingImport | undefined {
  const wanted = stripExtension(specifier);
  for (const statement of topLevel(tree)) {
    if (statement.type === 'import_statement') {
      const sourceNode = statement.childForFieldName('source');
      if (!sourceNode || stripExtension(stringValue(sourceNode)) !== wanted) continue;
      if (/^import\s+type\b/.test(statement.text)) continue;
      const clause = namedChildren(statement).find((c) => c.type === 'import_clause');
      const named = clause && namedChildren(clause).find((c) => c.type === 'named_imports');
      if (!named) continue;
      const specs = namedChildren(named).filter((c) => c.type === 'import_specifier');
      const names = new Set(specs.map((s) => (s.childForFieldName('alias') ?? s.childForFieldName('name'))!.text));
      const last = specs[specs.length - 1];
      return { names, insertAt: last ? last.endIndex : named.startIndex + 1, trailingComma: false };
    }
    const sourceNode = (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') ? requireSource(statement) : undefined;
    if (!sourceNode || stripExtension(stringValue(sourceNode)) !== wanted) continue;
    const pattern = namedChildren(statement).find((c) => c.type === 'variable_declarator')?.childForFieldName('name');
    if (pattern?.type !== 'object_pattern') continue;
    const props = namedChildren(pattern);
    const names = new Set(props.map((p) => (p.type === 'pair_pattern' ? p.childForFieldName('value')!.text : p.text)));
    const last = props[props.length - 1];
    return { names, insertAt: last ? last.endIndex : pattern.startIndex + 1, trailingComma: false };
  }
  return undefined;
}

/** Where a new import statement goes: after the last import/require, else after directives and header comments. */
function newImportPosition(source: string, tree: Tree): { at: number; before: string; after: string } {
  const statements = tree.rootNode.namedChildren.filter((c): c is Node => c !== null);
  let lastImport: Node | undefined;
  for (const s of statements) {
    if (s.type === 'import_statement' || ((s.type === 'lexical_declaration' || s.type === 'variable_declaration') && requireSource(s))) lastImport = s;
  }
  if (lastImport) return { at: lastImport.endIndex, before: '\n', after: '' };
  const first = statements.find((s) => s.type !== 'comment' && s.type !== 'hash_bang_line'
    && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  if (!first) {
    const end = source.length;
    return { at: end, before: end > 0 && !source.endsWith('\n') ? '\n' : '', after: '\n' };
  }
  const lineStart = source.lastIndexOf('\n', first.startIndex - 1) + 1;
  const previous = statements[statements.indexOf(first) - 1];
  // After a 'use strict' directive or a header comment, keep a blank line on both sides.
  const gap = previous && !source.slice(0, lineStart).endsWith('\n\n') ? '\n' : '';
  return { at: lineStart, before: gap, after: '\n\n' };
}

/** The edit that makes `names` available from `specifier`, or none when they already are. */
export function importEdit(source: string, tree: Tree, style: FileStyle, specifier: string, names: string[]): RankedEdit | undefined {
  const existing = findExisting(tree, specifier);
  if (existing) {
    const missing = names.filter((n) => !existing.names.has(n));
    if (missing.length === 0 || existing.insertAt === undefined) return undefined;
    const separator = existing.names.size > 0 ? ', ' : ' ';
    return { start: existing.insertAt, end: existing.insertAt, newText: `${separator}${missing.join(', ')}${existing.names.size > 0 ? '' : ' '}`, rank: -1 };
  }
  const q = style.quote;
  const semi = style.semicolons ? ';' : '';
  const statement = style.module === 'esm'
    ? `import { ${names.join(', ')} } from ${q}${specifier}${q}${semi}`
    : `const { ${names.join(', ')} } = require(${q}${specifier}${q})${semi}`;
  const position = newImportPosition(source, tree);
  return { start: position.at, end: position.at, newText: `${position.before}${statement}${position.after}`, rank: -1 };
}
