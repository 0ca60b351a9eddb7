/**
 * `integration-orchestrator`: the core for CI and people outside VS Code.
 * Exit codes: 0 success, 1 findings that fail the check (validate, health), 2 usage errors.
 */
import { isUsageError, type CliCommand, type CliIo } from './usage';

const HELP = `Usage: integration-orchestrator <command> [options]

Commands:
  scan [dir] [--format json|sarif|markdown|table]   list every integration in a folder
  validate [files…|dir] [--format text|json|sarif]  check integration-config.yml files
  fix [dir|files…] [--dry-run]                      wrap raw HTTP calls in retry/timeout/breaker
  generate --pattern <id> --language <id> --name <name> [--out dir] [--dry-run]
  health [dir] [--format json|table] [--timeout 2s] check the services a folder talks to

Run 'integration-orchestrator <command> --help' for a command's options.
`;

async function loadCommand(name: string): Promise<CliCommand | undefined> {
  switch (name) {
    case 'scan': return (await import('./commands/scan')).scanCommand;
    case 'validate': return (await import('./commands/validate')).validateCommand;
    case 'fix': return (await import('./commands/fix')).fixCommand;
    case 'generate': return (await import('./commands/generate')).generateCommand;
    case 'health': return (await import('./commands/health')).healthCommand;
    default: return undefined;
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout('0.1.0\n');
    return 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr(`integration-orchestrator: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr(`integration-orchestrator ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`integration-orchestrator ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    signal: controller.signal,
  }).then((code) => { process.exitCode = code; }, (error: unknown) => {
    process.stderr.write(`integration-orchestrator: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
