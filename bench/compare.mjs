// `npm run bench:compare -- [--base REF] [--rounds N]`: the scan benchmark (bench/scan.bench.ts) of this tree and of
// another revision, run alternately on the same machine (A B B A …) so that the machine's drift between hours falls
// on both, and their ratio printed. The other revision is checked out into a temporary git worktree (never over this
// tree), built there with this tree's node_modules, and removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] ? args[i + 1] : fallback; };
const base = option('--base', 'HEAD');
const rounds = Number(option('--rounds', '2'));

function git(...gitArgs) {
  return execFileSync('git', gitArgs, { cwd: root, encoding: 'utf8' }).trim();
}

/** One run of the benchmark in `dir`: cold median (s) and incremental p95 (ms), read from its printed table. */
function benchmark(dir, label) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/scan.bench.ts'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, BENCH_COLD_RUNS: process.env.BENCH_COLD_RUNS ?? '3' }, maxBuffer: 16 * 1024 * 1024,
  });
  const out = `${run.stdout}${run.stderr}`;
  const cold = /cold full scan\s+([\d.]+) s/.exec(out);
  const incremental = /incremental update\s+p50 [\d.]+ ms, p95 ([\d.]+) ms/.exec(out);
  const rss = /peak RSS\s+(\d+) MB/.exec(out);
  if (run.status !== 0 || !cold || !incremental) throw new Error(`the ${label} benchmark failed (exit ${run.status}):\n${out.slice(-2000)}`);
  console.error(`  ${label.padEnd(6)} cold ${cold[1]} s, incremental p95 ${incremental[1]} ms, peak ${rss?.[1] ?? '?'} MB`);
  return { cold: Number(cold[1]), p95: Number(incremental[1]), rss: Number(rss?.[1] ?? NaN) };
}

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

const commit = git('rev-parse', '--verify', `${base}^{commit}`);
const worktree = mkdtempSync(path.join(tmpdir(), 'io-bench-base-'));
try {
  git('worktree', 'add', '--detach', worktree, commit);
  symlinkSync(path.join(root, 'node_modules'), path.join(worktree, 'node_modules'));
  for (const dir of [root, worktree]) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: dir, stdio: 'ignore' });
  console.error(`benchmark: this tree against ${base} (${commit.slice(0, 10)}), ${rounds} rounds, alternating`);
  const results = { head: [], base: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
    for (const which of order) results[which].push(benchmark(which === 'head' ? root : worktree, which));
  }
  const row = (name, unit, pick) => {
    const h = median(results.head.map(pick)); const b = median(results.base.map(pick));
    return `  ${name.padEnd(20)} ${`${b.toFixed(2)} ${unit}`.padStart(12)} ${`${h.toFixed(2)} ${unit}`.padStart(12)} ${`${(h / b).toFixed(2)}x`.padStart(8)}`;
  };
  console.log(`\nscan benchmark, this tree against ${base} (medians of ${rounds} alternating runs each)`);
  console.log(`  ${''.padEnd(20)} ${'base'.padStart(12)} ${'this tree'.padStart(12)} ${'ratio'.padStart(8)}`);
  console.log(row('cold full scan', 's', (r) => r.cold));
  console.log(row('incremental p95', 'ms', (r) => r.p95));
  console.log(row('peak RSS', 'MB', (r) => r.rss));
} finally {
  try { git('worktree', 'remove', '--force', worktree); } catch { rmSync(worktree, { recursive: true, force: true }); }
}
