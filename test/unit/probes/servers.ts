/**
 * Starts real servers for tests: each in its own temp dir, on 127.0.0.1 and a free port, as a
 * child process in its own process group; waited for with a bounded readiness loop; stopped
 * (and its dir removed) by `stop()`, and killed on process exit whatever happens.
 *
 *   const redis = await startRedis({ password: 's3cret' });
 *   ... redis.port ...
 *   await redis.stop();
 *
 * Each `start*` needs its Debian package (see scripts/setup-test-env.sh); `missingBinary()`
 * tells a test to skip with a clear reason when one is genuinely absent.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface RunningServer {
  name: string;
  host: '127.0.0.1';
  port: number;
  /** Milliseconds from spawn to ready. */
  startMs: number;
  /** The last lines the server wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';
export const RABBITMQ_SCRIPT = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const SEARCH_PATH = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/sbin', PG_BIN, '/usr/lib/rabbitmq/bin'];

/** Absolute path of an executable, or undefined. */
export function findBinary(name: string): string | undefined {
  for (const dir of path.isAbsolute(name) ? [''] : SEARCH_PATH) {
    const candidate = dir ? path.join(dir, name) : name;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch { /* keep looking */ }
  }
  return undefined;
}

/** A skip reason when any of the binaries is missing, else false (for `{ skip }`). */
export function missingBinary(...names: string[]): string | false {
  const missing = names.filter((name) => !findBinary(name));
  return missing.length ? `not installed: ${missing.join(', ')} (scripts/setup-test-env.sh installs it)` : false;
}

/**
 * A port that was free a moment ago, picked below the kernel's ephemeral range (32768-60999 on
 * Linux). A port the kernel hands out for `listen(0)` can be handed out again to another test's
 * server before ours binds it (CI once lost RabbitMQ's distribution port that way); ports outside
 * that range are only ever taken by someone asking for them by number.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canBind(port)) return port;
  }
  return kernelPort();
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function kernelPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether a start failed because a port was taken between picking it and binding it. */
function portTaken(error: unknown): boolean {
  return error instanceof Error && /EADDRINUSE|address already in use|dist_port_already_used|eaddrinuse/i.test(error.message);
}

/** Starts a server, and again on fresh ports when one of its ports was taken meanwhile. */
async function onFreshPorts<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !portTaken(error)) throw error;
    }
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `io-${prefix}-`));
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals, evenAfterExit = false): void {
  if (child.pid === undefined) return;
  if (!evenAfterExit && (child.exitCode !== null || child.signalCode !== null)) return;
  try {
    process.kill(-child.pid, signal); // the whole group: servers that fork (postgres, erlang) go too
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

interface SpawnSpec {
  name: string;
  command: string;
  args: string[];
  port: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** A line the server prints when it is ready; readiness also needs the port to accept. */
  readyLine?: RegExp;
  /** Bound on the readiness loop. */
  startTimeoutMs: number;
  /** Signal for a clean stop (postgres: SIGINT = fast shutdown). */
  stopSignal?: NodeJS.Signals;
  /** Extra things to remove or stop after the process is gone. */
  cleanup?: () => void | Promise<void>;
}

/** Spawns a server in its own process group and waits until it is ready (or fails with its output). */
export async function startProcess(spec: SpawnSpec): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  const collect = (chunk: Buffer) => { log = (log + chunk.toString('utf8')).slice(-16_000); };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => { running.delete(child); resolve(); }));
  let spawnError: Error | undefined;
  child.once('error', (error) => { spawnError = error; });

  const stop = async () => {
    killGroup(child, spec.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL', true); // stragglers of the group (forked helpers)
    await spec.cleanup?.();
  };

  const deadline = started + spec.startTimeoutMs;
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await spec.cleanup?.();
      throw new Error(`${spec.name} exited before it was ready (${spawnError?.message ?? `code ${child.exitCode}`}):\n${log.slice(-3000)}`);
    }
    if ((!spec.readyLine || spec.readyLine.test(log)) && await canConnect(spec.port)) break;
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${spec.name} was not ready within ${spec.startTimeoutMs} ms:\n${log.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name: spec.name,
    host: '127.0.0.1',
    port: spec.port,
    startMs: Math.round(performance.now() - started),
    output: () => log,
    stop,
  };
}

export function startRedis(options: { password?: string } = {}): Promise<RunningServer> {
  return onFreshPorts(() => startRedisOnce(options));
}

