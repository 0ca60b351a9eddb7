/**
 * The fast parser against `yaml`: on every document it accepts, `yaml` must report no error and
 * build the same tree (values, offsets, styles). Generated documents mix the scalars, keys and
 * layouts config files use, plus the tricky ones; the fast parser may decline any of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastParseYaml, resolvePlain } from '../../../src/core/config/fastYaml';
import { parseYaml } from '../../../src/core/config/parseYaml';
import { ISSUE_EXAMPLE } from './helpers';

const normalize = (node: unknown) => JSON.stringify(node, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : Object.is(value, -0) ? '-0' : value));

function agree(text: string): 'fast' | 'declined' {
  const fast = fastParseYaml(text);
  if (!fast) return 'declined';
  const slow = parseYaml(text, { fast: false });
  assert.deepEqual(slow.problems.filter((p) => p.severity === 'error').map((p) => p.message), [], `accepted invalid YAML: ${JSON.stringify(text)}`);
  assert.equal(normalize(fast.root), normalize(slow.root), `trees differ: ${JSON.stringify(text)}`);
  return 'fast';
}

test('plain scalars resolve as the YAML 1.2 core schema says', () => {
  const cases: [string, unknown][] = [['~', null], ['', null], ['Null', null], ['TRUE', true], ['false', false], ['0o17', 15], ['0x1F', 31], ['+5', 5], ['012', 12], ['1e3', 1000], ['.5', 0.5], ['5.', 5], ['-.inf', Number.NEGATIVE_INFINITY], ['1_000', '1_000'], ['yes', 'yes'], ['0b1', '0b1']];
  for (const [text, value] of cases) assert.ok(Object.is(resolvePlain(text), value) || resolvePlain(text) === value, text);
  assert.ok(Number.isNaN(resolvePlain('.nan')));
});

test('the config files people write take the fast path', () => {
  assert.equal(agree(ISSUE_EXAMPLE), 'fast', 'the issue example, with its two-line flow mapping');
  assert.equal(agree(ISSUE_EXAMPLE.replace(/\n/g, '\r\n')), 'fast', 'CRLF');
});

test('multi-line flow collections: the same tree, or declined where indentation is doubtful', () => {
  const cases: [string, 'fast' | 'declined'][] = [
    ['a: { b: 1,\n     c: 2 }\n', 'fast'],
    ['a: { b: 1,\nc: 2 }\n', 'declined'],
    ['a:\n  b: [1,\n  2]\n', 'declined'],
    ['a: [1, # c\n  2]\n', 'fast'],
    ['a: { b: x\n  y }\n', 'declined'],
    ['k: { a: 1,\n    b: [x,\n      y] }\nz: 1\n', 'fast'],
    ['a: [1,\n  2] x\n', 'declined'],
    ['a: [1,\n  2]\n  b: 3\n', 'declined'],
  ];
  for (const [text, expected] of cases) assert.equal(agree(text), expected, JSON.stringify(text));
});

test('declined: anchors, tags, block scalars, directives, tabs, duplicate keys, merge keys', () => {
  for (const text of ['a: &x 1\nb: *x\n', 'a: !tag 1\n', 'a: |\n  x\n', '%YAML 1.2\n---\na: 1\n', '---\na: 1\n', 'a:\t1\n', 'a: 1\na: 2\n', 'a:\n  <<: {b: 1}\n', 'a: b: c\n', 'a: "x\n  y"\n', '? a\n: b\n']) {
    assert.equal(fastParseYaml(text), undefined, JSON.stringify(text));
  }
});

test('generated documents: the fast parser agrees with yaml on every one it accepts', () => {
  let seed = 4242;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const scalars = ["'a'b", '"a\\"b"', 'a\\b', '- - x', 'a  b  ', '{ a: b }x', '[a]#c', "'x' # c", '"x"#c', '{a:1}', '{"a":1}', '[a, b]  # c', '{ a: "x" , b: [ 1 ,2 ] }',
    '"\\x41"', '"\\U0001F600"', '"\\a"', 'a,', '0.', '-', '--', '---', '...', 'a:', 'a :b', '!x', '&a x', 'a', 'b c', '1', '-2', '0x1F', '1.5', '1e3', 'true', 'null', '~', '',
    '"q"', "'s''t'", '"e\\nf"', 'http://x:1/y', 'a:b', 'a #b', 'x#y', '-x', '"a: b"', '${X}', '"${X:-1}"', ':x', '?x', '@x', 'a,b', '[1, 2]', '{a: 1}', '[a, {b: c}]', '[]', '{}',
    '*/5 * * * *', '- a', 'a: b', 'é', '😀', '.inf', '1_0', '[a,]', '{a: 1,}', '[a b]', '{a: b c}', "{'k': v}", '[a: 1]'];
  const keys = ['a', 'b', 'key', '"q k"', "'s k'", '1', 'true', 'a b', 'x-y', '<<', 'a#b', '-k', '? k', 'é'];
  const node = (depth: number, indent: number): string[] => {
    const kind = depth > 3 ? 0 : Math.floor(random() * 3);
    if (kind === 0) return [pick(scalars)];
    const lines: string[] = [];
    const pad = ' '.repeat(indent);
    for (let i = 0, n = 1 + Math.floor(random() * 3); i < n; i++) {
      const child = node(depth + 1, indent + (kind === 1 ? pick([1, 2, 4]) : 2));
      const inline = child.length === 1 && !child[0]!.startsWith(' ');
      if (kind === 1) {
        const key = pick(keys);
        lines.push(...(inline ? [`${pad}${key}:${child[0] ? ` ${child[0]}` : ''}${random() < 0.2 ? ' # c' : ''}`] : [`${pad}${key}:`, ...child]));
      } else {
        lines.push(...(inline ? [`${pad}-${child[0] ? ` ${child[0]}` : ''}`] : [`${pad}-`, ...child]));
      }
      if (random() < 0.1) lines.push(`${pad}# comment`);
      if (random() < 0.1) lines.push('');
    }
    return lines;
  };
  let fast = 0;
  for (let i = 0; i < 4000; i++) {
    const text = node(0, 0).join(random() < 0.1 ? '\r\n' : '\n') + (random() < 0.5 ? '\n' : '');
    if (agree(text) === 'fast') fast++;
  }
  assert.ok(fast > 1000, `only ${fast} documents took the fast path`);
});
