/** What completion sees at a cursor: key or value, and the path, in block and flow YAML. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorContext } from '../../../src/core/config/cursorContext';
import { parseYaml } from '../../../src/core/config/parseYaml';
import { marked } from './helpers';

const CASES: [string, string, string, Partial<{ existing: string; newItem: boolean; needsDash: boolean; typed: string }>][] = [
  ['version: 1\nintegrations:\n  - name: a\n    target:\n      type: rest\n      |\n', 'key', 'integrations.0.target', { existing: 'type' }],
  ['version: 1\nintegrations:\n  - name: a\n    target:\n      type: rest\n    |\n', 'key', 'integrations.0', { existing: 'name,target' }],
  ['version: 1\nintegrations:\n  - name: a\n  - na|\n', 'key', 'integrations.1', { newItem: true, typed: 'na' }],
  ['version: 1\nintegrations:\n  - name: a\n  |\n', 'key', 'integrations', { needsDash: true }],
  ['version: 1\nintegrations:\n  - name: a\n    target:\n      type: re|\n', 'value', 'integrations.0.target.type', { typed: 're' }],
  ['version: 1\nintegrations:\n- name: a\n  sync:\n    strategy: |\n', 'value', 'integrations.0.sync.strategy', {}],
  ['version: 1\nintegrations:\n  - name: a\n    resilience: { policy: def| }\n', 'value', 'integrations.0.resilience.policy', { typed: 'def' }],
  ['version: 1\nintegrations:\n  - name: a\n    resilience: { pol| }\n', 'key', 'integrations.0.resilience', { typed: 'pol' }],
  ['version: 1\npolicies:\n  default:\n    retry:\n      retry_on:\n        - 500\n        - |\n', 'value', 'policies.default.retry.retry_on.1', {}],
  ['version: 1\npolicies:\n  default:\n    retry: { retry_on: [500, 5|] }\n', 'value', 'policies.default.retry.retry_on.1', { typed: '5' }],
  ['version: 1\npolicies:\n  |\n', 'key', 'policies', {}],
  ['ver|', 'key', '', { typed: 'ver' }],
  ['version: 1\nintegrations:\n  -\n    name: x\n    |\n', 'key', 'integrations.0', { existing: 'name' }],
];

for (const [source, kind, path, extra] of CASES) {
  test(`cursor: ${JSON.stringify(source.slice(Math.max(0, source.indexOf('|') - 24), source.indexOf('|') + 1))} → ${kind} at ${path || '(root)'}`, () => {
    const { text, start } = marked(source);
    for (const fast of [true, false]) {
      const context = cursorContext(parseYaml(text, { fast }), start);
      assert.ok(context);
      assert.equal(context.kind, kind);
      assert.equal(context.path.join('.'), path);
      if (extra.existing !== undefined) assert.equal(context.existingKeys.join(','), extra.existing);
      if (extra.newItem !== undefined) assert.equal(context.newItem, extra.newItem);
      if (extra.needsDash !== undefined) assert.equal(context.needsDash, extra.needsDash);
      if (extra.typed !== undefined) assert.equal(text.slice(context.replace.start, start), extra.typed);
    }
  });
}

test('no completion inside a comment', () => {
  const { text, start } = marked('version: 1 # a comm|ent\n');
  assert.equal(cursorContext(parseYaml(text), start), undefined);
});
