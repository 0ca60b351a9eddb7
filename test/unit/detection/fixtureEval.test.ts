// The labelled detection fixtures (test/fixtures/detection, `npm run eval`) as a gate: every label found with its
// kind, library and role, and nothing else reported. These fixtures measure consistency with the rules, not
// accuracy on real code (that is `npm run eval:real`), but a change that loses one of them is a regression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../eval/evaluate';

test('the detection fixtures: every label found (strict), no other finding', async () => {
  const report = await evaluate();
  const all = report.strict.get('all');
  assert.ok(all && all.expected > 400, 'the fixtures are there');
  assert.deepEqual(report.mismatches.map((m) => `${m.file}:${m.line} ${m.what}`), []);
  assert.equal(all.matched, all.expected);
  assert.equal(all.found, all.expected);
});
