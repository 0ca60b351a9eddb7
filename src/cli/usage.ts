/** Thrown for a bad command line: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}

/** Output streams and environment a command runs against, so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is an interactive terminal (table output, progress lines). */
  isTTY: boolean;
  /** Whether stderr is an interactive terminal: progress lines are for people, not for logs. */
  stderrIsTTY?: boolean;
  cwd: string;
  signal?: AbortSignal;
}

/** A subcommand: parses its own arguments, returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
