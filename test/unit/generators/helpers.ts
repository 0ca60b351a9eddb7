/**
 * Shared by the generator tests: the option variants every language is generated with, writing
 * them into a temp workspace, and running a toolchain with a timeout (argument arrays, no shell).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate, support } from '../../../src/core/generators/registry';
import type { GeneratorOptions, GeneratorOutput, LanguageId, PatternId } from '../../../src/core/generators/types';

export const REPO = path.resolve(__dirname, '../../..');

/** A fast policy for code that runs in tests: small delays, 2 retries, a breaker. */
export const FAST_POLICY = {
  kind: 'inline' as const,
  policy: { timeoutMs: 2000, maxRetries: 2, baseDelayMs: 20, maxDelayMs: 200, circuitBreaker: { failureThreshold: 5, halfOpenAfterMs: 1000 } },
};

export interface Variant {
  pattern: PatternId;
  /** Integration name, unique per variant (becomes the folder/package). */
  name: string;
  options: Omit<GeneratorOptions, 'name'>;
}

/** Every pattern with the option values that change the generated code. */
export const VARIANTS: Variant[] = [
  { pattern: 'rest-client', name: 'payments-api', options: { auth: 'bearer' } },
  { pattern: 'rest-client', name: 'catalog-api', options: { auth: 'api-key', monitoring: true } },
  { pattern: 'rest-client', name: 'legacy-api', options: { auth: 'basic', resilience: { kind: 'inline', policy: { timeoutMs: 5000, maxRetries: 1, baseDelayMs: 100, maxDelayMs: 1000 } } } },
  { pattern: 'rest-client', name: 'public-api', options: { auth: 'none' } },
  { pattern: 'database-cache', name: 'orders-db', options: { monitoring: true } },
  { pattern: 'queue-producer', name: 'orders-out', options: { broker: 'rabbitmq', monitoring: true } },
  { pattern: 'queue-producer', name: 'events-out', options: { broker: 'kafka' } },
  { pattern: 'queue-consumer', name: 'orders-in', options: { broker: 'rabbitmq' } },
  { pattern: 'queue-consumer', name: 'events-in', options: { broker: 'kafka', monitoring: true } },
  { pattern: 'webhook-receiver', name: 'stripe-hooks', options: {} },
  { pattern: 'oauth2-client', name: 'github-login', options: {} },
  { pattern: 'workflow', name: 'checkout', options: { engine: 'in-process', monitoring: true } },
  { pattern: 'workflow', name: 'fulfilment', options: { engine: 'temporal' } },
  { pattern: 'monitoring', name: 'telemetry', options: {} },
  { pattern: 'health-endpoint', name: 'service-health', options: {} },
];

export interface Generated {
  variant: Variant;
  output: GeneratorOutput;
}

/** Generates every supported variant for `language` into `root`; returns what was generated and what was refused. */
export function generateInto(root: string, language: LanguageId, variants: Variant[] = VARIANTS): { generated: Generated[]; refused: { variant: Variant; reason: string }[] } {
  const generated: Generated[] = [];
  const refused: { variant: Variant; reason: string }[] = [];
  for (const variant of variants) {
    const verdict = support(variant.pattern, language, variant.options);
    if (!verdict.supported) {
      refused.push({ variant, reason: verdict.reason });
      continue;
    }
    const output = generate(variant.pattern, language, { name: variant.name, ...variant.options });
    for (const file of output.files) {
      const target = path.join(root, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    generated.push({ variant, output });
  }
  return { generated, refused };
}

export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `io-gen-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command (never through a shell); resolves with its exit code and output, kills it on timeout. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && typeof error.code !== 'number' ? `\n${error.message}` : '') });
    });
  });
}

/** Calls `onLine` for each complete line of a stream (writes may split a line in several chunks). */
export function onLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    lines.forEach(onLine);
  });
}

/** The cache folder persistent build caches (Go, Cargo) live in, shared with setup-test-env.sh. */
export function cacheDir(name: string): string {
  const base = process.env.IO_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'integration-orchestrator');
  const dir = path.join(base, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
