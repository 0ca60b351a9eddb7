/**
 * A fast path for the YAML that config files are made of: block mappings and sequences,
 * one-line flow collections, plain and one-line quoted scalars, comments. It builds the same
 * tree as parseYaml's conversion of `yaml`'s Document (a differential test holds them equal),
 * about ten times faster. Anything outside that subset (anchors, tags, block scalars,
 * multi-line scalars, directives, tabs, any error) makes it give up, and the caller parses
 * with `yaml`; so its answer is either identical or absent.
 */
import type { YMap, YNode, YPair, YScalar, YSeq } from './yamlTree';

/** Thrown to give up; caught in fastParseYaml. Never escapes. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();
function bail(): never {
  throw UNSUPPORTED;
}

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the YAML 1.2 core schema, exactly as `yaml` resolves it. */
export function resolvePlain(text: string): unknown {
  const first = text.charCodeAt(0);
  // Most plain scalars are words: skip the regexes unless the text could be a null, bool or number.
  const maybeSpecial = text.length === 0 || first === 126 /* ~ */ || first === 110 || first === 78 /* n N */ || first === 116 || first === 84 || first === 102 || first === 70 /* t T f F */
    || first === 46 /* . */ || first === 43 || first === 45 /* + - */ || (first >= 48 && first <= 57);
  if (!maybeSpecial) return text;
  if (NULL_RE.test(text)) return null;
  if (BOOL_RE.test(text)) return first === 116 || first === 84;
  if (INT_OCT_RE.test(text)) return parseInt(text.substring(2), 8);
  if (INT_RE.test(text)) return parseInt(text, 10);
  if (INT_HEX_RE.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN_RE.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP_RE.test(text) || FLOAT_RE.test(text)) return parseFloat(text);
  return text;
}

/** Characters a plain scalar may not start with (YAML c-indicator), `-`, `?`, `:` handled apart. */
const BAD_PLAIN_START = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
// Control characters, BOM and non-characters: `yaml` has opinions about them; leave them to it.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSUPPORTED_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\t\uFEFF\uFFFE\uFFFF]|\r(?!\n)/;

interface Line {
  start: number;
  /** Offset of the end of the content (before `\r\n` / `\n`). */
  end: number;
  /** Column of the first non-space character. */
  indent: number;
}

class FastParser {
  private readonly lines: Line[] = [];
  count = 0;

  constructor(private readonly text: string) {
    let start = 0;
    const length = text.length;
    while (start <= length) {
      let end = text.indexOf('\n', start);
      const next = end === -1 ? length + 1 : end + 1;
      if (end === -1) end = length;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let at = start;
      while (at < end && text.charCodeAt(at) === 32) at++;
      // Blank and comment-only lines carry no structure.
      if (at < end && text.charCodeAt(at) !== 35) this.lines.push({ start, end, indent: at - start });
      start = next;
    }
  }

  parse(): YNode | null {
    if (this.lines.length === 0) return null;
    const first = this.lines[0]!;
    const head = this.text.slice(first.start + first.indent, first.start + first.indent + 3);
    if (head === '---' || head === '...' || head[0] === '%') bail();
    const [root, next] = this.block(0, first.indent, first.start + first.indent);
    if (next < this.lines.length) bail();
    return root;
  }

  private isSeqEntry(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === 45 /* - */ && (at + 1 === end || this.text.charCodeAt(at + 1) === 32);
  }

  /** A block node whose first token is at `at` on line `index`, with its entries at column `column`. */
  private block(index: number, column: number, at: number): [YNode, number] {
    const line = this.lines[index]!;
    if (this.isSeqEntry(at, line.end)) return this.seq(index, column, at);
    if (this.keyColon(at, line.end) >= 0) return this.map(index, column, at);
    // A lone scalar or flow collection: the whole document, or a sequence item's value.
    const [value, after] = this.inlineValue(at, line.end, column - 1);
    return [value, this.finishLine(index, after)];
  }

