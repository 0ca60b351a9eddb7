// Entry point of the `resilience` suite (test/runInServer.mjs): the quick fixes on
// test/fixtures/resilience-workspace, in a trusted workspace.
import { runSuite } from '../mochaSuite';

export function run(): Promise<void> {
  return runSuite(__dirname, { timeoutMs: 60_000 });
}
