// Runs the extension test suites inside a real VS Code (code-server from npm) driven by headless Chromium,
// then checks the demo (scripts/demo.mjs) in the browser. No download from Microsoft: works offline.
// Recipe: /work/shared/notes/vscode-test-host.md. Build first (`npm run test:extension` does).
//
//   node test/runInServer.mjs [--suite NAME]... [--no-demo]      (NAME: a suite below, or `demo`)
//
// Every suite gets its own server, port, user-data, extensions dir and browser context, all thrown away.
// Exit code 0 only when every suite passed; the last line of output is `N passed, N failed`.
import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS, CHROMIUM_PATH, createServerState, findCodeServer, freePort, installVsix, root, startCodeServer, workbenchUrl,
} from '../scripts/code-server.mjs';

/**
 * The suites, run in this order. Features add theirs here.
 * - `tests`: the bundled suite entry (exports `run()`), from test/extension/<…>/index.ts.
 * - `workspace`: folder (or `.code-workspace` file) opened in the workbench (relative to the repository root).
 * - `workspaceTrust`: 'on' (default) keeps VS Code's workspace trust on, so a folder nobody trusted yet
 *   opens in restricted mode; 'off' passes --disable-workspace-trust (everything trusted).
 * - `vsix`: install the packaged .vsix into the suite's extensions dir and develop a dummy extension
 *   instead of the source tree, so the tests see exactly what users install.
 * - `env`: extra environment variables for the extension host (and so for the tests).
 */
export const SUITES = [
  { name: 'extension', tests: 'out/test/extension/index.js', workspace: 'examples', workspaceTrust: 'on' },
  { name: 'vsix', tests: 'out/test/extension/vsix/index.js', workspace: 'examples', workspaceTrust: 'on', vsix: true },
  { name: 'resilience', tests: 'out/test/extension/resilience/index.js', workspace: 'test/fixtures/resilience-workspace', workspaceTrust: 'off' },
  // Trusted: "New Integration (Quick)" writes a TypeScript integration into the fixture and tsc checks it (restored after each test).
  { name: 'wizard', tests: 'out/test/extension/wizard/index.js', workspace: 'test/fixtures/wizard-workspace', workspaceTrust: 'off' },
  // Trusted: the suite starts a Redis and an HTTP server, points the fixture's .env at them and runs Check All.
  { name: 'health', tests: 'out/test/extension/health/index.js', workspace: 'test/fixtures/health-workspace', workspaceTrust: 'off' },
  // Trusted: two folders in a .code-workspace; the tree shows one root per folder and follows each.
  { name: 'multiroot', tests: 'out/test/extension/multiroot/index.js', workspace: 'test/fixtures/multiroot-workspace/multiroot.code-workspace', workspaceTrust: 'off' },
  // Untrusted: config validation (and the server's inventory scan) read files and run nothing, so they work in Restricted Mode.
  { name: 'config', tests: 'out/test/extension/config/index.js', workspace: 'test/fixtures/config-workspace', workspaceTrust: 'on' },
];

const OVERALL_TIMEOUT_MS = Number(process.env.IO_EXT_TEST_TIMEOUT_MS ?? 10 * 60_000);
const SUITE_TIMEOUT_MS = Number(process.env.IO_EXT_SUITE_TIMEOUT_MS ?? 4 * 60_000);
const RESULTS = path.join(root, 'test-results');
const SUMMARY_LINE = /^(\d+) passed, (\d+) failed$/;

/** Everything to undo on exit, most recent first: servers, browser, temp dirs, the demo process. */
const cleanups = [];
async function cleanup() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()();
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

// A hard deadline for the whole run: a stuck workbench or server must never hang CI.
let givingUp = false;
const overallTimer = setTimeout(() => {
  givingUp = true;
  console.error(`runInServer: gave up after ${OVERALL_TIMEOUT_MS / 1000} s (IO_EXT_TEST_TIMEOUT_MS)`);
  void cleanup().finally(() => process.exit(1));
}, OVERALL_TIMEOUT_MS);
overallTimer.unref();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    givingUp = true;
    void cleanup().finally(() => process.exit(130));
  });
}

/** `--suite NAME` (repeatable; `demo` names the demo check) picks what runs; `--no-demo` skips the demo. */
function parseArgs(argv) {
  const only = [];
  let demo = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--suite') only.push(argv[++i]);
    else if (argv[i] === '--no-demo') demo = false;
    else throw new Error(`unknown argument ${argv[i]} (usage: node test/runInServer.mjs [--suite NAME]... [--no-demo])`);
  }
  const known = [...SUITES.map((suite) => suite.name), 'demo'];
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  if (only.length === 0) return { suites: SUITES, demo };
  return { suites: SUITES.filter((suite) => only.includes(suite.name)), demo: demo && only.includes('demo') };
}

function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `${name}-${version}.vsix`);
}

