// Shared by every extension-test suite's index.ts: loads the suite's bundled `*.test.js` files into
// mocha and reports through `log()` (console.log, tagged for the runner), which both hosts forward
// (code-server via codeAutomationLog, @vscode/test-electron via the extension host's stdout).
// The last line is always `N passed, N failed`, which test/runInServer.mjs reads to add up the suites.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { log } from './testLog';

/** Thrown by `runSuite` when at least one test failed, so that `run()` rejects and the host exits with 1. */
export class TestFailuresError extends Error {
  constructor(readonly failures: number) {
    super(`${failures} extension test(s) failed`);
    this.name = 'TestFailuresError';
  }
}

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END, EVENT_SUITE_BEGIN } = Mocha.Runner.constants;

/** One line per test, plain text (no colours, no cursor tricks): the output is read as a log, not a terminal. */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let pending = 0;
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) log(`suite: ${suite.fullTitle()}`);
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      passed++;
      log(`  ok ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      pending++;
      log(`  skip ${test.fullTitle()}`);
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, error: Error) => {
      failed++;
      log(`  FAIL ${test.fullTitle()}\n${indent(error.stack ?? error.message)}`);
    });
    runner.once(EVENT_RUN_END, () => {
      if (pending > 0) log(`${pending} skipped`);
      log(`${passed} passed, ${failed} failed`);
    });
  }
}

function indent(text: string): string {
  return text.split('\n').map((line) => `      ${line}`).join('\n');
}

/**
 * Runs every `*.test.js` in `dir` (the folder of the calling index.js) with mocha's TDD interface.
 * Resolves when all passed; rejects with `TestFailuresError` otherwise.
 */
export async function runSuite(dir: string, options: { timeoutMs?: number } = {}): Promise<void> {
  try {
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: options.timeoutMs ?? 20_000, reporter: LineReporter });
    const files = readdirSync(dir).filter((file) => file.endsWith('.test.js')).sort();
    if (files.length === 0) throw new Error(`no *.test.js files in ${dir}: was the test bundle built?`);
    for (const file of files) mocha.addFile(path.join(dir, file));
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    if (failures > 0) throw new TestFailuresError(failures);
  } catch (error) {
    // Logged here (tagged) as well as by the host, so the runner always shows why a suite failed.
    if (!(error instanceof TestFailuresError)) log(`suite crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    throw error;
  }
}
