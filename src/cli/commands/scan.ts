import { stat } from 'node:fs/promises';
import path from 'node:path';
import { scanFolder } from '../../core/detection/index';
import { renderInventoryMarkdown } from '../../core/inventory/markdownExport';
import { oneOf, parseArgs } from '../args';
import { UsageError, type CliCommand } from '../usage';
import { formatJson, formatSarif, formatTable, SCAN_FORMATS } from './scanFormats';

const HELP = `Usage: integration-orchestrator scan [dir] [--format json|sarif|markdown|table] [--exclude glob]… [--max-file-size-kb N]

Lists every integration in dir (default: the current folder). Table on a terminal, JSON otherwise.
`;

export const scanCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) { io.stdout(HELP); return 0; }
  const parsed = parseArgs(args, ['format', 'exclude', 'max-file-size-kb']);
  if (parsed.positionals.length > 1) throw new UsageError(`expected at most one folder, got ${parsed.positionals.length}`);
  const format = oneOf(parsed.values.get('format'), SCAN_FORMATS, 'format', io.isTTY ? 'table' : 'json');
  const root = path.resolve(io.cwd, parsed.positionals[0] ?? '.');
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new UsageError(`no such folder: ${root}`);
  if (!info.isDirectory()) throw new UsageError(`not a folder: ${root}`);
  const maxKb = parsed.values.get('max-file-size-kb');
  if (maxKb !== undefined && !(Number(maxKb) > 0)) throw new UsageError(`--max-file-size-kb must be a positive number, got '${maxKb}'`);
  // Progress only for scans long enough to wonder about, and only where a person watches stderr.
  const started = Date.now();
  let lastProgress = 0;
  const result = await scanFolder(root, {
    exclude: parsed.all.get('exclude'),
    maxFileSizeKB: maxKb ? Number(maxKb) : undefined,
    signal: io.signal,
    onProgress: !io.stderrIsTTY ? undefined : (progress) => {
      const now = Date.now();
      const finished = progress.filesDone >= progress.filesTotal;
      if (now - started < 1000 || (now - lastProgress < 250 && !(finished && lastProgress > 0))) return;
      lastProgress = now;
      io.stderr(`\rscanning ${progress.filesDone}/${progress.filesTotal} files`);
    },
  });
  if (lastProgress > 0) io.stderr('\n');
  switch (format) {
    case 'json': io.stdout(formatJson(result)); break;
    case 'sarif': io.stdout(formatSarif(result, '0.1.0')); break;
    case 'markdown': io.stdout(renderInventoryMarkdown(result)); break;
    case 'table': io.stdout(formatTable(result)); break;
  }
  return 0;
};
