/**
 * The stored template strings: fresh, faithful to the TypeScript they come from, and the two
 * TypeScript variants keep their shared code identical.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { GENERATED_FILE, generatedTemplatesSource } from '../../../src/core/resilience/build/generateTemplates';
import { stripTypes, UnsupportedSyntaxError } from '../../../src/core/resilience/build/stripTypes';
import { ROOT } from './harness';

const TEMPLATE_DIR = path.join(ROOT, 'src/core/resilience/template');
const read = (file: string): string => readFileSync(path.join(TEMPLATE_DIR, file), 'utf8');

test('templates.generated.ts is up to date with the templates', () => {
  assert.equal(readFileSync(GENERATED_FILE, 'utf8'), generatedTemplatesSource(),
    'stale: run `node --import tsx src/core/resilience/build/generateTemplates.ts`');
});

test('the cockatiel variant shares its common code with the dependency-free one, byte for byte', () => {
  const regions = (text: string): string[] => text.match(/\/\/ @shared-start[^\n]*\n[\s\S]*?\/\/ @shared-end\n/g) ?? [];
  const native = regions(read('resilience.ts'));
  assert.equal(native.length, 2);
  assert.deepEqual(regions(read('resilience.cockatiel.ts')), native);
});

/** What TypeScript itself emits, without comments: equal for the template and for our stripped JavaScript. */
function emitted(source: string, fileName: string, module: ts.ModuleKind): string {
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module, removeComments: true, useDefineForClassFields: false, verbatimModuleSyntax: false },
  }).outputText.replace(/\n\s*\n/g, '\n');
}

for (const file of ['resilience.ts', 'resilience.cockatiel.ts']) {
  test(`${file}: stripping types changes no runtime code (same emit as tsc)`, () => {
    const source = read(file);
    const esm = stripTypes(source, 'esm', file);
    assert.equal(emitted(esm, 'x.js', ts.ModuleKind.ESNext), emitted(source, 'x.ts', ts.ModuleKind.ESNext));
    // CommonJS: same runtime as tsc's CommonJS emit, export for export.
    const cjs = stripTypes(source, 'cjs', file);
    assert.match(cjs, /^'use strict';\n/);
    assert.doesNotMatch(cjs, /^\s*(import|export)\s/m);
    const exportedByTs = [...emitted(source, 'x.ts', ts.ModuleKind.CommonJS).matchAll(/^exports\.(\w+) = /gm)].map((m) => m[1]).filter((n) => n !== 'policies');
    const exportedByUs = /module\.exports = \{ ([^}]*) \};/.exec(cjs)![1]!.split(', ');
    for (const name of exportedByTs) assert.ok(exportedByUs.includes(name!), `${name} missing from module.exports`);
  });

  test(`${file}: the JavaScript keeps the doc comments and blank lines`, () => {
    const js = stripTypes(read(file), 'esm', file);
    assert.match(js, /^\/\*\*\n \* Resilient outbound HTTP calls/);
    assert.match(js, /Counting: `maxRetries` counts retries, not attempts/);
    assert.match(js, /\n\n\/\*\* An attempt or the whole call ran out of time\. \*\/\nexport class TimeoutError/);
    assert.doesNotMatch(js, /\binterface\b|: ResiliencePolicy\b| as unknown/);
  });
}

test('stripTypes removes each erasable construct and refuses the others', () => {
  const source = [
    'import { a, type B } from \'m\';',
    'import type { C } from \'n\';',
    '/** A shape. */',
    'export interface Shape { x: number }',
    'type Alias = string;',
    'export class K<T> extends Base<T> implements Shape {',
    '  private readonly x: number;',
    '  y: number = 1;',
    '  constructor(x: number) { super(); this.x = x; }',
    '  get(v?: T): T | undefined { return v as T; }',
    '}',
    'export const f = <T,>(v: T): T => v!;',
    'const m = new Map<string, number>();',
  ].join('\n');
  assert.equal(stripTypes(source, 'esm'), [
    "import { a } from 'm';",
    'export class K extends Base {',
    '  y = 1;',
    '  constructor(x) { super(); this.x = x; }',
    '  get(v) { return v; }',
    '}',
    'export const f = (v) => v;',
    'const m = new Map();',
  ].join('\n'));
  assert.throws(() => stripTypes('enum E { A }', 'esm'), UnsupportedSyntaxError);
  assert.throws(() => stripTypes('class P { constructor(private x: number) {} }', 'esm'), UnsupportedSyntaxError);
  assert.throws(() => stripTypes('namespace N { }', 'esm'), UnsupportedSyntaxError);
});
