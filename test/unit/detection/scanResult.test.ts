import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allFindings, serviceFindings } from '../../../src/core/detection/scanResult';
import type { Integration, ScanResult } from '../../../src/core/detection/types';

function finding(file: string, line: number, extra: Partial<Integration> = {}): Integration {
  return { file, line, column: 1, endLine: line, endColumn: 2, kind: 'http', library: 'fetch', role: 'call', direction: 'outbound', test: false, ...extra };
}

const declaration = { role: 'declaration', direction: 'declaration' } as const;

function scan(): ScanResult {
  return {
    version: 1, root: '/w',
    integrations: [finding('src/a.ts', 3), finding('src/a.ts', 9), finding('src/z.ts', 1)],
    dependencies: [finding('package.json', 12, { ...declaration, library: 'axios' })],
    configuration: [finding('.env', 1, { ...declaration, library: 'dotenv' }), finding('.env', 4, { ...declaration, library: 'dotenv' })],
    services: [{ id: 'env:A', name: 'A', kind: 'http', keyedBy: 'env', envVars: ['A'], hosts: [], integrations: [2, 0], dependencies: [0], configuration: [1] }],
    skipped: [], stats: { files: 5, parsedFiles: 2, bytes: 0, durationMs: 0 },
  };
}

const where = (findings: Integration[]): string[] => findings.map((f) => `${f.file}:${f.line}`);

test('allFindings: sites and evidence in one list, in file order (what `integrations` held before the split)', () => {
  assert.deepEqual(where(allFindings(scan())), ['.env:1', '.env:4', 'package.json:12', 'src/a.ts:3', 'src/a.ts:9', 'src/z.ts:1']);
});

test('serviceFindings: a service\'s sites, dependencies and configuration, in file order; the result is not changed', () => {
  const result = scan();
  const before = JSON.stringify(result);
  assert.deepEqual(where(serviceFindings(result, result.services[0])), ['.env:4', 'package.json:12', 'src/a.ts:3', 'src/z.ts:1']);
  assert.equal(JSON.stringify(result), before);
});