  private map(index: number, column: number, firstAt: number): [YMap, number] {
    const pairs: YPair[] = [];
    const keys = new Set<string>();
    const map: YMap = { kind: 'map', flow: false, pairs, start: firstAt, end: firstAt };
    this.count++;
    let i = index;
    let at = firstAt;
    while (i < this.lines.length) {
      const line = this.lines[i]!;
      if (i !== index) {
        if (line.indent < column) break;
        if (line.indent > column) bail();
        at = line.start + line.indent;
        if (this.isSeqEntry(at, line.end)) break;
      }
      const colon = this.keyColon(at, line.end);
      if (colon < 0) bail();
      const key = this.key(at, colon);
      const name = `${typeof key.value}:${String(key.value)}`;
      if (keys.has(name)) bail();
      keys.add(name);
      let valueAt = colon + 1;
      while (valueAt < line.end && this.text.charCodeAt(valueAt) === 32) valueAt++;
      let value: YNode;
      if (valueAt >= line.end || this.text.charCodeAt(valueAt) === 35) {
        const nextLine = this.lines[i + 1];
        const nested = nextLine !== undefined && (nextLine.indent > column || (nextLine.indent === column && this.isSeqEntry(nextLine.start + nextLine.indent, nextLine.end)));
        if (nested) {
          [value, i] = this.block(i + 1, nextLine.indent, nextLine.start + nextLine.indent);
        } else {
          value = this.nullAt(valueAt);
          i++;
        }
      } else {
        const [inline, after] = this.inlineValue(valueAt, line.end, column);
        value = inline;
        i = this.finishLine(i, after);
        const nextLine = this.lines[i];
        if (nextLine !== undefined && nextLine.indent > column) bail();
      }
      pairs.push({ key, value });
      map.end = Math.max(key.end, value.end);
    }
    return [map, i];
  }

  private seq(index: number, column: number, firstAt: number): [YSeq, number] {
    const items: YNode[] = [];
    const seq: YSeq = { kind: 'seq', flow: false, items, start: firstAt, end: firstAt };
    this.count++;
    let i = index;
    let at = firstAt;
    while (i < this.lines.length) {
      const line = this.lines[i]!;
      if (i !== index) {
        if (line.indent < column) break;
        if (line.indent > column) bail();
        at = line.start + line.indent;
        if (!this.isSeqEntry(at, line.end)) break;
      }
      let itemAt = at + 1;
      while (itemAt < line.end && this.text.charCodeAt(itemAt) === 32) itemAt++;
      let item: YNode;
      if (itemAt >= line.end || this.text.charCodeAt(itemAt) === 35) {
        const nextLine = this.lines[i + 1];
        if (nextLine !== undefined && nextLine.indent > column) {
          [item, i] = this.block(i + 1, nextLine.indent, nextLine.start + nextLine.indent);
        } else {
          item = this.nullAt(itemAt);
          i++;
        }
      } else {
        if (this.isSeqEntry(itemAt, line.end)) bail();
        const itemColumn = itemAt - line.start;
        [item, i] = this.block(i, itemColumn, itemAt);
        // The item's mapping took every line at its column; anything deeper than the dash is left over.
        const nextLine = this.lines[i];
        if (nextLine !== undefined && nextLine.indent > column) bail();
      }
      items.push(item);
      seq.end = item.end;
    }
    return [seq, i];
  }

  private nullAt(offset: number): YScalar {
    this.count++;
    return { kind: 'scalar', value: null, quoted: false, start: offset, end: offset };
  }