async function startRedisOnce(options: { password?: string } = {}): Promise<RunningServer> {
  const dir = tempDir('redis');
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'no'];
  if (options.password) args.push('--requirepass', options.password);
  return startProcess({
    name: options.password ? 'redis (password)' : 'redis',
    command: findBinary('redis-server') ?? 'redis-server',
    args,
    port,
    readyLine: /Ready to accept connections/,
    startTimeoutMs: 10_000,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
}

export function startNats(): Promise<RunningServer> {
  return onFreshPorts(() => startNatsOnce());
}

async function startNatsOnce(): Promise<RunningServer> {
  const port = await freePort();
  return startProcess({
    name: 'nats',
    command: findBinary('nats-server') ?? 'nats-server',
    args: ['-a', '127.0.0.1', '-p', String(port), '-n', 'io-test-nats'],
    port,
    readyLine: /Server is ready/,
    startTimeoutMs: 10_000,
  });
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** execFile as a promise: never blocks the event loop, so servers started together start in parallel. */
async function run(command: string, args: string[], options: { cwd?: string; timeout?: number } = {}): Promise<string> {
  const { stdout } = await execFileAsync(command, args, { encoding: 'utf8', timeout: options.timeout ?? 30_000, ...options });
  return stdout;
}

/** Runs `command` as the `postgres` user when we are root (postgres refuses root), else as ourselves. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]];
}

/**
 * PostgreSQL 15 with trust authentication for everyone but the role `needpw`, which must use
 * SCRAM (so tests see both ReadyForQuery and an authentication request).
 */
export function startPostgres(): Promise<RunningServer & { passwordRole: string }> {
  return onFreshPorts(() => startPostgresOnce());
}

async function startPostgresOnce(): Promise<RunningServer & { passwordRole: string }> {
  const started = performance.now();
  const dir = tempDir('postgres');
  if (process.getuid?.() === 0) {
    const { uid, gid } = await userIds('postgres');
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const [initCommand, initArgs] = asPostgres(path.join(PG_BIN, 'initdb'), [
    '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C',
  ]);
  await run(initCommand, initArgs, { cwd: dir, timeout: 60_000 });
  writeFileSync(path.join(data, 'pg_hba.conf'), [
    'local all all trust',
    'host all needpw 127.0.0.1/32 scram-sha-256',
    'host all all 127.0.0.1/32 trust',
    '',
  ].join('\n'));
  const port = await freePort();
  const [command, args] = asPostgres(path.join(PG_BIN, 'postgres'), [
    '-D', data, '-p', String(port), '-k', dir,
    '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=20',
    '-c', 'logging_collector=off',
  ]);
  const server = await startProcess({
    name: 'postgres',
    command,
    args,
    cwd: dir,
    port,
    readyLine: /ready to accept connections/,
    startTimeoutMs: 20_000,
    stopSignal: 'SIGINT',
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
  return { ...server, startMs: Math.round(performance.now() - started), passwordRole: 'needpw' };
}

/** MariaDB without system tables (`--skip-grant-tables`): enough for its handshake, and fast. */
export function startMariadb(): Promise<RunningServer> {
  return onFreshPorts(() => startMariadbOnce());
}

async function startMariadbOnce(): Promise<RunningServer> {
  const dir = tempDir('mariadb');
  const port = await freePort();
  const binary = findBinary('mariadbd') ?? findBinary('mysqld') ?? 'mariadbd';
  return startProcess({
    name: 'mariadb',
    command: binary,
    args: [
      '--no-defaults', `--datadir=${dir}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${path.join(dir, 'sock')}`,
      '--user=root', '--skip-grant-tables', `--pid-file=${path.join(dir, 'pid')}`, '--innodb-buffer-pool-size=16M',
      '--skip-log-bin', '--skip-name-resolve',
    ],
    port,
    readyLine: /ready for connections/,
    startTimeoutMs: 20_000,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
}

/**
 * RabbitMQ with everything private: its own epmd on a free port (so it neither clashes with nor
 * leaves behind a system epmd), node name, distribution port, data and log dirs, no plugins.
 * Slow: 10-20 s.
 */
export function startRabbitmq(): Promise<RunningServer> {
  return onFreshPorts(() => startRabbitmqOnce());
}

async function startRabbitmqOnce(): Promise<RunningServer> {
  const started = performance.now();
  const dir = tempDir('rabbitmq');
  const [port, distPort, epmdPort] = [await freePort(), await freePort(), await freePort()];
  writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
  const epmd = await startProcess({
    name: 'epmd',
    command: findBinary('epmd') ?? 'epmd',
    args: ['-port', String(epmdPort), '-address', '127.0.0.1'],
    port: epmdPort,
    startTimeoutMs: 5_000,
  });
  const nodeName = `io-test-${process.pid}-${port}@localhost`;
  const server = await startProcess({
    name: 'rabbitmq',
    // The real script, not Debian's /usr/sbin wrapper (which su's to the rabbitmq user and logs to /var/log).
    command: RABBITMQ_SCRIPT,
    args: [],
    cwd: dir,
    port,
    env: {
      HOME: dir,
      ERL_EPMD_PORT: String(epmdPort),
      ERL_EPMD_ADDRESS: '127.0.0.1',
      RABBITMQ_NODENAME: nodeName,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(port),
      RABBITMQ_DIST_PORT: String(distPort),
      RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(dir, 'log'),
      RABBITMQ_LOGS: '-',
      RABBITMQ_CONF_ENV_FILE: path.join(dir, 'rabbitmq-env.conf'),
      RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq'),
      RABBITMQ_ADVANCED_CONFIG_FILE: path.join(dir, 'advanced.config'),
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
      RABBITMQ_PLUGINS_EXPAND_DIR: path.join(dir, 'plugins-expand'),
      RABBITMQ_PID_FILE: path.join(dir, 'rabbitmq.pid'),
    },
    readyLine: /Server startup complete/,
    startTimeoutMs: 45_000,
    stopSignal: 'SIGKILL', // a graceful Erlang shutdown takes seconds; its data dir is thrown away anyway
    cleanup: async () => {
      await epmd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  return { ...server, startMs: Math.round(performance.now() - started) };
}

/** A self-signed certificate for 127.0.0.1/localhost, made with openssl in a temp dir. */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = tempDir('tls');
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  await run(findBinary('openssl') ?? 'openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { timeout: 15_000 });
  const result = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  return result;
}
