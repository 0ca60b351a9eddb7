// Entry point of the suite that runs against the packaged .vsix installed into a fresh extensions dir
// (extensionTestsPath → out/test/extension/vsix/index.js).
import { runSuite } from '../mochaSuite';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
