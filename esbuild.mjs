// One build script for every bundle: `node esbuild.mjs [--watch] [--production]`.
// Bundles: extension (cjs/node, vscode external), language server, CLI (with shebang),
// webview (browser, esm), plus the tree-sitter WASM files and the generated JSON Schema.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const root = path.dirname(new URL(import.meta.url).pathname);
const dist = path.join(root, 'dist');

/** Grammars the detection engine loads; the other WASM files of the package are not shipped. */
export const GRAMMARS = ['typescript', 'tsx', 'javascript', 'python', 'go', 'java', 'rust'];

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };

const builds = [
  { ...nodeCommon, entryPoints: { extension: 'src/client/extension.ts' }, outdir: dist, external: ['vscode'] },
  { ...nodeCommon, entryPoints: { server: 'src/server/server.ts' }, outdir: dist },
  { ...nodeCommon, entryPoints: { 'scan-worker': 'src/core/detection/scanWorker.ts' }, outdir: dist },
  { ...nodeCommon, entryPoints: { cli: 'src/cli/main.ts' }, outdir: dist, banner: { js: '#!/usr/bin/env node' } },
  ...(existsSync(path.join(root, 'src/webview/wizard/main.ts'))
    ? [{ ...common, platform: 'browser', format: 'esm', target: 'es2022', entryPoints: { wizard: 'src/webview/wizard/main.ts' }, outdir: path.join(dist, 'webview') }]
    : []),
].filter((b) => Object.values(b.entryPoints).every((entry) => existsSync(path.join(root, entry))));

// Extension tests (test/extension/**/{index,*.test}.ts) → out/test/extension/…, one bundle per file so that
// mocha can load each test file; `vscode` comes from the extension host, mocha from node_modules.
const testSources = existsSync(path.join(root, 'test/extension'))
  ? readdirSync(path.join(root, 'test/extension'), { recursive: true }).map(String)
    .filter((file) => /(^|\/)(index|[^/]+\.test)\.ts$/.test(file))
    .map((file) => path.join('test/extension', file))
  : [];
if (testSources.length > 0) {
  builds.push({ ...nodeCommon, sourcemap: 'inline', entryPoints: testSources, outbase: 'test/extension', outdir: path.join(root, 'out/test/extension'), external: ['vscode', 'mocha'] });
}

function copyWasm() {
  const source = path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
  const target = path.join(dist, 'wasm');
  mkdirSync(target, { recursive: true });
  const wanted = new Set(['tree-sitter.wasm', ...GRAMMARS.map((g) => `tree-sitter-${g}.wasm`)]);
  for (const file of readdirSync(source)) {
    if (wanted.has(file)) cpSync(path.join(source, file), path.join(target, file));
  }
}

async function writeJsonSchema() {
  const generator = path.join(root, 'src/core/config/jsonSchema.ts');
  if (!existsSync(generator)) return;
  // Bundle the generator to a temporary CJS file and run it: the zod schema stays the only source of truth.
  const out = path.join(root, 'out', 'gen-json-schema.cjs');
  await esbuild.build({ ...nodeCommon, sourcemap: false, entryPoints: [generator], outfile: out });
  const { buildJsonSchema } = require(out);
  writeFileSync(path.join(dist, 'integration-config.schema.json'), JSON.stringify(buildJsonSchema(), null, 2) + '\n');
}

mkdirSync(dist, { recursive: true });
copyWasm();
await writeJsonSchema();
if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('[watch] build started; watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
