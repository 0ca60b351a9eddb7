/**
 * Parsing for the rewriters: the detection engine's tree-sitter loader (WASM found in dist/wasm
 * in the bundle, node_modules/@vscode/tree-sitter-wasm/wasm in development) and small node helpers.
 */
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import { parserFor, type GrammarId } from '../../detection/languages/parser';

export type { Node, Tree };

/** The grammar for a file name: TypeScript, TSX, JavaScript, Python or Go. */
export function grammarForFile(fileName: string): GrammarId {
  const lower = fileName.toLowerCase();
  if (/\.(ts|mts|cts)$/.test(lower)) return 'typescript';
  if (lower.endsWith('.tsx')) return 'tsx';
  if (lower.endsWith('.py')) return 'python';
  if (lower.endsWith('.go')) return 'go';
  return 'javascript';
}

export async function parse(source: string, grammar: GrammarId): Promise<Tree> {
  const parser = await parserFor(grammar);
  const tree = parser.parse(source);
  if (!tree) throw new Error(`tree-sitter could not parse the ${grammar} source`);
  return tree;
}

/**
 * The call node reported at [start, end): the node of that exact range when there is one, else
 * the smallest call containing the range (detectors may include or leave out an `await`).
 */
export function callAt(tree: Tree, start: number, end: number, callType = 'call_expression'): Node | undefined {
  let node: Node | null = tree.rootNode.descendantForIndex(start, Math.max(start, end - 1));
  let containing: Node | undefined;
  while (node) {
    if (node.type === callType) {
      if (node.startIndex === start && node.endIndex === end) return node;
      if (!containing && node.startIndex <= start && node.endIndex >= end) containing = node;
    }
    node = node.parent;
  }
  if (containing) return containing;
  // The range may cover more than the call (`await fetch(x)`): take the outermost call inside it.
  return tree.rootNode.descendantsOfType(callType).find((n): n is Node => !!n && n.startIndex >= start && n.endIndex <= end);
}

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

/** The whitespace at the start of the line holding `offset`. */
export function indentationAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

export function lineOf(source: string, offset: number): number {
  let line = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** A call's arguments could not be rewritten safely (spread arguments, an unexpected shape). */
export class UnsupportedCallError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnsupportedCallError';
  }
}

/**
 * The text to add after the last argument of `args` so that `extra` become further arguments,
 * one per line when the call already puts its arguments on their own lines.
 */
export function appendArguments(source: string, args: Node, extra: string[]): { at: number; text: string } {
  const list = namedChildren(args);
  const last = list[list.length - 1];
  if (!last) return { at: args.startIndex + 1, text: extra.join(', ') };
  const multiline = lineOf(source, last.startIndex) > lineOf(source, args.startIndex);
  if (multiline) {
    const indent = indentationAt(source, last.startIndex);
    return { at: last.endIndex, text: extra.map((arg) => `,\n${indent}${arg}`).join('') };
  }
  return { at: last.endIndex, text: extra.map((arg) => `, ${arg}`).join('') };
}
