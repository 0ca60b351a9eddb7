/**
 * Where a diagnostic goes, as yaml-language-server places it: a wrong value on the value
 * node, an unknown key on the key node, a missing key on the parent's key (at the root, the
 * first character of the content).
 */
import type { Range } from './diagnostic';
import type { LineIndex } from './lineIndex';
import type { ParsedYaml } from './parseYaml';
import { nodeAtPath, type PathSegment, type YNode } from './yamlTree';

export interface OffsetRange {
  start: number;
  end: number;
}

export function toRange(lines: LineIndex, range: OffsetRange): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(Math.max(range.start, range.end)) };
}

/** Range of the first character of the document's content (or the empty start). */
export function rootRange(parsed: ParsedYaml): OffsetRange {
  const start = parsed.root?.start ?? 0;
  return { start, end: Math.min(start + 1, parsed.text.length) };
}

function nodeRange(node: YNode): OffsetRange {
  return { start: node.start, end: node.end };
}

/** The value at `path`; an empty value (`key:`) is marked on its key, an absent one on the nearest node found. */
export function valueRange(parsed: ParsedYaml, path: readonly PathSegment[]): OffsetRange {
  const found = nodeAtPath(parsed.root, path);
  if (found.node && found.node.end > found.node.start) return nodeRange(found.node);
  if (found.pair) return nodeRange(found.pair.key);
  if (found.node) return { start: found.node.start, end: Math.min(found.node.start + 1, parsed.text.length) };
  return rootRange(parsed);
}

/** The key of the entry at `path` (for unknown keys); falls back to the value's range. */
export function keyRange(parsed: ParsedYaml, path: readonly PathSegment[]): OffsetRange {
  const found = nodeAtPath(parsed.root, path);
  if (found.complete && found.pair && found.pair.key.end > found.pair.key.start) return nodeRange(found.pair.key);
  return valueRange(parsed, path);
}

/** For a key missing from the mapping at `parentPath`: that mapping's own key, else its first character. */
export function missingKeyRange(parsed: ParsedYaml, parentPath: readonly PathSegment[]): OffsetRange {
  if (parentPath.length === 0) return rootRange(parsed);
  const found = nodeAtPath(parsed.root, parentPath);
  if (found.complete && found.pair) return nodeRange(found.pair.key);
  if (found.node) return { start: found.node.start, end: Math.min(found.node.start + 1, parsed.text.length) };
  return rootRange(parsed);
}
