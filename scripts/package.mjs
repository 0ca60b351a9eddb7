// Packages the extension into one universal .vsix (bundles + WASM, no native modules) and prints its size.
import { execFileSync } from 'node:child_process';
import { statSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${name}-${version}.vsix`);
// --no-rewrite-relative-links: the manifest names no GitHub/GitLab repository for vsce to turn README links
// (e.g. media/screenshots/demo.png) into absolute URLs, and without the flag vsce refuses to package.
execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const listing = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
const native = listing.filter((entry) => entry.endsWith('.node'));
if (native.length > 0) {
  console.error(`package: native modules found, the .vsix would not be universal: ${native.join(', ')}`);
  process.exit(1);
}
console.log(`package: ${path.basename(out)} ${(statSync(out).size / 1024).toFixed(0)} KiB, ${listing.length} files, universal (no .node files)`);
