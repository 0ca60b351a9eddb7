import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countStatuses, statusBarAccessibleText, statusBarSeverity, statusBarText } from '../../../src/client/health/statusSummary';

test('status-bar text: counts per state, zero counts left out, healthy always shown', () => {
  const counts = countStatuses(['healthy', 'healthy', 'healthy', 'healthy', 'healthy', 'degraded', 'unhealthy']);
  assert.equal(statusBarText(counts), '$(pulse) 5 ✓ 1 ⚠ 1 ✗');
  assert.equal(statusBarText(countStatuses(['unhealthy', 'unknown'])), '$(pulse) 0 ✓ 1 ✗ 1 ?');
  assert.equal(statusBarText(countStatuses(['healthy'])), '$(pulse) 1 ✓');
  assert.equal(statusBarText(countStatuses([])), '$(pulse) Health');
  assert.equal(statusBarText(counts, { done: 3, total: 7 }), '$(sync~spin) Health 3/7');
});

test('status-bar colour and screen-reader text follow the worst state', () => {
  assert.equal(statusBarSeverity(countStatuses(['healthy', 'degraded', 'unhealthy'])), 'error');
  assert.equal(statusBarSeverity(countStatuses(['healthy', 'degraded'])), 'warning');
  assert.equal(statusBarSeverity(countStatuses(['healthy', 'unknown'])), undefined);
  assert.equal(statusBarAccessibleText(countStatuses(['healthy', 'healthy', 'unhealthy'])), 'Service health: 2 healthy, 1 unhealthy');
  assert.equal(statusBarAccessibleText(countStatuses([])), 'Service health: not checked yet');
});
