/** Small helpers over tree-sitter nodes shared by every language extractor. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Range, Segment } from './facts';

export type { Node };

export function rangeOf(node: Node): Range {
  return {
    startLine: node.startPosition.row,
    startColumn: node.startPosition.column,
    endLine: node.endPosition.row,
    endColumn: node.endPosition.column,
  };
}

const SNIPPET_LIMIT = 400;

export function snippetOf(node: Node): string {
  const text = node.text;
  return text.length > SNIPPET_LIMIT ? `${text.slice(0, SNIPPET_LIMIT)}…` : text;
}

export function named(node: Node | null | undefined): Node[] {
  if (!node) return [];
  return node.namedChildren.filter((child): child is Node => child !== null);
}

export function field(node: Node | null | undefined, name: string): Node | null {
  return node ? node.childForFieldName(name) : null;
}

/** Assigns stable ids to call nodes so chains can refer to their inner calls. */
export class CallIds {
  private readonly ids = new Map<string, number>();
  private next = 0;

  idFor(node: Node): number {
    const key = `${node.startIndex}:${node.endIndex}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(key, id);
    }
    return id;
  }
}

export function segment(name: string, callId?: number): Segment {
  return callId === undefined ? { name, called: false } : { name, called: true, callId };
}

/** Strips quotes from a string literal's text when the grammar gives no content child. */
export function unquote(text: string): string {
  const match = /^(?:[rbuf]|br|rb|fr|rf)?("""|'''|"|'|`)([\s\S]*)\1$/i.exec(text);
  return match ? match[2] : text;
}

const SIGNATURE_CHECKS = /timingSafeEqual|constructEvent|verifyWebhook|verifySignature|verify_signature|compare_digest|hmac\.Equal|MessageDigest\.isEqual|construct_event|verify_webhook|ConstantTimeCompare|constant_time_eq|verify_slice|\.verify\(/;

export function textVerifiesSignature(text: string): boolean {
  return SIGNATURE_CHECKS.test(text);
}

const SCOPE_TYPES = new Set([
  'program', 'statement_block', 'class_body', 'arrow_function', 'function_expression', 'function_declaration', 'method_definition',
  'module', 'block', 'function_definition', 'source_file', 'function_item', 'closure_expression', 'func_literal', 'method_declaration',
]);

/** The range of the nearest scope around `node` (for a declaration's name: where that name is visible). */
export function scopeOf(node: Node): ReturnType<typeof rangeOf> {
  let current = node.parent;
  while (current && !SCOPE_TYPES.has(current.type)) current = current.parent;
  return rangeOf(current ?? node);
}

/**
 * Adds properties computed on first read. Most calls in a file are never reported, so their
 * snippet and enclosing wrappers (walks up the tree) are only worked out for the few that are.
 */
export function withLazy<T extends object, L extends Record<string, unknown>>(object: T, getters: { [K in keyof L]: () => L[K] }): T & L {
  for (const [key, compute] of Object.entries(getters) as [string, () => unknown][]) {
    Object.defineProperty(object, key, {
      configurable: true, enumerable: true,
      get() {
        const value = compute();
        Object.defineProperty(object, key, { value, enumerable: true, writable: true });
        return value;
      },
    });
  }
  return object as T & L;
}
