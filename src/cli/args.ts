/** A small argument parser shared by the subcommands: `--flag value`, `--flag=value`, booleans, positionals. */
import { UsageError } from './usage';

export interface ParsedArgs {
  positionals: string[];
  /** The last value of each option. */
  values: Map<string, string>;
  /** Every value of options that may repeat (`--exclude a --exclude b`). */
  all: Map<string, string[]>;
  flags: Set<string>;
}

/** `valueOptions` take a value; `flagOptions` do not. Anything else starting with `--` is a usage error. */
export function parseArgs(args: string[], valueOptions: string[], flagOptions: string[] = []): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: new Map(), all: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') { parsed.positionals.push(...args.slice(i + 1)); break; }
    if (!arg.startsWith('-') || arg === '-') { parsed.positionals.push(arg); continue; }
    const [name, inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    if (valueOptions.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.values.set(name, value);
      parsed.all.set(name, [...(parsed.all.get(name) ?? []), value]);
    } else if (flagOptions.includes(name)) {
      parsed.flags.add(name);
    } else {
      throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return parsed;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${option} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}
