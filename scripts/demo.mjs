// `npm run demo`: a full VS Code in the browser with the packaged extension installed, opened on the sample
// workspace (examples/). Nothing to install by hand: code-server comes from npm (scripts/setup-test-env.sh).
// The npm script builds and packages first; this script installs the .vsix, starts the server on
// 127.0.0.1 and runs until Ctrl-C.
//
// Environment: PORT (default 8080; a free port is used when it is taken), IO_DEMO_EXTENSIONS_DIR
// (default: a folder in the cache next to the server), IO_DEMO_WORKSPACE (default: examples/).
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createServerState, findCodeServer, freePort, installVsix, portIsFree, root, startCodeServer } from './code-server.mjs';

const DEFAULT_PORT = 8080;

async function choosePort() {
  const wanted = Number(process.env.PORT ?? DEFAULT_PORT);
  if (Number.isInteger(wanted) && wanted > 0 && await portIsFree(wanted)) return wanted;
  const port = await freePort();
  console.error(`demo: port ${wanted} is taken, using ${port}`);
  return port;
}

function chooseWorkspace() {
  if (process.env.IO_DEMO_WORKSPACE) return path.resolve(process.env.IO_DEMO_WORKSPACE);
  const examples = path.join(root, 'examples');
  if (existsSync(examples) && readdirSync(examples).length > 0) return examples;
  console.error('demo: examples/ is empty or missing, opening the repository itself');
  return root;
}

async function main() {
  const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = path.join(root, `${name}-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${path.basename(vsix)} not found: run \`npm run demo\` (it builds and packages first) or \`npm run package\``);

  const server = await findCodeServer();
  const extensionsDir = path.resolve(process.env.IO_DEMO_EXTENSIONS_DIR ?? path.join(path.dirname(server.dir), 'demo-extensions'));
  mkdirSync(extensionsDir, { recursive: true });
  // User data is thrown away on exit so every demo starts the same; extensions stay cached.
  const state = createServerState({ prefix: 'io-demo-', extensionsDir });
  const aborter = new AbortController();
  let server_;
  let stopping;
  const shutdown = (code) => {
    stopping ??= (async () => {
      aborter.abort();
      await server_?.stop();
      state.dispose();
      process.exit(code);
    })();
    return stopping;
  };
  process.once('SIGINT', () => { console.log('\ndemo: stopping'); void shutdown(0); });
  process.once('SIGTERM', () => void shutdown(0));

  console.log(`demo: installing ${path.basename(vsix)} into ${extensionsDir}`);
  await installVsix(server, state, vsix, { signal: aborter.signal });
  const workspace = chooseWorkspace();
  const port = await choosePort();
  server_ = await startCodeServer(server, state, { port, workspace, signal: aborter.signal, readyTimeoutMs: 90_000 });
  const url = `${server_.url}/?folder=${encodeURIComponent(workspace).replaceAll('%2F', '/')}`;
  console.log(`demo: VS Code with Integration Orchestrator on ${path.relative(root, workspace) || '.'}`);
  console.log(`demo: open ${url}`);
  console.log('demo: press Ctrl-C to stop');
  const exit = await server_.exited;
  if (!stopping) {
    console.error(`demo: code-server exited on its own (${exit.code ?? exit.signal}):\n${server_.output().slice(-3000)}`);
    await shutdown(1);
  }
}

main().catch((error) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
