// `npm run eval:real -- --corpus DIR [--verbose] [--repo SUBSTR]`: detection scored on real public repositories,
// labelled by hand (the protocol and scorer live in ../shared/eval-real/). Scores both label sets, the shared
// development set and the one this repository keeps (test/eval-real/labels), each apart, on the built CLI.
// DIR holds one checkout per label file, named like it (owner__name); restore.sh makes them from a bare git dir.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const shared = path.resolve(root, '../shared/eval-real');
const scorer = path.join(shared, 'score.py');
if (!existsSync(scorer)) {
  console.error(`eval:real: the scorer is not at ${scorer} (it comes with the project's shared folder)`);
  process.exit(2);
}
const args = process.argv.slice(2);
if (!args.includes('--corpus')) {
  console.error('usage: npm run eval:real -- --corpus DIR [--verbose] [--repo SUBSTR]');
  process.exit(2);
}
const cli = path.join(root, 'dist/cli.js');
if (!existsSync(cli)) {
  console.error('eval:real: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
let status = 0;
for (const [title, labels] of [['development set (shared)', path.join(shared, 'labels')], ['development set (test/eval-real)', path.join(root, 'test/eval-real/labels')]]) {
  console.log(`\n== ${title}`);
  const result = spawnSync('python3', [scorer, '--labels', labels, '--cmd', `node ${JSON.stringify(cli)} scan {dir} --format json > {out}`, ...args], { stdio: 'inherit' });
  status ||= result.status ?? 1;
}
process.exit(status);
