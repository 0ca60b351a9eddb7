/**
 * Adds the names of the env vars generated code reads to `.env.example`: names and a comment,
 * never a value (the file is committed; values belong in `.env`, which is not).
 */
import type { EnvVarSpec } from './types';

export interface EnvExampleUpdate {
  text: string;
  added: string[];
}

const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Appends the missing names under a comment naming the integration; existing lines are untouched. */
export function updateEnvExample(existing: string | undefined, integration: string, vars: EnvVarSpec[]): EnvExampleUpdate {
  const text = existing ?? '';
  const missing = vars.filter((v, index) =>
    vars.findIndex((other) => other.name === v.name) === index
    && !new RegExp(`^\\s*(?:export\\s+)?${escape(v.name)}\\s*=`, 'm').test(text));
  if (missing.length === 0) return { text, added: [] };
  const lines = [`# ${integration}`];
  for (const v of missing) lines.push(`# ${v.description}${v.secret ? ' (secret: set it in .env, never commit it)' : ''}`, `${v.name}=`);
  const separator = text === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { text: `${text}${separator}${lines.join('\n')}\n`, added: missing.map((v) => v.name) };
}
