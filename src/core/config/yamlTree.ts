/**
 * A small, plain tree of a YAML document with source offsets: what every feature (validator,
 * completion, hover, symbols, quick fixes) walks. Built from `yaml`'s Document; kept separate
 * so the rest of the code does not depend on that library's node classes.
 */

interface NodeBase {
  /** Offset of the node's first character (for quoted scalars, the quote). */
  start: number;
  /** Offset after the node's last character (comments and trailing blank lines excluded). */
  end: number;
  anchor?: string;
}

export interface YScalar extends NodeBase {
  kind: 'scalar';
  /** The resolved value: string, number, boolean or null (an empty value is null). */
  value: unknown;
  /** Written in quotes (then never a number or boolean). */
  quoted: boolean;
}

export interface YPair {
  key: YNode;
  value: YNode | null;
  /** A YAML 1.1 merge key (`<<: *base`): its value's entries are merged into the map. */
  merge?: boolean;
}

export interface YMap extends NodeBase {
  kind: 'map';
  flow: boolean;
  pairs: YPair[];
}

export interface YSeq extends NodeBase {
  kind: 'seq';
  flow: boolean;
  items: (YNode | null)[];
}

export interface YAlias extends NodeBase {
  kind: 'alias';
  name: string;
  /** The anchored node, when it exists (an alias can only refer back). */
  target?: YNode;
}

export type YNode = YScalar | YMap | YSeq | YAlias;
export type PathSegment = string | number;

/** Follows aliases (bounded, against cycles) to the node they stand for. */
export function resolveAlias(node: YNode | null | undefined): YScalar | YMap | YSeq | undefined {
  let current = node ?? undefined;
  for (let hops = 0; current?.kind === 'alias' && hops < 64; hops++) current = current.target;
  return current?.kind === 'alias' ? undefined : current;
}

/** A key's text: scalar keys as strings, anything else (complex keys) as undefined. */
export function keyText(pair: YPair): string | undefined {
  const key = resolveAlias(pair.key);
  if (key?.kind !== 'scalar') return undefined;
  return key.value === null ? '' : String(key.value);
}

/** The maps whose entries a `<<` merge pair brings in, nearest first. */
function mergeSources(pair: YPair): YMap[] {
  const value = resolveAlias(pair.value);
  if (value?.kind === 'map') return [value];
  if (value?.kind === 'seq') {
    return value.items.map((item) => resolveAlias(item)).filter((item): item is YMap => item?.kind === 'map');
  }
  return [];
}

/** The pair for `key` in `map`, including keys brought in by `<<` merges (own keys win). */
export function findPair(map: YMap, key: string, depth = 0): YPair | undefined {
  let found: YPair | undefined;
  for (const pair of map.pairs) if (!pair.merge && keyText(pair) === key) found = pair;
  if (found || depth > 16) return found;
  for (const pair of map.pairs) {
    if (!pair.merge) continue;
    for (const source of mergeSources(pair)) {
      const merged = findPair(source, key, depth + 1);
      if (merged) return merged;
    }
  }
  return undefined;
}

export interface NodeAtPath {
  /** The deepest node reached; the node at the full path when `complete`. */
  node: YNode | null;
  /** The pair holding `node` when it is a map value (not for sequence items or the root). */
  pair?: YPair;
  /** How many segments of the path were found. */
  depth: number;
  complete: boolean;
}

/** Finds the node at `path` (keys and indexes), resolving aliases and merge keys on the way. */
export function nodeAtPath(root: YNode | null, path: readonly PathSegment[]): NodeAtPath {
  let node: YNode | null = root;
  let pair: YPair | undefined;
  for (let i = 0; i < path.length; i++) {
    const current = resolveAlias(node);
    const segment = path[i]!;
    if (current?.kind === 'map') {
      const found = findPair(current, String(segment));
      if (!found) return { node, pair, depth: i, complete: false };
      node = found.value;
      pair = found;
    } else if (current?.kind === 'seq' && typeof segment === 'number' && segment < current.items.length) {
      node = current.items[segment] ?? null;
      pair = undefined;
    } else {
      return { node, pair, depth: i, complete: false };
    }
  }
  return { node, pair, depth: path.length, complete: true };
}

/** A budget was exceeded while expanding aliases: the document is an alias bomb or a cycle. */
export class AliasLimitError extends Error {
  override readonly name = 'AliasLimitError';
  constructor(message: string, readonly alias: YAlias) {
    super(message);
  }
}

export interface ToValueOptions {
  /** Most nodes the value may have after expanding aliases (guards against alias bombs). */
  maxExpandedNodes: number;
  /** The tree has no aliases (the fast parser's trees never do): skip the expansion count. */
  noAliases?: boolean;
}

function setKey(object: Record<string, unknown>, name: string, value: unknown): void {
  // `__proto__` as a key must stay data, not change the object's prototype.
  if (name === '__proto__') Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
  else object[name] = value;
}

/**
 * The plain JavaScript value of the tree: maps → objects (string keys), sequences → arrays,
 * aliases → the same object as their anchor (shared, not copied), `<<` merges applied.
 * Throws AliasLimitError when aliases would expand past the budget, so validation that walks
 * the value stays bounded.
 */
