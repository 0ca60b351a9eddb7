/**
 * `integration-orchestrator validate [files…|dir] [--format text|json|sarif]`: the editor's
 * validation for CI, from the same code (validateConfig). Exit 1 when any error, else 0;
 * 2 for usage errors.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isConfigFileName } from '../../core/config/configFiles';
import type { ConfigDiagnostic, Severity } from '../../core/config/diagnostic';
import { validateConfig } from '../../core/config/validate';
import { collectWorkspaceEnv } from '../../core/config/workspaceEnv';
import { oneOf, parseArgs } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../usage';

const FORMATS = ['text', 'json', 'sarif'] as const;

const HELP = `Usage: integration-orchestrator validate [files…|dir] [--format text|json|sarif]

Checks integration-config.yml files: YAML syntax, the schema, policy references, secrets in
plain text, \${VAR} references (against the .env* files and compose environment: of the
folder), endpoints and schedules. A directory is searched for integration-config.{yml,yaml}
and *.integration.{yml,yaml} (node_modules and hidden folders skipped). Default: the current folder.

Exit codes: 0 no errors, 1 errors found, 2 usage error.
`;


interface FileResult {
  /** As given or found, relative to cwd when inside it, with forward slashes. */
  file: string;
  diagnostics: ConfigDiagnostic[];
}

const SKIPPED = new Set(['node_modules', 'dist', 'out', 'build', 'vendor', 'target', 'coverage']);

async function findConfigs(dir: string, signal: AbortSignal | undefined, found: string[] = [], depth = 0): Promise<string[]> {
  signal?.throwIfAborted();
  if (depth > 20) return found;
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED.has(entry.name)) await findConfigs(full, signal, found, depth + 1);
    } else if (entry.isFile() && isConfigFileName(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

function display(io: CliIo, file: string): string {
  const relative = path.relative(io.cwd, file);
  return (relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file).split(path.sep).join('/');
}

/** UTF-8 text of a file; invalid bytes become U+FFFD and are reported, not fatal. */
function decode(bytes: Buffer): { text: string; invalid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalid: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalid: true };
  }
}

export const validateCommand: CliCommand = async (args, io) => {
  const parsed = parseArgs(args, ['format'], ['help', 'h']);
  const format = oneOf(parsed.values.get('format'), FORMATS, 'format', 'text');
  const targets = parsed.positionals;
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout(HELP);
    return 0;
  }
  const files: string[] = [];
  const roots = new Set<string>();
  for (const target of targets.length > 0 ? targets : ['.']) {
    const full = path.resolve(io.cwd, target);
    const info = await stat(full).catch(() => undefined);
    if (!info) throw new UsageError(`no such file or directory: ${target}`);
    if (info.isDirectory()) {
      const found = await findConfigs(full, io.signal);
      if (found.length === 0 && targets.length > 0) throw new UsageError(`no integration-config.{yml,yaml} or *.integration.{yml,yaml} under ${target}`);
      files.push(...found);
      roots.add(full);
    } else {
      files.push(full);
      roots.add(path.dirname(full));
    }
  }
  if (files.length === 0) throw new UsageError(`no integration-config.{yml,yaml} or *.integration.{yml,yaml} under ${io.cwd}`);

  // The env check reads the .env* and compose files of the folders given (cwd when it holds them).
  const envRoots = [...roots].map((root) => (root.startsWith(io.cwd + path.sep) ? io.cwd : root));
  const env = await collectWorkspaceEnv([...new Set(envRoots)], { signal: io.signal });

  const results: FileResult[] = [];
  for (const file of [...new Set(files)]) {
    io.signal?.throwIfAborted();
    const { text, invalid } = decode(await readFile(file));
    const diagnostics = validateConfig(text, { uri: file, workspaceEnv: env.names });
    if (invalid) {
      diagnostics.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', code: 'yaml-syntax', message: 'the file is not valid UTF-8; invalid bytes were read as U+FFFD' });
    }
    results.push({ file: display(io, file), diagnostics });
  }

  if (format === 'json') io.stdout(JSON.stringify(toJson(results), null, 2) + '\n');
  else if (format === 'sarif') io.stdout(JSON.stringify(toSarif(results), null, 2) + '\n');
  else io.stdout(toText(results));
  return results.some((result) => result.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
};

/** The documented `--format json` shape: 1-based lines and columns. */
export function toJson(results: FileResult[]) {
  return {
    files: results.map((result) => ({
      file: result.file,
      diagnostics: result.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity,
        message: d.message,
        code: d.code,
      })),
    })),
  };
}

function toText(results: FileResult[]): string {
  let out = '';
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const result of results) {
    for (const d of result.diagnostics) {
      counts[d.severity]++;
      out += `${result.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]\n`;
    }
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  out += `${plural(results.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}${counts.information ? `, ${counts.information} information` : ''}\n`;
  return out;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning reads it. */
export function toSarif(results: FileResult[]) {
  const rules = [...new Set(results.flatMap((result) => result.diagnostics.map((d) => d.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'integration-orchestrator',
          version: '0.1.0',
          informationUri: 'https://example.invalid/integration-orchestrator',
          rules: rules.map((id) => ({ id, shortDescription: { text: id.replace(/-/g, ' ') } })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: results.flatMap((result) => result.diagnostics.map((d) => ({
        ruleId: d.code,
        ruleIndex: rules.indexOf(d.code),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: result.file },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        }],
      }))),
    }],
  };
}
