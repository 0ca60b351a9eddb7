/**
 * Where diagnostics land, written as marked texts: the `|…|` range is where the diagnostic
 * must be, as yaml-language-server places it. Each case runs on the fast parser's tree and on
 * `yaml`'s, which must agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../../src/core/config/parseYaml';
import { validateConfig } from '../../../src/core/config/validate';
import { covered, marked } from './helpers';

const HEAD = 'version: 1\nintegrations:\n  - name: a\n    target: { type: rest, endpoint: "https://a.example" }\n';

interface Case {
  name: string;
  source: string;
  code: string;
  message?: RegExp | string;
}

const CASES: Case[] = [
  {
    name: 'wrong value type → the value node',
    source: `${HEAD}policies:\n  default:\n    retry: { max_retries: |"three"| }\n`,
    code: 'invalid-value',
    message: 'retry.max_retries must be a whole number ≥ 0, got "three"',
  },
  {
    name: 'wrong value in block style → the value node',
    source: `${HEAD}policies:\n  default:\n    retry:\n      max_retries: |-1|\n`,
    code: 'invalid-value',
    message: 'retry.max_retries must be a whole number ≥ 0, got -1',
  },
  {
    name: 'unknown key → the key node, with did you mean',
    source: `${HEAD}policies:\n  default:\n    retry:\n      |max_retry|: 3\n`,
    code: 'unknown-key',
    message: 'unknown key `max_retry` in default.retry; did you mean `max_retries`?',
  },
  {
    name: 'unknown key without a near miss lists the known keys',
    source: `${HEAD}  |colour|: blue\n`.replace('  |colour|', '    |colour|'),
    code: 'unknown-key',
    message: /^unknown key `colour` in integrations\[0\]; expected `name`, `description`/,
  },
  {
    name: 'missing required key → the parent key',
    source: `${HEAD}policies:\n  default:\n    |retry|:\n      backoff: exponential\n`,
    code: 'missing-key',
    message: 'default.retry is missing the required key `max_retries`',
  },
  {
    name: 'missing required key at the root → the first character of the content',
    source: '# comment\n|v|ersion: 1\n',
    code: 'missing-key',
    message: 'the file is missing the required key `integrations`',
  },
  {
    name: 'missing key of a sequence item → the item\'s first character',
    source: 'version: 1\nintegrations:\n  - |n|ame: a\n    sync: { strategy: batch, frequency: "@daily" }\n',
    code: 'missing-key',
    message: 'integrations[0] is missing the required key `target`',
  },
  {
    name: 'an empty value is marked on its key',
    source: `${HEAD}policies:\n  default:\n    retry:\n      |max_retries|:\n`,
    code: 'invalid-value',
    message: 'retry.max_retries must be a whole number ≥ 0, got nothing',
  },
  {
    name: 'a mapping where text is expected → the whole mapping',
    source: 'version: 1\nintegrations:\n  - name: |{ first: a }|\n    target: { type: rest, endpoint: "https://a.example" }\n',
    code: 'invalid-type',
    message: /^integrations\[0\]\.name must be a name of letters.*got a mapping$/,
  },
  {
    name: 'enum typo → the value, with did you mean',
    source: `${HEAD}    sync: { strategy: |realtime| }\n`,
    code: 'invalid-value',
    message: 'sync.strategy must be one of `real-time`, `batch` or `event-driven`, got "realtime"; did you mean `real-time`?',
  },
  {
    name: 'cron refinement → the value',
    source: `${HEAD}    sync: { strategy: batch, frequency: |"61 * * * *"| }\n`,
    code: 'invalid-cron',
    message: 'sync.frequency is not a valid cron expression: the minute field has `61`, expected 0-59',
  },
  {
    name: 'a list where a mapping is expected',
    source: `${HEAD}    monitoring: |[metrics]|\n`,
    code: 'invalid-type',
    message: 'integrations[0].monitoring must be a mapping (`key: value` entries), got a list',
  },
  {
    name: 'YAML syntax error → error to the end of its line',
    source: `${HEAD}    sync: { strategy: batch, frequency: |@daily }|\n`,
    code: 'yaml-syntax',
  },
  {
    name: 'duplicate key → a YAML error on the second key',
    source: 'version: 1\n|version: 1|\nintegrations: []\n',
    code: 'yaml-syntax',
    message: 'duplicate key `version`: a key may appear only once in a mapping',
  },
  {
    name: 'a tab used for indentation → a YAML error',
    source: 'version: 1\nintegrations:\n|\t- name: a|\n',
    code: 'yaml-syntax',
    message: /tabs are not allowed/,
  },
  {
    name: 'a value reached through an alias → the anchored node',
    source: `${HEAD}policies:\n  base: &base\n    retry: { max_retries: |"x"| }\n  other: *base\n`,
    code: 'invalid-value',
  },
  {
    name: 'a value brought in by a merge key → where it is written',
    source: `${HEAD}policies:\n  base: &base\n    timeout: |never|\n  other:\n    <<: *base\n    retry: { max_retries: 1 }\n`,
    code: 'invalid-value',
  },
];

for (const { name, source, code, message } of CASES) {
  for (const fast of [true, false]) {
    test(`${name} (${fast ? 'fast path' : 'yaml parser'})`, () => {
      const { text, start, end } = marked(source);
      const found = validateConfig(text, { uri: 'x', parsed: parseYaml(text, { fast }) }).filter((d) => d.code === code);
      assert.ok(found.length >= 1, `no ${code} in ${JSON.stringify(validateConfig(text, { uri: 'x' }).map((d) => d.message))}`);
      const hit = found.find((d) => covered(text, d) === text.slice(start, end));
      assert.ok(hit, `${code} at ${JSON.stringify(found.map((d) => covered(text, d)))}, expected ${JSON.stringify(text.slice(start, end))}`);
      if (typeof message === 'string') assert.equal(hit.message, message);
      else if (message) assert.match(hit.message, message);
      assert.equal(hit.severity, 'error');
    });
  }
}

test('diagnostics are 0-based with UTF-16 columns (after an emoji)', () => {
  const { text, start } = marked(`${HEAD}    description: "😀"\n    sync: { strategy: |realtime| }\n`);
  const diagnostic = validateConfig(text, { uri: 'x' }).find((d) => d.code === 'invalid-value')!;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  assert.deepEqual(diagnostic.range.start, { line: text.slice(0, start).split('\n').length - 1, character: start - lineStart });
});

test('schema problems: the same diagnostics from the fast path and from yaml, on every case', () => {
  for (const { source } of CASES) {
    const { text } = marked(source);
    assert.deepEqual(validateConfig(text, { uri: 'x', parsed: parseYaml(text, { fast: true }) }), validateConfig(text, { uri: 'x', parsed: parseYaml(text, { fast: false }) }));
  }
});