/** A do-nothing extension to develop while the extension under test comes from the installed .vsix. */
function writeDummyExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'io-vsix-test-host', publisher: 'integration-orchestrator-tests', version: '0.0.0', engines: { vscode: '*' },
  }, null, 2));
  return dir;
}

function resolveWorkspace(relative) {
  const workspace = path.resolve(root, relative);
  if (!existsSync(workspace)) throw new Error(`workspace ${workspace} does not exist`);
  if (workspace.endsWith('.code-workspace')) return workspace;
  if (readdirSync(workspace).length === 0) console.warn(`warning: workspace ${workspace} is empty; activation events may not fire`);
  return workspace;
}

/** Runs one suite in a fresh server and browser context; returns its counts and exit code. */
async function runSuite(server, browser, suite) {
  const started = Date.now();
  const state = createServerState({ prefix: `io-ext-${suite.name}-` });
  cleanups.push(state.dispose);
  const workspace = resolveWorkspace(suite.workspace);
  const testsPath = path.join(root, suite.tests);
  if (!existsSync(testsPath)) throw new Error(`${suite.tests} is missing: run \`npm run build\` first`);
  let developmentPath = root;
  if (suite.vsix) {
    const vsix = vsixPath();
    if (!existsSync(vsix)) throw new Error(`${path.basename(vsix)} is missing: run \`npm run package\` first`);
    await installVsix(server, state, vsix);
    developmentPath = writeDummyExtension(path.join(state.dir, 'dummy-extension'));
  }

  if (!['on', 'off', undefined].includes(suite.workspaceTrust)) throw new Error(`suite ${suite.name}: workspaceTrust must be 'on' or 'off'`);
  const trusted = suite.workspaceTrust === 'off';
  const port = await freePort();
  const srv = await startCodeServer(server, state, {
    port, workspace, smokeTestDriver: true, disableWorkspaceTrust: trusted, logFile: path.join(RESULTS, `ext-${suite.name}-server.log`),
  });
  cleanups.push(srv.stop);

  // The tests' output lines carry this tag (see test/extension/testLog.ts); the rest of
  // what the workbench logs is noise here (unreachable gallery, GitHub auth…) and goes to a file only.
  const tag = `[io-test:${suite.name}] `;
  const workbenchLog = createWriteStream(path.join(RESULTS, `ext-${suite.name}-workbench.log`));
  const untaggedErrors = [];
  let counts;
  const context = await browser.newContext();
  cleanups.push(() => context.close());
  const page = await context.newPage();
  let exitCode;
  const exited = new Promise((resolve) => { exitCode = resolve; });
  await page.exposeFunction('codeAutomationExit', (code) => exitCode(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
    workbenchLog.write(`[${type}] ${text}\n`);
    if (text.startsWith(tag)) {
      const line = text.slice(tag.length);
      console.log(line);
      const match = SUMMARY_LINE.exec(line.trim());
      if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) };
    } else if (type === 'error') {
      untaggedErrors.push(text);
    }
  });

  console.log(`\n── suite ${suite.name} (workspace ${path.relative(root, workspace) || '.'}, workspace trust ${suite.workspaceTrust ?? 'on'}${suite.vsix ? ', installed .vsix' : ''})`);
  await page.goto(workbenchUrl(srv, workspace, {
    extensionDevelopmentPath: developmentPath,
    extensionTestsPath: testsPath,
    extensionEnvironment: {
      IO_TEST_LOG_TAG: tag,
      IO_TEST_EXTENSIONS_DIR: state.extensionsDir,
      IO_TEST_EXPECT_TRUSTED: String(trusted),
      ...suite.env,
    },
  }));
  let timer;
  let settled = false;
  const code = await Promise.race([
    exited,
    srv.exited.then(() => {
      if (!settled && !givingUp) console.log(`code-server exited during suite ${suite.name}:\n${srv.output().slice(-3000)}`);
      return 1;
    }),
    new Promise((resolve) => { timer = setTimeout(() => { console.log(`suite ${suite.name} timed out after ${SUITE_TIMEOUT_MS / 1000} s`); resolve(1); }, SUITE_TIMEOUT_MS); }),
  ]);
  settled = true;
  clearTimeout(timer);
  if (!counts && untaggedErrors.length > 0) {
    console.log(`suite ${suite.name} reported no results; last workbench errors:`);
    for (const error of untaggedErrors.slice(-5)) console.log(`  ${error.split('\n').slice(0, 8).join('\n  ')}`);
  }
  await context.close();
  await srv.stop();
  workbenchLog.end();
  state.dispose();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`suite ${suite.name}: exit code ${code}, ${seconds} s`);
  // A non-zero exit with no failed test (crash, timeout, server gone) still counts as one failure.
  const failed = code !== 0 && !counts?.failed ? 1 : counts?.failed ?? 0;
  return { name: suite.name, code, passed: counts?.passed ?? 0, failed };
}

/**
 * Starts scripts/demo.mjs as a user would, loads it in Chromium, checks the Integrations view container
 * is in the activity bar, saves a screenshot, then stops the demo with SIGINT and expects a clean exit.
 */
