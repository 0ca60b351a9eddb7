// Entry point of the main extension-test suite (extensionTestsPath → out/test/extension/index.js).
// Same contract under code-server (test/runInServer.mjs) and @vscode/test-electron (test/runInElectron.mjs).
import { runSuite } from './mochaSuite';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
