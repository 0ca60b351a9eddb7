import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commonPackage, planOutputPaths } from '../../../src/core/generators/layout';
import { generate } from '../../../src/core/generators/registry';
import { makeTempDir } from './helpers';

const temps: (() => void)[] = [];
after(() => temps.forEach((cleanup) => cleanup()));
function workspace(files: Record<string, string>): string {
  const { dir, cleanup } = makeTempDir('layout');
  temps.push(cleanup);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

test('TypeScript goes under src/integrations when src/ exists, else integrations/', async () => {
  assert.deepEqual(await planOutputPaths(workspace({ 'src/index.ts': '' }), 'typescript', 'rest-client', 'payments-api'), { dir: 'src/integrations/payments-api', module: 'payments-api' });
  assert.equal((await planOutputPaths(workspace({ 'index.ts': '' }), 'typescript', 'rest-client', 'payments-api')).dir, 'integrations/payments-api');
});

test('Python goes into the project\'s package (src layout first), with package markers', async () => {
  const src = await planOutputPaths(workspace({ 'src/shop/__init__.py': '', 'tests/__init__.py': '', 'pyproject.toml': '' }), 'python', 'rest-client', 'payments-api');
  assert.deepEqual(src, { dir: 'src/shop/integrations/payments_api', module: 'shop.integrations.payments_api', packageInits: ['src/shop/integrations/__init__.py'] });
  const flat = await planOutputPaths(workspace({ 'worker/__init__.py': '', 'tests/__init__.py': '' }), 'python', 'rest-client', 'payments-api');
  assert.equal(flat.module, 'worker.integrations.payments_api');
  const none = await planOutputPaths(workspace({ 'main.py': '' }), 'python', 'rest-client', 'payments-api');
  assert.equal(none.module, 'integrations.payments_api');
  const output = generate('rest-client', 'python', { name: 'payments-api', layout: src });
  assert.deepEqual(output.files.map((f) => f.path), [
    'src/shop/integrations/__init__.py', 'src/shop/integrations/payments_api/__init__.py',
    'src/shop/integrations/payments_api/resilience.py', 'src/shop/integrations/payments_api/client.py',
  ]);
});

test('Go reads the module path from go.mod and gives the import path', async () => {
  const layout = await planOutputPaths(workspace({ 'go.mod': 'module github.com/acme/inventory\n\ngo 1.21\n' }), 'go', 'rest-client', 'payments-api');
  assert.deepEqual(layout, { dir: 'internal/paymentsapi', module: 'paymentsapi', importPath: 'github.com/acme/inventory/internal/paymentsapi' });
  const output = generate('rest-client', 'go', { name: 'payments-api', layout });
  assert.match(output.files[1]!.content, /^package paymentsapi$/m);
  assert.deepEqual(output.notes, ['Import it as "github.com/acme/inventory/internal/paymentsapi".']);
});

test('Java uses the base package of the existing sources under src/main/java', async () => {
  const root = workspace({
    'src/main/java/com/acme/shop/App.java': 'package com.acme.shop;\nclass App {}\n',
    'src/main/java/com/acme/shop/web/Api.java': '// header\npackage com.acme.shop.web;\nclass Api {}\n',
    'src/main/java/com/acme/shop/db/Repo.java': 'package com.acme.shop.db;\nclass Repo {}\n',
  });
  const layout = await planOutputPaths(root, 'java', 'rest-client', 'payments-api');
  assert.deepEqual(layout, { dir: 'src/main/java/com/acme/shop/integrations/paymentsapi', module: 'com.acme.shop.integrations.paymentsapi' });
  const output = generate('rest-client', 'java', { name: 'payments-api', layout });
  assert.ok(output.files.every((f) => f.content.startsWith('package com.acme.shop.integrations.paymentsapi;')));
  assert.equal(commonPackage(['a.b.c', 'a.b', 'a.b.d.e']), 'a.b');
  assert.equal(commonPackage(['a.b', 'x.y']), undefined);
  assert.equal((await planOutputPaths(workspace({ 'pom.xml': '' }), 'java', 'rest-client', 'x')).module, 'integrations.x');
});

test('Rust gets a module folder under src/ and a note to declare it', async () => {
  const layout = await planOutputPaths(workspace({ 'Cargo.toml': '' }), 'rust', 'rest-client', 'payments-api');
  assert.deepEqual(layout, { dir: 'src/payments_api', module: 'payments_api' });
  assert.match(generate('rest-client', 'rust', { name: 'payments-api', layout }).notes[0]!, /mod payments_api;/);
});
