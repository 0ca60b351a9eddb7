// Runs the main extension-test suite in a desktop VS Code downloaded by @vscode/test-electron.
// For contributors with internet access (the download comes from Microsoft's update servers); CI and
// offline machines use test/runInServer.mjs instead. `npm run test:electron` builds first.
//
//   node test/runInElectron.mjs [--vscode-version stable|insiders|1.91.0] [--suite extension|vsix]
//
// Workspace trust stays on, as in runInServer.mjs; set IO_DISABLE_WORKSPACE_TRUST=1 to turn it off.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SUITES = { extension: 'out/test/extension/index.js' };

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main() {
  const version = option('--vscode-version', process.env.VSCODE_VERSION ?? 'stable');
  const suite = option('--suite', 'extension');
  if (!SUITES[suite]) throw new Error(`unknown suite ${suite}; known here: ${Object.keys(SUITES).join(', ')} (the vsix suite runs in runInServer.mjs)`);
  // Throw-away user data and extensions so a contributor's own VS Code settings never leak in.
  const state = mkdtempSync(path.join(os.tmpdir(), 'io-electron-'));
  const launchArgs = [
    path.join(root, 'examples'),
    '--user-data-dir', path.join(state, 'user'),
    '--extensions-dir', path.join(state, 'exts'),
    '--disable-gpu',
    '--skip-welcome',
    '--skip-release-notes',
  ];
  if (process.env.IO_DISABLE_WORKSPACE_TRUST) launchArgs.push('--disable-workspace-trust');
  try {
    const code = await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, SUITES[suite]),
      launchArgs,
    });
    process.exitCode = code;
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`runInElectron: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
