/**
 * What the cursor is on, for completion: a key of some mapping, or the value of some key,
 * with the path of that mapping or value. Block YAML is read from the tree plus indentation
 * (a half-typed line is not in the tree yet); flow collections (`{ a: 1, b| }`) from the text
 * inside their braces.
 */
import type { ParsedYaml } from './parseYaml';
import { collectionsAt, keyText, resolveAlias, type PathSegment, type YMap, type YNode, type YSeq } from './yamlTree';

export interface CursorContext {
  kind: 'key' | 'value';
  /** Key completion: the mapping's path. Value completion: the value's path. */
  path: PathSegment[];
  /** The partial word to replace (offsets). */
  replace: { start: number; end: number };
  /** Keys already in the mapping (not offered again). */
  existingKeys: string[];
  /** The line starts a new `- ` item (key completion then fills a new sequence item). */
  newItem: boolean;
  /** Key completion at a sequence's item level with no `- ` typed yet: items need the dash. */
  needsDash: boolean;
  /** Column where the key (or item) starts: snippets indent from here. */
  column: number;
  /** Inside `{ … }` or `[ … ]`: only single-line insertions fit. */
  flow: boolean;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)([A-Za-z0-9_.-]*)$/;
const VALUE_LINE = /^(\s*)((?:-\s+)*)(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_.<-][^:#]*?))\s*:(\s*)(.*)$/;

export function cursorContext(parsed: ParsedYaml, offset: number): CursorContext | undefined {
  const { lines, text } = parsed;
  const position = lines.positionAt(offset);
  const lineStart = lines.lineStarts[position.line]!;
  const before = text.slice(lineStart, offset);
  const afterWord = /^[A-Za-z0-9_.-]*/.exec(text.slice(offset, lines.lineEnd(position.line)))?.[0].length ?? 0;
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, '""'))) return undefined;

  const flow = flowContext(parsed, offset);
  if (flow) return flow;

  const keyMatch = KEY_LINE.exec(before);
  if (keyMatch) {
    const column = keyMatch[1]!.length + keyMatch[2]!.length;
    const newItem = keyMatch[2]!.length > 0;
    const owner = ownerAt(parsed, position.line, column, newItem ? keyMatch[1]!.length : undefined);
    return {
      kind: owner.scalarItem ? 'value' : 'key',
      path: owner.path,
      replace: { start: offset - keyMatch[3]!.length, end: offset + afterWord },
      existingKeys: owner.map ? owner.map.pairs.map(keyText).filter((key): key is string => key !== undefined && key !== keyMatch[3]) : [],
      newItem,
      needsDash: owner.seqLevel,
      column,
      flow: false,
    };
  }
  const valueMatch = VALUE_LINE.exec(before);
  if (valueMatch) {
    const key = (valueMatch[3] ?? valueMatch[4] ?? valueMatch[5] ?? '').trim();
    const column = valueMatch[1]!.length + valueMatch[2]!.length;
    const owner = ownerAt(parsed, position.line, column, valueMatch[2]!.length > 0 ? valueMatch[1]!.length : undefined);
    const typed = valueMatch[7]!;
    if (/^[[{]/.test(typed)) return undefined;
    const valueStart = offset - typed.length;
    const lineRest = text.slice(offset, lines.lineEnd(position.line));
    const valueEnd = offset + (/^[^#]*?(?=\s*(#|$))/.exec(lineRest)?.[0].length ?? 0);
    return {
      kind: 'value',
      path: [...owner.path, key],
      replace: { start: valueStart, end: valueEnd },
      existingKeys: [],
      newItem: false,
      needsDash: false,
      column,
      flow: false,
    };
  }
  return undefined;
}

interface Owner {
  path: PathSegment[];
  /** The mapping whose keys are being completed, when it exists already. */
  map?: YMap;
  /** The cursor is at a sequence's item level without a dash. */
  seqLevel: boolean;
  /** The new item belongs to a sequence of scalars (values, not keys). */
  scalarItem: boolean;
}

function column(parsed: ParsedYaml, offset: number): number {
  return parsed.lines.positionAt(offset).character;
}

function line(parsed: ParsedYaml, offset: number): number {
  return parsed.lines.positionAt(offset).line;
}

/** Column of the `- ` that introduces a sequence item starting at `itemStart`. */
function dashColumn(parsed: ParsedYaml, itemStart: number): number {
  let at = itemStart - 1;
  while (at >= 0 && /[ \t\r\n]/.test(parsed.text[at]!)) at--;
  return parsed.text[at] === '-' ? column(parsed, at) : column(parsed, itemStart);
}

/**
 * The mapping (or sequence) that a key at `keyColumn` on `cursorLine` belongs to, found by
 * descending from the root through entries that start on earlier lines and are indented less.
 * `dashCol` is the column of a `- ` typed on the cursor line.
 */
function ownerAt(parsed: ParsedYaml, cursorLine: number, keyColumn: number, dashCol: number | undefined): Owner {
  const path: PathSegment[] = [];
  let node: YNode | undefined = resolveAlias(parsed.root);
  for (let depth = 0; depth < 64 && node; depth++) {
    if (node.kind === 'map' && !node.flow) {
      const before = node.pairs.filter((pair) => line(parsed, pair.key.start) < cursorLine);
      const last = before[before.length - 1];
      if (!last) return { path, map: node, seqLevel: false, scalarItem: false };
      const keyCol = column(parsed, last.key.start);
      const boundary = dashCol ?? keyColumn;
      if (boundary <= keyCol) return { path, map: node, seqLevel: false, scalarItem: false };
      path.push(keyText(last) ?? '');
      const value = resolveAlias(last.value);
      if (!value || (value.kind === 'scalar' && value.value === null)) return dashCol === undefined ? { path, seqLevel: false, scalarItem: false } : { path: [...path, 0], seqLevel: false, scalarItem: false };
      if (value.kind === 'scalar' || value.flow) return { path, seqLevel: false, scalarItem: false };
      node = value;
      continue;
    }
    if (node.kind === 'seq' && !node.flow) {
      const items = node.items.filter((item): item is YNode => item !== null && line(parsed, item.start) < cursorLine);
      const last = items[items.length - 1];
      const lastDash = last ? dashColumn(parsed, last.start) : undefined;
      if (dashCol !== undefined && (lastDash === undefined || dashCol <= lastDash)) {
        return { path: [...path, items.length], seqLevel: false, scalarItem: isScalarSeq(node) };
      }
      if (!last || keyColumn <= (lastDash ?? 0)) return { path, seqLevel: true, scalarItem: false };
      path.push(items.length - 1);
      const item = resolveAlias(last);
      if (item?.kind === 'map' && !item.flow) {
        node = item;
        continue;
      }
      return { path, seqLevel: false, scalarItem: item?.kind === 'scalar' };
    }
    break;
  }
  return { path, seqLevel: false, scalarItem: false };
}

function isScalarSeq(seq: YSeq): boolean {
  return seq.items.length > 0 && seq.items.every((item) => resolveAlias(item)?.kind === 'scalar');
}

/** Completion inside `{ … }` / `[ … ]` on the cursor's line. */
function flowContext(parsed: ParsedYaml, offset: number): CursorContext | undefined {
  const inner = collectionsAt(parsed.root, offset).filter(({ node }) => node.flow && node.start < offset && offset < node.end).at(-1);
  if (!inner) return undefined;
  // The text of the current entry: from the last `{`, `[` or `,` at this nesting level.
  const segmentText = parsed.text.slice(inner.node.start + 1, offset);
  let depth = 0;
  let quote: string | undefined;
  let segmentStart = 0;
  for (let i = 0; i < segmentText.length; i++) {
    const char = segmentText[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    else if (char === ',' && depth === 0) segmentStart = i + 1;
  }
  if (depth !== 0 || quote) return undefined;
  const segment = segmentText.slice(segmentStart);
  const base = inner.node.start + 1 + segmentStart;
  const col = column(parsed, base + (segment.length - segment.trimStart().length));
  const afterWord = /^[A-Za-z0-9_.-]*/.exec(parsed.text.slice(offset))?.[0].length ?? 0;
  if (inner.node.kind === 'seq') {
    const typed = segment.trimStart();
    const index = segmentText.slice(0, segmentStart).split(',').length - 1;
    return { kind: 'value', path: [...inner.path, index], replace: { start: offset - typed.length, end: offset + afterWord }, existingKeys: [], newItem: false, needsDash: false, column: col, flow: true };
  }
  const colon = segment.indexOf(':');
  if (colon < 0) {
    const typed = segment.trimStart();
    const existing = inner.node.pairs.map(keyText).filter((key): key is string => key !== undefined && key !== typed);
    return { kind: 'key', path: inner.path, replace: { start: offset - typed.length, end: offset + afterWord }, existingKeys: existing, newItem: false, needsDash: false, column: col, flow: true };
  }
  const key = segment.slice(0, colon).trim().replace(/^["']|["']$/g, '');
  const typed = segment.slice(colon + 1).trimStart();
  return { kind: 'value', path: [...inner.path, key], replace: { start: offset - typed.length, end: offset + afterWord }, existingKeys: [], newItem: false, needsDash: false, column: col, flow: true };
}
