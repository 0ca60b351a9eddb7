// Entry point of the `multiroot` suite (test/runInServer.mjs): a .code-workspace with two folders.
import { runSuite } from '../mochaSuite';

export function run(): Promise<void> {
  return runSuite(__dirname, { timeoutMs: 30_000 });
}