  /** Offset of the `:` ending a block key that starts at `at`, or -1 when the line is no `key:` entry. */
  private keyColon(at: number, end: number): number {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (first === 34 || first === 39) {
      const close = first === 34 ? this.doubleQuotedEnd(at, end) : this.singleQuotedEnd(at, end);
      return close < end && text.charCodeAt(close) === 58 && (close + 1 === end || text.charCodeAt(close + 1) === 32) ? close : -1;
    }
    for (let i = at; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 58 /* : */ && (i + 1 === end || text.charCodeAt(i + 1) === 32)) return i;
      if (c === 35 /* # */ && i > at && text.charCodeAt(i - 1) === 32) return -1;
    }
    return -1;
  }

  private key(at: number, colon: number): YScalar {
    const first = this.text[at]!;
    if (first === '"' || first === "'") {
      const [scalar] = this.quoted(at, colon);
      return scalar;
    }
    let end = colon;
    while (end > at && this.text.charCodeAt(end - 1) === 32) end--;
    const raw = this.text.slice(at, end);
    if (raw === '' || raw.length > 1024 || raw === '<<' || !this.plainStartOk(raw, false)) bail();
    this.count++;
    return { kind: 'scalar', value: resolvePlain(raw), quoted: false, start: at, end };
  }

  private plainStartOk(raw: string, flow: boolean): boolean {
    const first = raw[0]!;
    if (BAD_PLAIN_START.has(first)) return false;
    if (first === '-' || first === '?' || first === ':') {
      const second = raw[1];
      if (second === undefined || second === ' ' || (flow && ',[]{}'.includes(second))) return false;
      if (first !== '-') return false;
    }
    return true;
  }

  /** A value written on the key's line: scalar or one-line flow collection. Returns it and the offset after it. */
  private inlineValue(at: number, end: number, column: number): [YNode, number] {
    const c = this.text[at]!;
    if (c === '"' || c === "'") return this.quoted(at, end);
    if (c === '{' || c === '[') return this.flow(at, column);
    let stop = end;
    for (let i = at + 1; i < end; i++) {
      if (this.text.charCodeAt(i) === 35 && this.text.charCodeAt(i - 1) === 32) {
        stop = i;
        break;
      }
    }
    while (stop > at && this.text.charCodeAt(stop - 1) === 32) stop--;
    const raw = this.text.slice(at, stop);
    if (!this.plainStartOk(raw, false) || raw.includes(': ') || raw.endsWith(':')) bail();
    this.count++;
    return [{ kind: 'scalar', value: resolvePlain(raw), quoted: false, start: at, end: stop }, stop];
  }

  /** The line index after a value ending at `after` (a flow collection may span lines); checks the rest of its line. */
  private finishLine(index: number, after: number): number {
    let i = index;
    while (i + 1 < this.lines.length && this.lines[i]!.end < after) i++;
    this.expectEnd(after, this.lines[i]!.end);
    return i + 1;
  }

  /** After a value: only spaces and a comment may follow on the line. */
  private expectEnd(after: number, end: number): void {
    let i = after;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    if (i < end && !(this.text.charCodeAt(i) === 35 && i > after)) bail();
  }

  private singleQuotedEnd(at: number, end: number): number {
    for (let i = at + 1; i < end; i++) {
      if (this.text.charCodeAt(i) === 39) {
        if (this.text.charCodeAt(i + 1) === 39 && i + 1 < end) i++;
        else return i + 1;
      }
    }
    return bail();
  }

  private doubleQuotedEnd(at: number, end: number): number {
    for (let i = at + 1; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) return i + 1;
    }
    return bail();
  }

  private quoted(at: number, end: number): [YScalar, number] {
    const single = this.text[at] === "'";
    const close = single ? this.singleQuotedEnd(at, end) : this.doubleQuotedEnd(at, end);
    const body = this.text.slice(at + 1, close - 1);
    const value = single ? body.replace(/''/g, "'") : unescapeDouble(body);
    this.count++;
    return [{ kind: 'scalar', value, quoted: true, start: at, end: close }, close];
  }

  // ---- flow collections (may continue on following lines, indented past `column`) ----

  private lineEndOf(at: number): number {
    let end = this.text.indexOf('\n', at);
    if (end === -1) end = this.text.length;
    return end > at && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  /** Skips spaces, line breaks and comments inside a flow collection; lines must stay indented past `column`. */
  private ws(at: number, column: number): number {
    const text = this.text;
    let i = at;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        i++;
      } else if (c === 13 || c === 10) {
        i = text.indexOf('\n', i) + 1;
        if (i === 0) return text.length;
        let first = i;
        while (first < text.length && text.charCodeAt(first) === 32) first++;
        const next = text.charCodeAt(first);
        if (first < text.length && next !== 10 && next !== 13 && next !== 35 && first - i <= column) bail();
        i = first;
      } else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
        i = this.lineEndOf(i);
      } else {
        return i;
      }
    }
    return i;
  }

  private flow(at: number, column: number): [YMap | YSeq, number] {
    const isMap = this.text[at] === '{';
    const close = isMap ? '}' : ']';
    this.count++;
    const pairs: YPair[] = [];
    const items: YNode[] = [];
    const keys = new Set<string>();
    let i = this.ws(at + 1, column);
    while (true) {
      if (i >= this.text.length) bail();
      if (this.text[i] === close) {
        i++;
        break;
      }
      if (isMap) {
        const [key, afterKey] = this.flowNode(i, column, true);
        if (key.kind !== 'scalar') bail();
        const name = `${typeof key.value}:${String(key.value)}`;
        if (keys.has(name) || (!key.quoted && key.value === '<<')) bail();
        keys.add(name);
        let j = afterKey;
        while (this.text.charCodeAt(j) === 32) j++;
        if (this.text[j] !== ':') bail();
        j = this.ws(j + 1, column);
        const ch = this.text[j];
        if (ch === ',' || ch === '}' || j >= this.text.length) bail();
        const [value, afterValue] = this.flowNode(j, column, false);
        pairs.push({ key, value });
        i = this.ws(afterValue, column);
      } else {
        const [item, afterItem] = this.flowNode(i, column, false);
        items.push(item);
        i = this.ws(afterItem, column);
        if (this.text[i] === ':') bail();
      }
      if (this.text[i] === ',') i = this.ws(i + 1, column);
      else if (this.text[i] !== close) bail();
    }
    return isMap
      ? [{ kind: 'map', flow: true, pairs, start: at, end: i }, i]
      : [{ kind: 'seq', flow: true, items, start: at, end: i }, i];
  }

  private flowNode(at: number, column: number, isKey: boolean): [YNode, number] {
    const c = this.text[at];
    if (c === '"' || c === "'") return this.quoted(at, this.lineEndOf(at));
    if (c === '{' || c === '[') {
      if (isKey) bail();
      return this.flow(at, column);
    }
    const end = this.lineEndOf(at);
    let i = at;
    for (; i < end; i++) {
      const ch = this.text.charCodeAt(i);
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) break; // , [ ] { }
      if (ch === 58) {
        const next = this.text.charCodeAt(i + 1);
        if (i + 1 >= end || next === 32 || next === 44 || next === 91 || next === 93 || next === 123 || next === 125) break;
      }
      if (ch === 35 && this.text.charCodeAt(i - 1) === 32) break;
    }
    let stop = i;
    while (stop > at && this.text.charCodeAt(stop - 1) === 32) stop--;
    const raw = this.text.slice(at, stop);
    if (raw === '' || !this.plainStartOk(raw, true)) bail();
    // A plain scalar that goes on after a line break would be folded: leave that to `yaml`.
    if (i === end) {
      const next = this.ws(end, column);
      const ch = this.text[next];
      if (next < this.text.length && ch !== ',' && ch !== ']' && ch !== '}' && ch !== ':') bail();
    }
    this.count++;
    return [{ kind: 'scalar', value: resolvePlain(raw), quoted: false, start: at, end: stop }, stop];
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', ' ': ' ' };

function unescapeDouble(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) bail();
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const size = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = body.slice(i + 1, i + 1 + size);
    if (size === 0 || hex.length !== size || !/^[0-9a-fA-F]+$/.test(hex)) bail();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bail();
    out += String.fromCodePoint(code);
    i += size;
  }
  return out;
}

/** The tree of `text` when it is in the fast path's subset, else undefined (parse it with `yaml`). */
export function fastParseYaml(text: string): { root: YNode | null; nodeCount: number } | undefined {
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  const parser = new FastParser(text);
  try {
    const root = parser.parse();
    return { root, nodeCount: parser.count };
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    // Deep nesting overflowing the stack, or a bug: the full parser decides.
    return undefined;
  }
}
