/**
 * What every language extractor shares: the facts it fills, call ids, file constants, and one
 * walk in two passes. The first pass reads what any later node may depend on (imports,
 * constants); the second reads calls, declarations and annotations.
 */
import type { Tree } from '@vscode/tree-sitter-wasm';
import { emptyFacts, type FileFacts, type Segment, type Value } from './facts';
import { CallIds, rangeOf, textVerifiesSignature, type CallDetails, type CallDetailSource, type Node } from './syntax';

export abstract class Extractor implements CallDetailSource {
  protected readonly facts = emptyFacts();
  protected readonly ids = new CallIds();
  /** Names bound to string-ish values anywhere in the file (simple constant propagation). */
  protected readonly consts = new Map<string, Value>();

  constructor(protected readonly text: string) {}

  /** Node types the first pass reads: imports and constants. */
  protected abstract readonly firstPassTypes: readonly string[];
  /** Node types the second pass reads. */
  protected abstract readonly secondPassTypes: readonly string[];
  protected abstract firstPass(node: Node): void;
  protected abstract secondPass(node: Node): void;

  abstract callDetails(node: Node, details: CallDetails): void;
  abstract assignedTo(node: Node): string | undefined;
  abstract wrappers(node: Node): string[];
  /** The callee path of an expression (`a.b.c`, `a.b().c`), or undefined when it is not a path. */
  protected abstract segments(node: Node): Segment[] | undefined;

  /** `self._client = client`, `const orders = this.db.orders`: the name now refers to what the path refers to. */
  protected alias(name: string, value: Node): void {
    const segments = this.segments(value);
    if (!segments || segments.some((seg) => seg.called)) return;
    this.facts.calls.push({
      id: this.ids.idFor(value), callee: segments, isConstruction: false, isAlias: true, args: [], argNames: [], options: new Map(),
      optionsOpaque: false, assignedTo: name, range: rangeOf(value), snippet: '', wrappers: [],
    });
  }

  extract(tree: Tree): FileFacts {
    this.facts.verifiesSignature = textVerifiesSignature(this.text);
    const first = new Set(this.firstPassTypes);
    const nodes = tree.rootNode.descendantsOfType([...new Set([...this.firstPassTypes, ...this.secondPassTypes])])
      .filter((n): n is Node => n !== null);
    for (const node of nodes) if (first.has(node.type)) this.firstPass(node);
    for (const node of nodes) this.secondPass(node);
    return this.facts;
  }
}
