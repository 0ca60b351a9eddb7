/**
 * `integration-orchestrator fix`: the editor's "Add retry, timeout and circuit breaker" quick fix
 * applied to every bare outbound HTTP call of a folder (what `eslint --fix` is to a rule).
 * Prints a unified diff of every change on stdout and a summary on stderr.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scanFolder, WorkspaceInventory, type Integration, type ScanResult } from '../../core/detection/index';
import { applyTextEdits } from '../../core/resilience/rewrite/textEdit';
import { FixPlanner, type SkippedFinding } from '../../client/resilience/plan/fixPlanner';
import { bareCall } from '../../client/resilience/plan/httpCallRules';
import { diskFs } from '../../client/resilience/plan/planFs';
import { unifiedDiff } from '../../client/resilience/plan/unifiedDiff';
import { parseArgs } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../usage';

const HELP = `Usage: integration-orchestrator fix [dir | files…] [--dry-run] [--module-path path] [--include-tests] [--exclude glob]…

Routes every bare outbound HTTP call through a generated resilience module (retry with backoff,
timeouts, a circuit breaker per target), as the editor's quick fix does:
  TypeScript/JavaScript  fetch, axios, got → resilientFetch / withResilience; the module is written
                         once per project (src/integrations/resilience.ts, .js in JS projects)
  Python                 requests/httpx calls without timeout= get one; resilience.py beside them
  Go                     http.Get/Post/Head, DefaultClient → resilientHTTPClient, client.Do →
                         doWithDeadline; resilience_http.go beside them
Policies come from the nearest integration-config.yml (the integration whose endpoint names the
call's env var or host), else \`default\`.

  dir              folder to fix (default: the current folder); nothing outside it is written
  files…           fix only these files (inside the current folder)
  --dry-run        print the diff, write nothing
  --module-path    the TS/JS module's path relative to each project (default src/integrations/resilience.ts)
  --include-tests  also fix calls in test files (left alone by default: they often talk to mocks)
  --exclude glob   skip files matching glob (repeatable; on top of .gitignore and node_modules)

Prints a unified diff on stdout and a summary on stderr. Exit 0 on success, 2 on usage errors.
`;

interface Target {
  /** Nothing outside it is read as project/config or written. */
  boundary: string;
  /** Explicit files (absolute), or undefined for the whole folder. */
  files?: string[];
}

async function resolveTarget(positionals: string[], cwd: string): Promise<Target> {
  if (positionals.length === 0) return { boundary: cwd };
  const resolved = positionals.map((p) => path.resolve(cwd, p));
  const infos = await Promise.all(resolved.map((p) => stat(p).catch(() => undefined)));
  const missing = resolved.find((_, i) => !infos[i]);
  if (missing) throw new UsageError(`no such file or folder: ${missing}`);
  if (resolved.length === 1 && infos[0]!.isDirectory()) return { boundary: resolved[0]! };
  const folder = resolved.find((_, i) => infos[i]!.isDirectory());
  if (folder) throw new UsageError(`give one folder or a list of files, not both (${folder} is a folder)`);
  const outside = resolved.find((file) => path.relative(cwd, file).startsWith('..') || path.isAbsolute(path.relative(cwd, file)));
  if (outside) throw new UsageError(`${outside} is outside the current folder; run fix from a folder that contains it`);
  return { boundary: cwd, files: resolved };
}

async function detect(target: Target, exclude: string[] | undefined, io: CliIo): Promise<ScanResult> {
  if (!target.files) return scanFolder(target.boundary, { exclude, signal: io.signal });
  const inventory = new WorkspaceInventory(target.boundary, { exclude });
  try {
    return await inventory.update(target.files.map((file) => ({ path: file })), io.signal);
  } finally {
    inventory.dispose();
  }
}

const display = (boundary: string, file: string): string => path.relative(boundary, file).split(path.sep).join('/');

export const fixCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) { io.stdout(HELP); return 0; }
  const parsed = parseArgs(args, ['module-path', 'exclude'], ['dry-run', 'include-tests']);
  const dryRun = parsed.flags.has('dry-run');
  const modulePath = parsed.values.get('module-path');
  if (modulePath !== undefined && (path.isAbsolute(modulePath) || !/\.(ts|js|mjs|cjs)$/.test(modulePath))) {
    throw new UsageError(`--module-path must be a relative path ending in .ts, .js, .mjs or .cjs; got '${modulePath}'`);
  }
  const target = await resolveTarget(parsed.positionals, io.cwd);
  const result = await detect(target, parsed.all.get('exclude'), io);

  const byFile = new Map<string, Integration[]>();
  for (const finding of result.integrations) {
    if ((finding.test && !parsed.flags.has('include-tests')) || !bareCall(finding)) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }

  const planner = new FixPlanner({ boundary: target.boundary, fs: diskFs, modulePath, parseCheck: 'strict' });
  const changes: Array<{ file: string; before: string; after: string; fixed: number }> = [];
  const skipped: SkippedFinding[] = [];
  for (const relative of [...byFile.keys()].sort()) {
    io.signal?.throwIfAborted();
    const file = path.join(target.boundary, ...relative.split('/'));
    const before = await readFile(file, 'utf8');
    const plan = await planner.planFile(file, before, byFile.get(relative)!);
    skipped.push(...plan.skipped);
    if (plan.edits.length > 0) changes.push({ file, before, after: applyTextEdits(before, plan.edits), fixed: plan.fixed });
  }
  const creates = planner.plannedFiles;

  // The rewritten calls first: they are what a reviewer reads; the generated files follow.
  for (const change of changes) io.stdout(unifiedDiff(display(target.boundary, change.file), change.before, change.after));
  for (const create of creates) io.stdout(unifiedDiff(display(target.boundary, create.path), undefined, create.content));

  if (!dryRun) {
    for (const create of creates) {
      await mkdir(path.dirname(create.path), { recursive: true });
      // `wx`: a file that appeared since planning is never overwritten.
      await writeFile(create.path, create.content, { flag: 'wx' });
    }
    for (const change of changes) await writeFile(change.file, change.after);
  }

  const calls = changes.reduce((sum, change) => sum + change.fixed, 0);
  const lines = [`${dryRun ? 'would fix' : 'fixed'} ${calls} call${calls === 1 ? '' : 's'} in ${changes.length} file${changes.length === 1 ? '' : 's'}`];
  for (const create of creates) lines.push(`${dryRun ? 'would write' : 'wrote'} ${display(target.boundary, create.path)}`);
  for (const { finding, reason } of skipped) lines.push(`skipped ${finding.file}:${finding.line}:${finding.column} (${finding.library}): ${reason}`);
  if (dryRun) lines.push('dry run: nothing written');
  io.stderr(`${lines.join('\n')}\n`);
  return 0;
};
