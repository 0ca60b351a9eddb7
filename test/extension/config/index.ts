// Entry point of the `config` suite (test/runInServer.mjs): the config language server on
// test/fixtures/config-workspace, in Restricted Mode (validation reads files and runs nothing).
import { runSuite } from '../mochaSuite';

export function run(): Promise<void> {
  return runSuite(__dirname, { timeoutMs: 60_000 });
}