async function runDemoCheck(browser) {
  const results = [];
  const record = (title, ok, detail) => {
    results.push(ok);
    console.log(ok ? `  ok demo ${title}` : `  FAIL demo ${title}\n      ${detail}`);
  };
  console.log('\n── demo (scripts/demo.mjs)');
  const state = createServerState({ prefix: 'io-ext-demo-' });
  cleanups.push(state.dispose);
  const port = await freePort();
  const demo = spawn(process.execPath, [path.join(root, 'scripts/demo.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), IO_DEMO_EXTENSIONS_DIR: state.extensionsDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const demoExited = new Promise((resolve) => demo.once('exit', (code, sig) => resolve({ code, sig })));
  cleanups.push(async () => {
    if (demo.exitCode === null && demo.signalCode === null) {
      demo.kill('SIGKILL');
      await demoExited;
    }
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo printed no URL within 90 s:\n${output}`)), 90_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    demo.stdout.on('data', onData);
    demo.stderr.on('data', (chunk) => { output += chunk.toString(); });
    void demoExited.then(({ code }) => { clearTimeout(timer); reject(new Error(`demo exited (${code}) before printing a URL:\n${output}`)); });
  });
  record('prints its URL', url.startsWith(`http://127.0.0.1:${port}/`), url);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  await page.goto(url);
  const container = page.locator('.activitybar [aria-label*="Integrations"]').first();
  try {
    await container.waitFor({ state: 'visible', timeout: 90_000 });
    record('shows the Integrations view container in the activity bar', true);
    await openContainerForScreenshot(page, container);
  } catch (error) {
    record('shows the Integrations view container in the activity bar', false, error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  mkdirSync(RESULTS, { recursive: true });
  const screenshot = path.join(RESULTS, 'demo.png');
  await page.screenshot({ path: screenshot });
  // The README's copy is a tracked file: a test run only refreshes it when asked to.
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(path.join(root, 'media/screenshots'), { recursive: true });
    copyFileSync(screenshot, path.join(root, 'media/screenshots/demo.png'));
    console.log(`  screenshot: ${path.relative(root, screenshot)} (copied to media/screenshots/demo.png)`);
  } else {
    console.log(`  screenshot: ${path.relative(root, screenshot)} (UPDATE_SCREENSHOTS=1 copies it to media/screenshots/demo.png)`);
  }
  await context.close();

  demo.kill('SIGINT');
  const exit = await Promise.race([demoExited, new Promise((resolve) => setTimeout(() => resolve(undefined), 20_000))]);
  record('stops cleanly on Ctrl-C', exit?.code === 0, `exit ${JSON.stringify(exit ?? 'none within 20 s')}\n${output.slice(-2000)}`);
  state.dispose();
  return { name: 'demo', code: results.every(Boolean) ? 0 : 1, passed: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length };
}

/**
 * Trusts the sample folder as a user would (banner → Manage → Trust), then opens the Integrations container:
 * a screenshot worth showing. Best effort: the check above already passed or failed on its own.
 */
async function openContainerForScreenshot(page, container) {
  try {
    const manage = page.locator('.monaco-workbench .banner a', { hasText: 'Manage' }).first();
    await manage.click({ timeout: 5_000 });
    const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
    await trust.click({ timeout: 10_000 });
    await page.locator('.monaco-workbench .banner').waitFor({ state: 'hidden', timeout: 10_000 });
    // Close the trust editor again so the screenshot shows the empty editor area.
    await page.keyboard.press('Control+W').catch(() => undefined);
  } catch {
    console.log('  (could not trust the folder through the UI; screenshot shows restricted mode)');
  }
  await container.click();
  await page.locator('.pane-header', { hasText: 'Inventory' }).first().waitFor({ state: 'visible', timeout: 15_000 }).catch(() => undefined);
  // Move the pointer off the activity bar (no tooltip) and let the views finish their first render.
  await page.mouse.move(800, 600);
  await page.waitForTimeout(1_500);
}

async function main() {
  const started = Date.now();
  const { suites, demo } = parseArgs(process.argv.slice(2));
  mkdirSync(RESULTS, { recursive: true });
  const server = await findCodeServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  cleanups.push(() => browser.close());

  const results = [];
  for (const suite of suites) {
    try {
      results.push(await runSuite(server, browser, suite));
    } catch (error) {
      console.log(`suite ${suite.name} could not run: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      results.push({ name: suite.name, code: 1, passed: 0, failed: 1 });
    }
  }
  if (demo) {
    try {
      results.push(await runDemoCheck(browser));
    } catch (error) {
      console.log(`demo check could not run: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      results.push({ name: 'demo', code: 1, passed: 0, failed: 1 });
    }
  }
  await cleanup();

  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  const ok = results.every((r) => r.code === 0) && failed === 0;
  console.log(`\nextension tests: ${results.map((r) => `${r.name} ${r.code === 0 ? 'ok' : 'FAILED'}`).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
});
