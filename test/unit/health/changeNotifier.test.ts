import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeNotifier, type Observation } from '../../../src/client/health/changeNotifier';
import type { HealthStatus } from '../../../src/core/probes/types';

const MIN = 60_000;
const seen = (key: string, status: HealthStatus): Observation => ({ key, name: key.toUpperCase(), status });

test('the first check sets the baseline silently; a change is reported once, with its severity', () => {
  const notifier = new ChangeNotifier();
  assert.equal(notifier.decide([seen('redis', 'healthy')], 0), undefined);
  assert.equal(notifier.decide([seen('redis', 'healthy')], MIN), undefined, 'no change, no notification');
  const down = notifier.decide([seen('redis', 'unhealthy')], 2 * MIN);
  assert.deepEqual([down?.severity, down?.text], ['error', 'Health: REDIS is unhealthy (was healthy).']);
  assert.equal(notifier.decide([seen('redis', 'unhealthy')], 3 * MIN), undefined, 'still down: said already');
});

test('at most one notification per service per 5 minutes; a change held back is reported once the window passed', () => {
  const notifier = new ChangeNotifier();
  notifier.decide([seen('db', 'healthy')], 0);
  assert.ok(notifier.decide([seen('db', 'unhealthy')], MIN));
  assert.equal(notifier.decide([seen('db', 'healthy')], 2 * MIN), undefined, 'flapping back within 5 minutes: held back');
  assert.equal(notifier.decide([seen('db', 'unhealthy')], 3 * MIN), undefined);
  assert.equal(notifier.decide([seen('db', 'healthy')], 5 * MIN), undefined, '4 minutes after the last notification');
  const recovered = notifier.decide([seen('db', 'healthy')], 6 * MIN);
  assert.deepEqual([recovered?.severity, recovered?.text], ['info', 'Health: DB recovered (was unhealthy).']);
  // Back to the state last reported before the window passed: nothing to say.
  notifier.decide([seen('db', 'unhealthy')], 7 * MIN);
  assert.equal(notifier.decide([seen('db', 'healthy')], 12 * MIN), undefined);
});

test('several changes in one round make one summary, at most one per minute', () => {
  const notifier = new ChangeNotifier();
  const keys = ['a', 'b', 'c', 'd', 'e'];
  notifier.decide(keys.map((key) => seen(key, 'healthy')), 0);
  const summary = notifier.decide(keys.map((key) => seen(key, key === 'e' ? 'degraded' : 'unhealthy')), 10 * MIN);
  assert.equal(summary?.severity, 'error');
  assert.equal(summary?.changes.length, 5);
  assert.equal(summary?.text, 'Health: 5 services changed: A is unhealthy (was healthy); B is unhealthy (was healthy); C is unhealthy (was healthy); and 2 more.');
  // Two other services change 30 s later: a second summary would be too soon.
  notifier.decide([seen('x', 'healthy'), seen('y', 'healthy')], 10 * MIN);
  assert.equal(notifier.decide([seen('x', 'degraded'), seen('y', 'degraded')], 10 * MIN + 30_000), undefined);
  const later = notifier.decide([seen('x', 'degraded'), seen('y', 'degraded')], 11 * MIN);
  assert.deepEqual([later?.severity, later?.changes.map((change) => change.key)], ['warning', ['x', 'y']]);
});

test('a check the person ran and saw becomes the baseline', () => {
  const notifier = new ChangeNotifier();
  notifier.decide([seen('api', 'healthy')], 0);
  notifier.acknowledge('api', 'unhealthy');
  assert.equal(notifier.decide([seen('api', 'unhealthy')], MIN), undefined);
  notifier.retain([]);
  assert.equal(notifier.decide([seen('api', 'healthy')], 2 * MIN), undefined, 'forgotten: a new baseline');
});
