/**
 * Parses a config document into the plain tree (yamlTree.ts) plus its syntax problems, with
 * `yaml`'s parseDocument. Never throws: whatever the input, the result is a tree (possibly
 * empty) and a list of problems.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { fastParseYaml } from './fastYaml';
import { LineIndex } from './lineIndex';
import type { YMap, YNode, YPair, YScalar } from './yamlTree';

export interface YamlProblem {
  severity: 'error' | 'warning';
  message: string;
  /** Offsets in the text. */
  start: number;
  end: number;
}

export interface ParsedYaml {
  text: string;
  root: YNode | null;
  problems: YamlProblem[];
  lines: LineIndex;
  /** Nodes in the tree (aliases not expanded). */
  nodeCount: number;
  /** Alias nodes in the tree (`*name`); 0 lets validation skip the alias-bomb count. */
  aliasCount: number;
}

/** Deeper nesting than this is cut (no config is that deep; it keeps recursion bounded). */
export const MAX_DEPTH = 256;

export interface ParseOptions {
  /** Try the fast path first (default). `false` always uses `yaml`'s parser (tests compare the two). */
  fast?: boolean;
}

export function parseYaml(text: string, options: ParseOptions = {}): ParsedYaml {
  const lines = new LineIndex(text);
  if (options.fast !== false) {
    const fast = fastParseYaml(text);
    if (fast) return { text, root: fast.root, problems: [], lines, nodeCount: fast.nodeCount, aliasCount: 0 };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { merge: true, prettyErrors: false, keepSourceTokens: false, uniqueKeys: true, strict: true });
  } catch (error) {
    // The library should not throw; if it does, report it like a syntax error at the start.
    return { text, root: null, lines, nodeCount: 0, aliasCount: 0, problems: [{ severity: 'error', message: `the YAML parser failed: ${error instanceof Error ? error.message : String(error)}`, start: 0, end: 0 }] };
  }
  const problems: YamlProblem[] = [];
  for (const error of doc.errors) problems.push({ severity: 'error', message: yamlMessage(error.code, error.message, text, error.pos), start: error.pos[0], end: error.pos[1] });
  for (const warning of doc.warnings) problems.push({ severity: 'warning', message: warning.message, start: warning.pos[0], end: warning.pos[1] });
  const converter = new Converter(doc, problems);
  const root = converter.convert(doc.contents as YamlNode | null, 0);
  return { text, root, problems, lines, nodeCount: converter.count, aliasCount: converter.aliases };
}

/** The library's messages, reworded where a person would not understand them. */
function yamlMessage(code: string, message: string, text: string, pos: [number, number]): string {
  switch (code) {
    case 'DUPLICATE_KEY': {
      const key = /^[^\n:]*/.exec(text.slice(pos[0], pos[0] + 80))?.[0].trim();
      return key ? `duplicate key \`${key}\`: a key may appear only once in a mapping` : 'duplicate key: a key may appear only once in a mapping';
    }
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed for indentation in YAML; indent with spaces';
    case 'MULTIPLE_DOCS':
      return 'only one YAML document is allowed in this file (remove the second `---`)';
    default:
      return message.charAt(0).toLowerCase() + message.slice(1);
  }
}

class Converter {
  count = 0;
  aliases = 0;
  private readonly anchors = new Map<unknown, YNode>();
  private depthReported = false;

  constructor(private readonly doc: Document.Parsed, private readonly problems: YamlProblem[]) {}

  convert(node: unknown, depth: number): YNode | null {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        const range = (node as { range?: [number, number, number] }).range;
        this.problems.push({ severity: 'error', message: `nesting deeper than ${MAX_DEPTH} levels is not supported`, start: range?.[0] ?? 0, end: range?.[1] ?? 0 });
      }
      return null;
    }
    this.count++;
    const range = (node as { range?: [number, number, number] }).range ?? [0, 0, 0];
    let result: YNode;
    if (isScalar(node)) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const value = typeof node.value === 'bigint' ? Number(node.value) : node.value;
      result = { kind: 'scalar', value: value === undefined ? null : value, quoted, start: range[0], end: range[1] } satisfies YScalar;
    } else if (isMap(node)) {
      const map: YMap = { kind: 'map', flow: Boolean(node.flow), pairs: [], start: range[0], end: range[1] };
      for (const pair of node.items) map.pairs.push(this.pair(pair, depth));
      // A block collection ends where its last entry ends (yaml's range also takes in trailing comments).
      const last = map.pairs[map.pairs.length - 1];
      if (!map.flow && last) map.end = Math.max(last.key.end, last.value?.end ?? 0);
      result = map;
    } else if (isSeq(node)) {
      const items: (YNode | null)[] = [];
      for (const item of node.items) {
        if (isPair(item)) {
          // `[a: 1]`: a single-pair mapping inside a flow sequence.
          const pair = this.pair(item, depth + 1);
          items.push({ kind: 'map', flow: true, pairs: [pair], start: pair.key.start, end: pair.value?.end ?? pair.key.end });
        } else {
          items.push(this.convert(item, depth + 1));
        }
      }
      const lastItem = items[items.length - 1];
      result = { kind: 'seq', flow: Boolean(node.flow), items, start: range[0], end: !node.flow && lastItem ? lastItem.end : range[1] };
    } else if (isAlias(node)) {
      this.aliases++;
      let target: unknown;
      try {
        target = node.resolve(this.doc);
      } catch {
        target = undefined;
      }
      result = { kind: 'alias', name: node.source, target: target ? this.anchors.get(target) : undefined, start: range[0], end: range[1] };
    } else {
      return null;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) {
      result.anchor = anchor;
      this.anchors.set(node, result);
    }
    return result;
  }

  private pair(pair: { key: unknown; value: unknown }, depth: number): YPair {
    const mergeKey = isScalar(pair.key) && typeof pair.key.value === 'symbol';
    const converted = mergeKey ? null : this.convert(pair.key, depth + 1);
    const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
    const key: YNode = converted ?? { kind: 'scalar', value: mergeKey ? '<<' : null, quoted: false, start: keyRange?.[0] ?? 0, end: keyRange?.[1] ?? 0 };
    const value = this.convert(pair.value, depth + 1);
    return mergeKey ? { key, value, merge: true } : { key, value };
  }
}
