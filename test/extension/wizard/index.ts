// Entry point of the `wizard` suite (test/runInServer.mjs): "New Integration (Quick)" driven through
// the workbench's quick-input commands on test/fixtures/wizard-workspace (TypeScript), trusted.
import { runSuite } from '../mochaSuite';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
