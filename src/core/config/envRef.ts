/**
 * `${VAR}` and `${VAR:-default}` references, as docker compose and most shells read them.
 * Values in integration-config.yml may hold references anywhere inside a string; a field that
 * is otherwise a number, duration or boolean may be a reference as a whole.
 */

/** One reference found in a string; offsets are within that string. */
export interface EnvRef {
  name: string;
  /** The text after `:-`, when written (it may be empty). */
  defaultValue?: string;
  start: number;
  end: number;
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
/** A string that is exactly one reference: what typed fields accept instead of their value. */
export const WHOLE_ENV_REF = new RegExp(`^\\$\\{(${NAME})(?::-([^}]*))?\\}$`);
const ANY_ENV_REF = new RegExp(`\\$\\{(${NAME})(?::-([^}]*))?\\}`, 'g');

/** Every `${VAR}` reference in `text`, in order. `$${X}` is an escaped dollar, as in compose. */
export function findEnvRefs(text: string): EnvRef[] {
  if (!text.includes('${')) return [];
  const refs: EnvRef[] = [];
  for (const match of text.matchAll(ANY_ENV_REF)) {
    const start = match.index;
    if (start > 0 && text[start - 1] === '$') continue;
    refs.push({ name: match[1]!, defaultValue: match[2], start, end: start + match[0].length });
  }
  return refs;
}

/** The reference when `text` is one reference and nothing else. */
export function parseWholeEnvRef(text: string): EnvRef | undefined {
  const match = WHOLE_ENV_REF.exec(text);
  return match ? { name: match[1]!, defaultValue: match[2], start: 0, end: text.length } : undefined;
}

export function hasEnvRef(text: string): boolean {
  return findEnvRefs(text).length > 0;
}

/**
 * Replaces every reference by its default, or by `placeholder(name)` when it has none; used to
 * check the shape of a value (a URL, say) whose parts come from the environment.
 */
export function substituteEnvRefs(text: string, placeholder: (name: string) => string): string {
  const refs = findEnvRefs(text);
  if (refs.length === 0) return text;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += text.slice(at, ref.start) + (ref.defaultValue ?? placeholder(ref.name));
    at = ref.end;
  }
  return out + text.slice(at);
}

/** An environment variable name made from free text: `payments-api` + `token` → `PAYMENTS_API_TOKEN`. */
export function toEnvName(...parts: string[]): string {
  const name = parts
    .map((part) => part.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, ''))
    .filter((part) => part.length > 0)
    .join('_')
    .toUpperCase();
  if (name.length === 0) return 'SECRET';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
