/**
 * A throw-away copy of examples/ that tsc can check without installing anything: the repository's
 * own @types/node, @types/pg and redis are linked into orders-service/node_modules, and express and
 * axios (not installed here) get minimal ambient declarations in src/ambient-stubs.d.ts.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../../src/cli/main';

export const REPO = path.resolve(__dirname, '../../..');
const run = promisify(execFile);

const STUBS = `// Test-only stand-ins for packages the sample depends on but this repository does not install.
declare module "express" {
  export interface Request { body: unknown; params: Record<string, string>; query: Record<string, unknown>; get(name: string): string | undefined }
  export interface Response { json(body: unknown): Response; status(code: number): Response; send(body: unknown): Response; sendStatus(code: number): Response }
  export type NextFunction = (err?: unknown) => void;
  export type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
  export interface Express {
    get(path: string, ...handlers: Handler[]): Express;
    post(path: string, ...handlers: Handler[]): Express;
    use(...handlers: Handler[]): Express;
    listen(port: number, callback?: () => void): unknown;
  }
  interface ExpressStatic { (): Express; json(): Handler; raw(options?: { type?: string }): Handler }
  const express: ExpressStatic;
  export default express;
}
declare module "axios" {
  export interface AxiosRequestConfig { baseURL?: string; timeout?: number; headers?: Record<string, string>; signal?: AbortSignal }
  export interface AxiosResponse<T = any> { data: T; status: number }
  export interface AxiosInstance {
    get<T = any>(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
    post<T = any>(url: string, data?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<T>>;
  }
  const axios: AxiosInstance & { create(config?: AxiosRequestConfig): AxiosInstance };
  export default axios;
}
`;

export interface TempDir {
  dir: string;
  cleanup(): void;
}

export function tempDir(prefix: string): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), `io-fix-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of examples/ at `<dir>/examples`, ready for tsc. */
export function copyExamples(dir: string): string {
  const root = path.join(dir, 'examples');
  cpSync(path.join(REPO, 'examples'), root, { recursive: true });
  const service = path.join(root, 'orders-service');
  mkdirSync(path.join(service, 'node_modules/@types'), { recursive: true });
  for (const pkg of ['@types/node', '@types/pg', 'redis', '@redis']) {
    symlinkSync(path.join(REPO, 'node_modules', pkg), path.join(service, 'node_modules', pkg), 'dir');
  }
  writeFileSync(path.join(service, 'src/ambient-stubs.d.ts'), STUBS);
  return root;
}

/** Every file under `root` (node_modules left out) with its bytes, to prove nothing changed. */
export function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    files.set(path.relative(root, file), readFileSync(file).toString('base64'));
  }
  return files;
}

export async function fix(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['fix', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, cwd });
  return { code, out: out.join(''), err: err.join('') };
}

/** `tsc --noEmit --strict -p <project>` with the repository's TypeScript; resolves to its output, rejects on errors. */
export async function tscStrict(project: string): Promise<string> {
  const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
  try {
    const { stdout } = await run(process.execPath, [tsc, '--noEmit', '--strict', '-p', project], { timeout: 120_000 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed in ${project}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

export async function python(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('python3', args, { cwd, timeout: 60_000 });
  return stdout;
}
