import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BACKOFF_MS, MonitorSchedule, nextCheckDelayMs } from '../../../src/client/health/backoff';

test('failing services back off exponentially from the interval, capped at 30 minutes', () => {
  const interval = 10_000;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map((failures) => nextCheckDelayMs(interval, failures)),
    [10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
  // An interval longer than the cap is never shortened by it.
  assert.equal(nextCheckDelayMs(3_600_000, 3), 3_600_000);
  assert.equal(nextCheckDelayMs(1000, 1_000_000), MAX_BACKOFF_MS, 'huge failure counts do not overflow');
});

test('the schedule: never-checked services are due at once; an answer resets the backoff', () => {
  const schedule = new MonitorSchedule(10_000);
  assert.deepEqual(schedule.due(['a', 'b'], 0), ['a', 'b']);
  assert.equal(schedule.record('a', 'unhealthy', 0), 20_000);
  assert.equal(schedule.record('b', 'degraded', 0), 10_000, 'slow or 4xx still answers: no backoff');
  assert.deepEqual(schedule.due(['a', 'b'], 10_000), ['b']);
  assert.deepEqual(schedule.due(['a', 'b'], 20_000), ['a', 'b']);
  assert.equal(schedule.record('a', 'unhealthy', 20_000), 60_000);
  assert.equal(schedule.failures('a'), 2);
  assert.equal(schedule.record('a', 'healthy', 60_000), 70_000);
  assert.equal(schedule.failures('a'), 0);
  schedule.record('a', 'unhealthy', 70_000);
  schedule.forget('a');
  assert.deepEqual(schedule.due(['a'], 70_001), ['a'], 'a changed target is checked on the next round');
  schedule.retain(['b']);
  assert.equal(schedule.failures('a'), 0);
});
