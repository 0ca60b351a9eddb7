/**
 * Builders for the config schema's fields. Each one carries its documentation (`.meta`, which
 * reaches the JSON Schema, hover and the docs page) and a human phrase for what it expects,
 * used in error messages: `retry.max_retries must be a whole number ≥ 0, got "three"`.
 */
import { z } from 'zod';
import { cronProblem } from './cron';
import { DURATION_PATTERN, parseDuration } from './duration';
import { parseWholeEnvRef, WHOLE_ENV_REF } from './envRef';

/** A snippet as VS Code's JSON language and Red Hat YAML read it from `defaultSnippets`. */
export interface DefaultSnippet {
  label: string;
  description?: string;
  /** The value to insert; strings may hold snippet syntax (`${1:name}`); `\\$` for a literal `$`. */
  body: unknown;
}

export interface FieldDocs {
  examples?: unknown[];
  defaultSnippets?: DefaultSnippet[];
  /** One markdown line per enum value, in order (VS Code and Red Hat YAML show them in completion). */
  markdownEnumDescriptions?: string[];
  /** Shown in the docs page next to the type. */
  default?: unknown;
}

/** Markdown → plain text for `description` (clients that do not render markdown). */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/** Attaches documentation to a field. Every field of the schema goes through here. */
export function doc<T extends z.ZodType>(schema: T, markdown: string, extra: FieldDocs = {}): T {
  const { default: defaultValue, ...rest } = extra;
  return schema.meta({
    description: plain(markdown),
    markdownDescription: defaultValue === undefined ? markdown : `${markdown}\n\nDefault: \`${String(defaultValue)}\``,
    ...rest,
  });
}

/** A string that is one `${VAR}` reference whose default, if any, passes `accepts`. */
function envRefFor(expected: string, accepts: (text: string) => boolean) {
  return z.string({ error: `must be ${expected}` })
    .regex(WHOLE_ENV_REF, { error: `must be ${expected}` })
    .refine((text) => {
      const defaultValue = parseWholeEnvRef(text)?.defaultValue;
      return defaultValue === undefined || accepts(defaultValue);
    }, { error: (issue) => `has a default in \`${String(issue.input)}\` that is not ${expected}`, params: { code: 'invalid-default' } });
}

/** A whole number in [min, max], or a `${VAR}` reference to one. */
export function wholeNumber(min: number, max?: number) {
  const expected = max === undefined ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  const error = `must be ${expected}`;
  let number = z.number({ error }).int({ error }).min(min, { error });
  if (max !== undefined) number = number.max(max, { error });
  const accepts = (text: string) => /^\d+$/.test(text) && Number(text) >= min && (max === undefined || Number(text) <= max);
  return z.union([number, envRefFor(expected, accepts)], { error });
}

/** A ratio between 0 and 1 (0.05 = 5 %), or a `${VAR}` reference to one. */
export function ratio() {
  const expected = 'a number from 0 to 1 (0.05 means 5 %)';
  const error = `must be ${expected}`;
  const accepts = (text: string) => /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(text);
  return z.union([z.number({ error }).min(0, { error }).max(1, { error }), envRefFor(expected, accepts)], { error });
}

/** `true`/`false`, or a `${VAR}` reference to one. */
export function flag() {
  const expected = 'true or false';
  const error = `must be ${expected}`;
  return z.union([z.boolean({ error }), envRefFor(expected, (text) => text === 'true' || text === 'false')], { error });
}

/** The JSON Schema pattern of a duration written as text: the duration itself or a `${VAR}` reference. */
export const DURATION_TEXT_PATTERN = `${DURATION_PATTERN}|${WHOLE_ENV_REF.source}`;

/**
 * A duration: `200ms`, `30s`, `5m`, `1h`, `1m30s`, or plain milliseconds; or a `${VAR}` reference.
 * `positive` rejects zero (a timeout of 0 would fail every call). Text forms are one string
 * schema, so a bad `${VAR:-default}` is reported as such and not as "not a duration".
 */
export function duration(options: { positive?: boolean } = {}) {
  const expected = `a duration like \`200ms\`, \`30s\`, \`5m\` or whole milliseconds${options.positive ? ', above 0' : ''}`;
  const error = `must be ${expected}`;
  const ok = (ms: number | undefined) => ms !== undefined && (!options.positive || ms > 0);
  const text = z.string({ error }).regex(new RegExp(DURATION_TEXT_PATTERN), { error }).superRefine((value, ctx) => {
    const ref = parseWholeEnvRef(value);
    if (ref) {
      if (ref.defaultValue !== undefined && !ok(parseDuration(ref.defaultValue))) {
        ctx.addIssue({ code: 'custom', input: value, message: `has a default in \`${value}\` that is not ${expected}`, params: { code: 'invalid-default' } });
      }
    } else if (!ok(parseDuration(value))) {
      ctx.addIssue({ code: 'custom', input: value, message: error, params: { code: 'invalid-duration' } });
    }
  });
  const millis = z.number({ error }).int({ error }).min(options.positive ? 1 : 0, { error });
  return z.union([text, millis], { error });
}

/** A schedule: a cron expression (`*\/5 * * * *`), a macro (`@hourly`), or an interval (`5m`). */
export function schedule() {
  const expected = 'a cron expression like `*/5 * * * *`, a macro like `@hourly`, or an interval like `5m`';
  const error = `must be ${expected}`;
  return z.string({ error }).min(1, { error }).superRefine((value, ctx) => {
    if (parseWholeEnvRef(value) || parseDuration(value) !== undefined) return;
    const problem = cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `is not a valid cron expression: ${problem}`, input: value, params: { code: 'invalid-cron' } });
  });
}

/** A name used as an identifier: letters, digits, `.`, `_`, `-`. */
export function identifier(what: string) {
  const error = `must be a ${what} of letters, digits, \`.\`, \`_\` or \`-\`, starting with a letter or digit`;
  return z.string({ error }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error });
}

/** Text that must not be empty. */
export function text(expected = 'text') {
  const error = `must be ${expected}`;
  return z.string({ error }).min(1, { error: 'must not be empty' });
}
