/**
 * `integration-orchestrator health [dir] [--format json|table] [--timeout 2s] [--concurrency N]`:
 * checks every service the folder names (.env, .env.example, compose ports, integration-config.yml).
 * Exit 0 when every checked service is healthy or degraded, 1 when any is unhealthy, 2 for usage errors.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkHealth, type HealthResult } from '../../core/probes/checkHealth';
import { collectHealthTargets } from '../../core/probes/collect';
import { UsageError, type CliCommand } from '../usage';

const HELP = `Usage: integration-orchestrator health [dir] [options]

Checks the services a folder talks to, each with its own protocol's handshake:
URLs in .env and .env.example, published ports in docker-compose.yml, and the
endpoints of integration-config.yml (\${VAR} read from the .env files and the environment).

Options:
  --format json|table   output (default: table on a terminal, json otherwise)
  --timeout <duration>  per-service timeout: 500ms, 2s, 1m or milliseconds (default 2s)
  --concurrency <n>     services checked at once (default 4)
  -h, --help            this text

Exit codes: 0 every checked service is healthy or degraded, 1 any is unhealthy, 2 usage error.
Passwords are never printed: targets show them as ***.
`;

/** `200ms`, `2s`, `1.5s`, `1m`, `2000` → milliseconds; undefined when unreadable. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) return undefined;
  const factor = match[2] === 's' ? 1000 : match[2] === 'm' ? 60_000 : 1;
  return Math.round(Number(match[1]) * factor);
}

interface HealthArgs {
  dir?: string;
  format?: 'json' | 'table';
  timeoutMs: number;
  concurrency: number;
  help: boolean;
}

function parseArgs(args: string[]): HealthArgs {
  const parsed: HealthArgs = { timeoutMs: 2000, concurrency: 4, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h': case '--help': parsed.help = true; break;
      case '--format': {
        const format = value();
        if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table, got '${format}'`);
        parsed.format = format;
        break;
      }
      case '--timeout': {
        const text = value();
        const ms = parseDurationMs(text);
        if (ms === undefined || ms < 1 || ms > 600_000) {
          throw new UsageError(`--timeout must be a duration between 1ms and 10m, like 500ms, 2s or 1m; got '${text}'`);
        }
        parsed.timeoutMs = ms;
        break;
      }
      case '--concurrency': {
        const text = value();
        const n = Number(text);
        if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--concurrency must be a whole number from 1 to 64, got '${text}'`);
        parsed.concurrency = n;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' (see --help)`);
        if (parsed.dir !== undefined) throw new UsageError(`one folder only, got '${parsed.dir}' and '${arg}'`);
        parsed.dir = arg;
    }
  }
  return parsed;
}

const MARKS: Record<HealthResult['status'], string> = { healthy: '✔', degraded: '▲', unhealthy: '✖', unknown: '?' };

function table(results: HealthResult[], decorate: boolean): string {
  const rows = results.map((r) => [
    r.service, r.kind, `${decorate ? `${MARKS[r.status]} ` : ''}${r.status}`, r.status === 'unknown' ? '-' : `${r.latencyMs} ms`, r.target, r.detail,
  ]);
  const header = ['SERVICE', 'KIND', 'STATUS', 'LATENCY', 'TARGET', 'DETAIL'];
  const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  const counts = (['healthy', 'degraded', 'unhealthy', 'unknown'] as const)
    .map((status) => `${results.filter((r) => r.status === status).length} ${status}`).join(', ');
  return [line(header), ...rows.map(line), '', counts, ''].join('\n');
}

export const healthCommand: CliCommand = async (args, io) => {
  const options = parseArgs(args);
  if (options.help) {
    io.stdout(HELP);
    return 0;
  }
  const dir = path.resolve(io.cwd, options.dir ?? '.');
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new UsageError(`folder not found: ${options.dir ?? dir}`);
  if (!info.isDirectory()) throw new UsageError(`not a folder: ${options.dir ?? dir}`);
  const format = options.format ?? (io.isTTY ? 'table' : 'json');

  const targets = await collectHealthTargets(dir, { env: process.env, ...(io.signal ? { signal: io.signal } : {}) });
  const results = await checkHealth(targets, {
    timeoutMs: options.timeoutMs,
    concurrency: options.concurrency,
    ...(io.signal ? { signal: io.signal } : {}),
  });
  if (format === 'json') {
    // Documented field order; `source` is extra (where the target was found).
    const ordered = results.map(({ service, kind, target, status, latencyMs, detail, checkedAt, source }) => (
      { service, kind, target, status, latencyMs, detail, checkedAt, source }));
    io.stdout(`${JSON.stringify({ results: ordered }, null, 2)}\n`);
  } else if (results.length === 0) {
    io.stdout('No services found (looked at .env, .env.example, docker-compose.yml / compose.yaml and integration-config.yml).\n');
  } else {
    io.stdout(table(results, io.isTTY));
  }
  return results.some((r) => r.status === 'unhealthy') ? 1 : 0;
};
