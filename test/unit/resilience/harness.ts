/**
 * Shared by the resilience tests: a real HTTP server on 127.0.0.1 with scripted faults, temp
 * projects, `tsc` runs, and loading a rendered module.
 */
import { execFile } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** What the server does with one request. */
export type Fault =
  | number // answer with this status
  | { status: number; headers?: Record<string, string>; body?: string }
  | 'hang' // never answer
  | 'hold' // answer 200 once `release(path)` is called
  | 'reset' // destroy the socket
  | 'stream-503'; // 503 whose body never ends (tests that the client drains it)

export interface SeenRequest {
  path: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  at: number;
  /** Resolves when the server side of this exchange is closed. */
  closed: Promise<void>;
}

/**
 * Each path has a script of faults, consumed one per request; the last one repeats. Unscripted
 * paths answer 200 `ok`.
 */
export class FaultServer extends EventEmitter {
  readonly requests: SeenRequest[] = [];
  private readonly scripts = new Map<string, Fault[]>();
  private readonly held = new Map<string, Array<() => void>>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  origin = '';

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    const { port } = this.server.address() as { port: number };
    this.origin = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const waiters of this.held.values()) waiters.forEach((release) => release());
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Scripts `path` and returns its full URL. */
  script(pathname: string, faults: Fault[]): string {
    this.scripts.set(pathname, [...faults]);
    return this.origin + pathname;
  }

  count(pathname: string): number {
    return this.requests.filter((r) => r.path === pathname).length;
  }

  /** Resolves once `pathname` has received `n` requests (rejects after `timeoutMs`). */
  async waitFor(pathname: string, n: number, timeoutMs = 5000): Promise<SeenRequest> {
    const deadline = Date.now() + timeoutMs;
    while (this.count(pathname) < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${pathname}: ${this.count(pathname)} of ${n} requests`);
      await Promise.race([once(this, 'request'), new Promise((r) => setTimeout(r, left).unref())]);
    }
    return this.requests.filter((r) => r.path === pathname)[n - 1]!;
  }

  /** Answers the requests held on `pathname`. */
  release(pathname: string): void {
    const waiters = this.held.get(pathname) ?? [];
    this.held.delete(pathname);
    waiters.forEach((answer) => answer());
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const closed = once(res, 'close').then(() => undefined);
    const seen: SeenRequest = { path: pathname, method: req.method ?? 'GET', headers: req.headers, at: performance.now(), closed };
    this.requests.push(seen);
    req.resume();
    const script = this.scripts.get(pathname);
    const fault: Fault = script ? (script.length > 1 ? script.shift()! : script[0]!) : 200;
    this.emit('request', seen);
    if (fault === 'hang') return;
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === 'hold') {
      const waiters = this.held.get(pathname) ?? [];
      waiters.push(() => res.end('ok'));
      this.held.set(pathname, waiters);
      return;
    }
    if (fault === 'stream-503') {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.write('x'.repeat(1024));
      return;
    }
    const spec = typeof fault === 'number' ? { status: fault } : fault;
    res.writeHead(spec.status, spec.headers);
    res.end(spec.body ?? (spec.status < 400 ? 'ok' : 'error'));
  }
}

/** A temp directory that can resolve this repository's node_modules (cockatiel, @types/node). */
export function tempProject(prefix: string): { dir: string; write: (file: string, text: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `io-${prefix}-`));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    dir,
    write: (file, text) => {
      const full = path.join(dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
      return full;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (argument array, no shell) and collects its output; never rejects on exit codes. */
export function run(command: string, args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, timeout: options.timeoutMs ?? 60_000, env: options.env ?? process.env, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * `tsc --strict --noEmit` over `files` with these compiler options, through a tsconfig written
 * into `dir` (the command line cannot say `"types": []`).
 */
export function tsc(dir: string, name: string, files: string[], options: Record<string, unknown>): Promise<RunResult> {
  const config = path.join(dir, `tsconfig.${name}.json`);
  writeFileSync(config, JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, ...options }, files }, null, 2));
  return run(process.execPath, [TSC, '-p', config], { cwd: dir, timeoutMs: 120_000 });
}

/** Imports a TypeScript file through tsx (the test process runs with `--import tsx`). */
export async function importFile<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(file).href)) as T;
}

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
