/** Small helpers over tree-sitter nodes shared by every language extractor. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { CallSite, Range, Segment, Value } from './facts';

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
  /** By tree-sitter's node id (unique within a tree; one CallIds serves one file). */
  private readonly byNode = new Map<number, number>();
  private next = 0;

  /** The same id for every node object of one range (reading `endIndex` is a call into WASM, so it is read once per node). */
  idFor(node: Node): number {
    const known = this.byNode.get(node.id);
    if (known !== undefined) return known;
    const key = `${node.startIndex}:${node.endIndex}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(key, id);
    }
    this.byNode.set(node.id, id);
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

/** What a call passes: worked out only for the calls the resolver looks at closely. */
export interface CallDetails {
  args: (Value | undefined)[];
  argNames: (string | undefined)[];
  options: Map<string, Value | undefined>;
  optionsOpaque: boolean;
}

/** How an extractor works out a call's details on demand (the extractor itself implements it). */
export interface CallDetailSource {
  callDetails(node: Node, details: CallDetails): void;
  assignedTo(node: Node): string | undefined;
  wrappers(node: Node): string[];
}

/**
 * A CallSite whose argument details, binding name, snippet and wrappers are computed on first
 * read. Most calls in a file (`values.iter().map(…)`) are dismissed by their callee alone, so
 * this is a class with getters (cheap to create, no per-call closures).
 */
export class LazyCallSite implements CallSite {
  private details: CallDetails | undefined;
  private assigned: string | undefined | null = null;
  private snippetText: string | undefined;
  private wrapperNames: string[] | undefined;

  constructor(
    readonly id: number,
    readonly callee: Segment[],
    readonly isConstruction: boolean,
    readonly range: Range,
    private readonly node: Node,
    private readonly source: CallDetailSource,
  ) {}

  private read(): CallDetails {
    if (!this.details) {
      this.details = { args: [], argNames: [], options: new Map(), optionsOpaque: false };
      this.source.callDetails(this.node, this.details);
    }
    return this.details;
  }

  get args(): (Value | undefined)[] { return this.read().args; }
  get argNames(): (string | undefined)[] { return this.read().argNames; }
  get options(): Map<string, Value | undefined> { return this.read().options; }
  get optionsOpaque(): boolean { return this.read().optionsOpaque; }
  get assignedTo(): string | undefined {
    if (this.assigned === null) this.assigned = this.source.assignedTo(this.node);
    return this.assigned;
  }
  get snippet(): string { return (this.snippetText ??= snippetOf(this.node)); }
  get wrappers(): string[] { return (this.wrapperNames ??= this.source.wrappers(this.node)); }
}

/** An argument that names something: `channel`, `self._channel`, `this.pool`, `s.conn` (what bindings are keyed by). */
export function nameOf(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute' || node.type === 'member_expression' || node.type === 'selector_expression' || node.type === 'field_access' || node.type === 'field_expression') {
    const text = node.text.replace(/\s+/g, '');
    return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/.test(text) ? text : undefined;
  }
  return undefined;
}
