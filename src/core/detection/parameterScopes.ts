/**
 * Typed parameters by name, each visible inside its own function only: `builder` is a
 * `RestClient.Builder` in one factory method and a `RestTemplateBuilder` in the next, `tx` a
 * `pgx.Tx` in one closure. The resolver asks, for every call, which declaration of its receiver's
 * name it sees, so a look-up costs a binary search and a walk up the enclosing functions, not a
 * scan of every function that declares the name (Go receivers and `ctx` are declared hundreds of
 * times in one file).
 */
import type { Range } from './languages/facts';

export interface ScopedEntry<T> {
  /** The function that declares the parameter. */
  scope: Range;
  /** The parameter's declared type, as a path. */
  type: string[];
  /** What the resolver made of the type (undefined: nothing the catalogue knows; the name is still hidden). */
  value?: T;
}

interface Node<T> extends ScopedEntry<T> {
  /** Index of the nearest earlier entry whose scope holds this one's, or -1. */
  parent: number;
}

function before(a: Range, line: number, column: number): boolean {
  return a.startLine < line || (a.startLine === line && a.startColumn <= column);
}

function holds(outer: Range, inner: Range): boolean {
  const startsBefore = outer.startLine < inner.startLine || (outer.startLine === inner.startLine && outer.startColumn <= inner.startColumn);
  const endsAfter = outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn);
  return startsBefore && endsAfter;
}

/** Outer functions before the ones they hold: by start, then the longer first. */
function byPosition(a: { scope: Range }, b: { scope: Range }): number {
  return a.scope.startLine - b.scope.startLine || a.scope.startColumn - b.scope.startColumn || b.scope.endLine - a.scope.endLine || b.scope.endColumn - a.scope.endColumn;
}

function isSorted(list: { scope: Range }[]): boolean {
  for (let i = 1; i < list.length; i++) if (byPosition(list[i - 1], list[i]) > 0) return false;
  return true;
}

export class ParameterScopes<T> {
  private readonly byName = new Map<string, Node<T>[]>();
  private readonly guesses = new Map<string, T | undefined>();
  private ready = true;

  get size(): number {
    return this.byName.size;
  }

  add(name: string, scope: Range, type: string[], value: T | undefined): void {
    const node: Node<T> = { scope, type, value, parent: -1 };
    const list = this.byName.get(name);
    if (list) list.push(node); else this.byName.set(name, [node]);
    this.ready = false;
  }

  /** The innermost declaration of `name` whose function holds `range`. */
  find(name: string, range: Range): ScopedEntry<T> | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    if (!this.ready) this.index();
    // The last declaration starting at or before the call; if it does not hold the call, only functions around it can.
    let low = 0;
    let high = list.length - 1;
    let at = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (before(list[mid].scope, range.startLine, range.startColumn)) { at = mid; low = mid + 1; } else high = mid - 1;
    }
    while (at >= 0 && !holds(list[at].scope, range)) at = list[at].parent;
    return at >= 0 ? list[at] : undefined;
  }

  /**
   * Outside every function that declares it: the value all declarations that have one agree on
   * (same `key`), or undefined when they disagree or none has one.
   */
  guess(name: string, key: (value: T) => string): T | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    if (this.guesses.has(name)) return this.guesses.get(name);
    let guess: T | undefined;
    for (const entry of list) {
      if (entry.value === undefined) continue;
      if (guess !== undefined && key(guess) !== key(entry.value)) { guess = undefined; break; }
      guess ??= entry.value;
    }
    this.guesses.set(name, guess);
    return guess;
  }

  /** Every declaration of `name`, for late updates (generated stub types learnt after the declarations). */
  declarations(name: string): ScopedEntry<T>[] {
    return this.byName.get(name) ?? [];
  }

  setValue(entry: ScopedEntry<T>, value: T): void {
    entry.value = value;
    this.guesses.clear();
  }

  /** Whether any declaration's value passes `test`. */
  some(test: (value: T) => boolean): boolean {
    for (const list of this.byName.values()) for (const entry of list) if (entry.value !== undefined && test(entry.value)) return true;
    return false;
  }

  /** Sorts each name's declarations by position and links each to the nearest one around it. */
  private index(): void {
    for (const list of this.byName.values()) {
      // Extractors declare parameters in document order, so this rarely has anything to move.
      if (!isSorted(list)) list.sort(byPosition);
      const open: number[] = [];
      for (let i = 0; i < list.length; i++) {
        while (open.length > 0 && !holds(list[open[open.length - 1]].scope, list[i].scope)) open.pop();
        list[i].parent = open.length > 0 ? open[open.length - 1] : -1;
        open.push(i);
      }
    }
    this.ready = true;
  }
}
