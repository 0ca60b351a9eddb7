// Entry point of the `health` suite (test/runInServer.mjs): a trusted fixture workspace whose .env names
// servers the suite starts itself (a Redis, an HTTP server) and a closed port.
import { runSuite } from '../mochaSuite';

export function run(): Promise<void> {
  return runSuite(__dirname, { timeoutMs: 30_000 });
}
