/**
 * `npm run bench:resilience [-- --calls 1000 --rounds 15]`: per-call cost of the generated
 * resilience wrapper on the success path, next to cockatiel's `wrap(retry, circuitBreaker, timeout)`
 * and a bare `fetch`, in one run:
 *   1. against a local HTTP server (keep-alive, in a worker thread so that it has its own event loop);
 *   2. with `fetch` replaced by a stub that returns at once: the policy machinery alone.
 * Variants run interleaved, round after round. µs/call is the median of the rounds' means;
 * "overhead" is the median of each round's difference to bare fetch; "vs cockatiel" is that
 * overhead ÷ cockatiel's (below 1: cheaper than cockatiel).
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  ConsecutiveBreaker, ExponentialBackoff, TimeoutStrategy, circuitBreaker, handleAll, retry, timeout, wrap,
} from 'cockatiel';
import { DEFAULT_POLICY } from '../src/core/resilience/policy';
import { renderResilienceModule } from '../src/core/resilience/renderModule';
import type * as Generated from '../src/core/resilience/template/resilience';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const CALLS = option('calls', 1000);
const ROUNDS = option('rounds', 15);

const SERVER = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('ok'); });
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

type Variant = { name: string; call: () => Promise<string> };
const BARE = 'bare fetch';
const COCKATIEL = 'cockatiel wrap(retry, breaker, timeout)';

async function loadGenerated(dir: string, useCockatiel: boolean): Promise<typeof Generated> {
  const file = path.join(dir, `resilience.${useCockatiel ? 'cockatiel' : 'native'}.ts`);
  writeFileSync(file, renderResilienceModule({ flavor: 'ts', useCockatiel, policies: [DEFAULT_POLICY] }));
  return (await import(pathToFileURL(file).href)) as typeof Generated;
}

function variants(url: string, native: typeof Generated, onCockatiel: typeof Generated): Variant[] {
  // cockatiel as its README composes it, with the defaults of the generated policy.
  const policy = wrap(
    retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 30_000 }) }),
    circuitBreaker(handleAll, { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) }),
    timeout(10_000, TimeoutStrategy.Cooperative),
  );
  return [
    { name: BARE, call: () => fetch(url).then((r) => r.text()) },
    { name: COCKATIEL, call: () => policy.execute(({ signal }) => fetch(url, { signal }).then((r) => r.text())) },
    { name: 'generated resilientFetch', call: () => native.resilientFetch(url).then((r) => r.text()) },
    { name: 'generated, cockatiel variant', call: () => onCockatiel.resilientFetch(url).then((r) => r.text()) },
  ];
}

interface Figures {
  /** Median over rounds of the mean µs per call. */
  us: number;
  /** Median over rounds of (this variant − bare fetch) in the same round: drift between rounds cancels out. */
  overhead: number;
}

/** Variants interleaved within each round, so that a slow moment of a shared machine hits them all. */
async function measure(list: Variant[]): Promise<Map<string, Figures>> {
  for (const variant of list) for (let i = 0; i < 200; i++) await variant.call(); // warm-up
  const rounds: Array<Map<string, number>> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const means = new Map<string, number>();
    for (const variant of list) {
      const started = performance.now();
      for (let i = 0; i < CALLS; i++) await variant.call();
      means.set(variant.name, ((performance.now() - started) * 1000) / CALLS);
    }
    rounds.push(means);
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return new Map(list.map((v) => [v.name, {
    us: median(rounds.map((r) => r.get(v.name)!)),
    overhead: median(rounds.map((r) => r.get(v.name)! - r.get(BARE)!)),
  }]));
}

function print(title: string, figures: Map<string, Figures>): void {
  const cockatielOverhead = figures.get(COCKATIEL)!.overhead;
  console.log(`\n${title}`);
  console.log('| variant | µs/call | overhead µs | vs cockatiel |');
  console.log('|---|---:|---:|---:|');
  for (const [name, { us, overhead }] of figures) {
    const bare = name === BARE;
    console.log(`| ${name} | ${us.toFixed(1)} | ${bare ? '' : overhead.toFixed(1)} | ${bare ? '' : (overhead / cockatielOverhead).toFixed(2)} |`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'io-bench-resilience-'));
  // The cockatiel variant imports cockatiel: let the temp dir resolve this repository's packages.
  symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  const worker = new Worker(SERVER, { eval: true });
  try {
    const port = await new Promise<number>((resolve) => worker.once('message', resolve));
    const url = `http://127.0.0.1:${port}/`;
    const native = await loadGenerated(dir, false);
    const onCockatiel = await loadGenerated(dir, true);
    console.log(`Node ${process.version}; ${CALLS} sequential calls × ${ROUNDS} rounds per variant; median of rounds`);

    print('1. Against a local HTTP server (keep-alive)', await measure(variants(url, native, onCockatiel)));

    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => new Response('ok')) as typeof fetch;
    try {
      print('2. fetch stubbed (the policy machinery alone)', await measure(variants(url, native, onCockatiel)));
    } finally {
      globalThis.fetch = realFetch;
    }
  } finally {
    worker.postMessage('stop');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
