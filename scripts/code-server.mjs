// Starting a VS Code server (code-server from npm, run by its own Node 24) on loopback with throw-away
// state: shared by the extension-test runner (test/runInServer.mjs) and the demo (scripts/demo.mjs).
// Recipe and the reasons behind each flag: /work/shared/notes/vscode-test-host.md.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.139.1';

/** Thrown when code-server cannot be found, installed or started. */
export class CodeServerError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'CodeServerError';
  }
}

/** The same folder scripts/setup-test-env.sh installs into. */
function expectedServerDir() {
  const cacheRoot = process.env.IO_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'integration-orchestrator');
  return path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
}

/**
 * Finds the installed server, running scripts/setup-test-env.sh first when it is missing (the script is
 * idempotent and prints the server dir as its last stdout line). Returns the Node 24 binary and entry script.
 */
export async function findCodeServer() {
  let dir = expectedServerDir();
  if (!existsSync(path.join(dir, '.complete'))) {
    console.error('code-server is not installed yet: running scripts/setup-test-env.sh (a few minutes, once)');
    const { stdout } = await execFileAsync('bash', [path.join(root, 'scripts/setup-test-env.sh')], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    dir = stdout.trim().split('\n').pop() ?? dir;
  }
  const node = path.join(dir, 'node');
  const entry = path.join(dir, 'node_modules/.bin/code-server');
  if (!existsSync(node) || !existsSync(entry)) throw new CodeServerError(`code-server install in ${dir} is incomplete (no node or code-server)`);
  // The bin is a `#!/usr/bin/env node` script: run it with Node 24 explicitly, never the machine's Node 20.
  return { dir, node, entry: realpathSync(entry) };
}

/** A port the OS just reported free on 127.0.0.1 (there is a small race until the server binds it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on 127.0.0.1:port. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Settings that keep a server without internet quiet: no gallery update checks, no telemetry. */
const QUIET_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  // No chat panel or agent host in a throw-away workbench without sign-in: less noise, less CPU.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Creates the throw-away state of one server: config.yaml, user-data dir with a quiet settings.json, and
 * an extensions dir (unless `extensionsDir` is given, e.g. the demo's cache dir).
 */
export function createServerState({ prefix = 'io-code-server-', extensionsDir, settings = {} } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const userData = path.join(dir, 'user');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const exts = extensionsDir ?? path.join(dir, 'exts');
  mkdirSync(exts, { recursive: true });
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  return { dir, userData, extensionsDir: exts, config, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function serverEnv(server) {
  const env = { ...process.env, PATH: `${path.dirname(realpathSync(server.node))}:${process.env.PATH ?? ''}` };
  // npm's own variables (nodedir=/usr, …) must not leak into the server or the extension host.
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  delete env.NODE_OPTIONS;
  return env;
}

/** `code-server --install-extension <vsix>` into the state's extensions dir (offline: a local file). */
export async function installVsix(server, state, vsix, { signal } = {}) {
  const args = [server.entry, '--user-data-dir', state.userData, '--extensions-dir', state.extensionsDir, '--install-extension', vsix, '--force'];
  const { stdout, stderr } = await execFileAsync(server.node, args, { env: serverEnv(server), signal, timeout: 120_000 });
  if (!/successfully installed/i.test(stdout + stderr)) throw new CodeServerError(`installing ${vsix} failed:\n${stdout}${stderr}`);
}

/**
 * Starts code-server on 127.0.0.1:port for `workspace` and waits until /healthz answers. The server runs
 * in its own process group so that `stop()` ends it and every process it started (extension hosts, …).
 */
export async function startCodeServer(server, state, { port, workspace, disableWorkspaceTrust = false, smokeTestDriver = false, logFile, signal, readyTimeoutMs = 60_000, env = {} }) {
  const args = [
    server.entry,
    '--config', state.config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', state.userData,
    '--extensions-dir', state.extensionsDir,
  ];
  // A built workbench ignores the extension-development payload unless the smoke-test driver is on.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (disableWorkspaceTrust) args.push('--disable-workspace-trust');
  args.push(workspace);

  const child = spawn(server.node, args, { env: { ...serverEnv(server), ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = logFile ? createWriteStream(logFile) : undefined;
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
    log?.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      // The extension host may outlive the main process for a moment: end the rest of the group.
      killGroup(child.pid, 'SIGKILL');
      log?.end();
    })();
    return stopped;
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  try {
    for (;;) {
      signal?.throwIfAborted();
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new CodeServerError(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.slice(-4000)}`);
      }
      if (Date.now() > deadline) throw new CodeServerError(`code-server not ready on ${url} after ${readyTimeoutMs} ms:\n${output.slice(-4000)}`);
      try {
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: child.pid, exited, stop, output: () => output };
}

function killGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
  } catch {
    // already gone
  }
}

/** The workbench URL that opens `workspace` and, optionally, runs extension tests (a dev payload). */
export function workbenchUrl({ url, port }, workspace, { extensionDevelopmentPath, extensionTestsPath, extensionEnvironment } = {}) {
  // A `.code-workspace` file opens as a multi-root workspace; anything else as a folder.
  const params = new URLSearchParams(workspace.endsWith('.code-workspace') ? { workspace } : { folder: workspace });
  const payload = [['skipWelcome', 'true']];
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(extensionEnvironment)]);
  params.set('payload', JSON.stringify(payload));
  return `${url}/?${params}`;
}

/** Chromium flags for a headless run on a machine without GPU, sandbox or internet. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