export function toValue(root: YNode | null, options: ToValueOptions): unknown {
  if (!options.noAliases) checkExpansion(root, options.maxExpandedNodes);
  const anchored = new Map<YNode, unknown>();
  const build = (node: YNode | null): unknown => {
    if (!node) return null;
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'alias') return node.target ? build(node.target) : null;
    if (node.anchor) {
      const cached = anchored.get(node);
      if (cached !== undefined) return cached;
    }
    if (node.kind === 'seq') {
      const array: unknown[] = [];
      if (node.anchor) anchored.set(node, array);
      for (const item of node.items) array.push(build(item));
      return array;
    }
    const object: Record<string, unknown> = {};
    if (node.anchor) anchored.set(node, object);
    let merges = false;
    for (const pair of node.pairs) {
      if (pair.merge) {
        merges = true;
        continue;
      }
      const key = pair.key.kind === 'scalar' ? pair.key : resolveAlias(pair.key);
      const name = key?.kind === 'scalar' ? (key.value === null ? '' : String(key.value)) : JSON.stringify(build(pair.key));
      setKey(object, name, build(pair.value));
    }
    if (merges) {
      for (const pair of node.pairs) {
        if (!pair.merge) continue;
        for (const source of mergeSources(pair)) {
          const merged = build(source) as Record<string, unknown>;
          for (const name of Object.keys(merged)) {
            if (!Object.prototype.hasOwnProperty.call(object, name)) setKey(object, name, merged[name]);
          }
        }
      }
    }
    return object;
  };
  return build(root);
}

/** Counts nodes with aliases expanded (each node once, memoised) and throws past the budget. */
function checkExpansion(root: YNode | null, maxExpandedNodes: number): void {
  const sizes = new Map<YNode, number>();
  const inProgress = new Set<YNode>();
  const sizeOf = (node: YNode | null, via: YAlias | undefined): number => {
    if (!node) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) throw new AliasLimitError('an alias refers to a node that contains it', via ?? (node as YAlias));
    inProgress.add(node);
    let size = 1;
    if (node.kind === 'alias') size = node.target ? sizeOf(node.target, node) : 1;
    else if (node.kind === 'map') for (const pair of node.pairs) size += sizeOf(pair.key, via) + sizeOf(pair.value, via);
    else if (node.kind === 'seq') for (const item of node.items) size += sizeOf(item, via);
    inProgress.delete(node);
    if (size > maxExpandedNodes) {
      throw new AliasLimitError(`aliases expand this document past ${maxExpandedNodes} nodes (an alias bomb?)`, via ?? firstAlias(node) ?? (node as YAlias));
    }
    sizes.set(node, size);
    return size;
  };
  sizeOf(root, undefined);
}

function firstAlias(node: YNode): YAlias | undefined {
  const stack: YNode[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.kind === 'alias') return next;
    if (next.kind === 'map') for (const pair of next.pairs) { stack.push(pair.key); if (pair.value) stack.push(pair.value); }
    if (next.kind === 'seq') for (const item of next.items) if (item) stack.push(item);
  }
  return undefined;
}

export interface Located {
  path: PathSegment[];
  /** On a key (hover shows the key's docs) or in a value. */
  onKey: boolean;
  node: YNode;
}

/** Index of the last entry starting at or before `offset` (entries are in document order), or -1. */
function lastStartingBefore<T>(entries: readonly T[], offset: number, startOf: (entry: T) => number): number {
  let low = 0;
  let high = entries.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (startOf(entries[mid]!) <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** The innermost key or scalar value under `offset` (aliases not followed); binary search at each level. */
export function locate(root: YNode | null, offset: number): Located | undefined {
  let node: YNode | null = root;
  const path: PathSegment[] = [];
  const inside = (n: YNode | null | undefined): n is YNode => !!n && n.start <= offset && offset <= n.end && n.end > n.start;
  for (let depth = 0; node && depth < 256; depth++) {
    if (node.kind === 'map') {
      const index = lastStartingBefore(node.pairs, offset, (pair) => pair.key.start);
      const pair = index >= 0 ? node.pairs[index]! : undefined;
      // Flow mappings may hold a pair whose key is empty; fall back to a scan there.
      const hit = pair && (inside(pair.key) || inside(pair.value)) ? pair : node.pairs.find((p) => inside(p.key) || inside(p.value));
      if (!hit) return undefined;
      if (inside(hit.key)) return { path: [...path, keyText(hit) ?? ''], onKey: true, node: hit.key };
      path.push(keyText(hit) ?? '');
      node = hit.value;
    } else if (node.kind === 'seq') {
      const guess = lastStartingBefore(node.items, offset, (item) => item?.start ?? -1);
      const index = guess >= 0 && inside(node.items[guess]) ? guess : node.items.findIndex((item) => inside(item));
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index]!;
    } else {
      return inside(node) ? { path, onKey: false, node } : undefined;
    }
  }
  return undefined;
}

/** The collections containing `offset`, outermost first, with their paths (binary search at each level). */
export function collectionsAt(root: YNode | null, offset: number): { node: YMap | YSeq; path: PathSegment[] }[] {
  const chain: { node: YMap | YSeq; path: PathSegment[] }[] = [];
  let node: YNode | null = root;
  const path: PathSegment[] = [];
  const contains = (n: YNode | null | undefined): n is YNode => !!n && n.start <= offset && offset <= n.end;
  for (let depth = 0; node && depth < 256 && (node.kind === 'map' || node.kind === 'seq') && contains(node); depth++) {
    chain.push({ node, path: [...path] });
    if (node.kind === 'map') {
      const index = lastStartingBefore(node.pairs, offset, (pair) => pair.key.start);
      const pair = index >= 0 ? node.pairs[index] : undefined;
      if (!pair || !contains(pair.value)) break;
      path.push(keyText(pair) ?? '');
      node = pair.value;
    } else {
      const index = lastStartingBefore(node.items, offset, (item) => item?.start ?? -1);
      if (index < 0 || !contains(node.items[index])) break;
      path.push(index);
      node = node.items[index]!;
    }
  }
  return chain;
}
