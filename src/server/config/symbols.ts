/** Outline of a config file: integrations by name, policies by name, their sections below. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { ParsedYaml } from '../../core/config/parseYaml';
import { keyText, resolveAlias, type YNode } from '../../core/config/yamlTree';
import type { ParsedDocuments, VersionedText } from './parsedDocuments';

const MAX_DEPTH = 6;
const MAX_SYMBOLS = 5000;

export class ConfigSymbols {
  constructor(private readonly parsed: ParsedDocuments) {}

  symbols(document: VersionedText): DocumentSymbol[] {
    const parsed = this.parsed.get(document);
    const budget = { left: MAX_SYMBOLS };
    return children(parsed, parsed.root, 0, budget, []);
  }
}

function kindOf(node: YNode | null, path: string[]): SymbolKind {
  const value = resolveAlias(node);
  if (path.length === 2 && path[0] === 'policies') return SymbolKind.Function;
  if (path.length === 1 && path[0] === 'policies') return SymbolKind.Namespace;
  if (!value) return SymbolKind.Null;
  if (value.kind === 'seq') return SymbolKind.Array;
  if (value.kind === 'map') return SymbolKind.Module;
  if (typeof value.value === 'number') return SymbolKind.Number;
  if (typeof value.value === 'boolean') return SymbolKind.Boolean;
  return SymbolKind.String;
}

function children(parsed: ParsedYaml, node: YNode | null, depth: number, budget: { left: number }, path: string[]): DocumentSymbol[] {
  if (!node || depth > MAX_DEPTH || node.kind === 'alias' || node.kind === 'scalar') return [];
  const range = (start: number, end: number) => ({ start: parsed.lines.positionAt(start), end: parsed.lines.positionAt(Math.max(start, end)) });
  const out: DocumentSymbol[] = [];
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      if (budget.left-- <= 0) break;
      const name = pair.merge ? '<<' : keyText(pair) ?? '?';
      const end = pair.value ? Math.max(pair.value.end, pair.key.end) : pair.key.end;
      const value = resolveAlias(pair.value);
      out.push({
        name: name || '""',
        kind: kindOf(pair.value, [...path, name]),
        ...(value?.kind === 'scalar' && value.value !== null ? { detail: String(value.value).slice(0, 60) } : {}),
        range: range(pair.key.start, end),
        selectionRange: range(pair.key.start, pair.key.end),
        children: children(parsed, pair.value, depth + 1, budget, [...path, name]),
      });
    }
  } else {
    node.items.forEach((item, index) => {
      if (!item || budget.left-- <= 0) return;
      const value = resolveAlias(item);
      const namePair = value?.kind === 'map' ? value.pairs.find((pair) => keyText(pair) === 'name') : undefined;
      const nameNode = resolveAlias(namePair?.value);
      const name = nameNode?.kind === 'scalar' && nameNode.value !== null ? String(nameNode.value) : `[${index}]`;
      const selection = namePair?.value ?? item;
      out.push({
        name,
        kind: value?.kind === 'map' ? SymbolKind.Object : kindOf(item, [...path, String(index)]),
        range: range(item.start, item.end),
        selectionRange: range(selection.start, selection.end),
        children: children(parsed, item, depth + 1, budget, [...path, String(index)]),
      });
    });
  }
  return out;
}
