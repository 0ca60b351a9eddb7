/**
 * Turns the zod schema's issues into diagnostics with human messages and yaml-language-server
 * placement. Messages read `<short path> <what it must be>, got <value>`; the "must be" part
 * comes from the schema's field builders (schemaFields.ts) or, for plain types, from here.
 */
import type { z } from 'zod';
import type { ConfigDiagnostic, DiagnosticCode } from './diagnostic';
import { suggest } from './didYouMean';
import type { JsonSchema } from './jsonSchema';
import { describeValue, displayPath, listOf, valueAt } from './messages';
import type { ParsedYaml } from './parseYaml';
import { keyRange, missingKeyRange, toRange, valueRange, type OffsetRange } from './placement';
import { configSchema } from './schema';
import { propertiesAt } from './schemaNav';
import { isSecretPath } from './secretFields';
import type { PathSegment } from './yamlTree';

/** Marks messages zod made up itself (no builder phrase): those are rewritten here. */
const GENERIC = '\u0000generic';

const TYPE_PHRASES: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  object: 'must be a mapping (`key: value` entries)',
  array: 'must be a list (`- item` entries)',
};

export function schemaDiagnostics(parsed: ParsedYaml, value: unknown, jsonSchema: JsonSchema): ConfigDiagnostic[] {
  const result = configSchema.safeParse(value, { error: () => GENERIC });
  if (result.success) return [];
  const diagnostics: ConfigDiagnostic[] = [];
  for (const issue of result.error.issues) diagnostics.push(...issueDiagnostics(issue, parsed, value, jsonSchema));
  // `failure_treshold: 5` is one mistake: keep "did you mean `failure_threshold`?" and drop
  // "missing the required key `failure_threshold`" reported for the same mapping.
  const misspelt = new Set(diagnostics.filter((d) => d.code === 'unknown-key' && d.data?.replacement).map((d) => `${d.data!.path!.slice(0, -1).join('\u0000')}\u0001${d.data!.replacement}`));
  return diagnostics.filter((d) => d.code !== 'missing-key' || !misspelt.has(`${d.data!.path!.slice(0, -1).join('\u0000')}\u0001${String(d.data!.path!.at(-1))}`));
}

function issueDiagnostics(issue: z.core.$ZodIssue, parsed: ParsedYaml, value: unknown, jsonSchema: JsonSchema): ConfigDiagnostic[] {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  const make = (code: DiagnosticCode, range: OffsetRange, message: string, replacement?: string, at: PathSegment[] = path): ConfigDiagnostic => ({
    range: toRange(parsed.lines, range),
    severity: 'error',
    message,
    code,
    data: { path: at, ...(replacement !== undefined ? { replacement } : {}) },
  });

  if (issue.code === 'unrecognized_keys') {
    const known = propertiesAt(jsonSchema, path).map((property) => property.name);
    const where = path.length === 0 ? 'at the top level' : `in ${displayPath(path)}`;
    return issue.keys.map((key) => {
      const guess = suggest(key, known);
      const message = `unknown key \`${key}\` ${where}${guess ? `; did you mean \`${guess}\`?` : `; expected ${listOf(known)}`}`;
      return make('unknown-key', keyRange(parsed, [...path, key]), message, guess, [...path, key]);
    });
  }

  const actual = valueAt(value, path);
  const parentPath = path.slice(0, -1);
  const subject = displayPath(path) || 'the file';

  if (issue.code === 'invalid_key') {
    const inner = issue.issues.find((entry) => entry.message !== GENERIC)?.message ?? 'is not a valid name';
    return [make('invalid-value', keyRange(parsed, path), `\`${String(path[path.length - 1])}\` ${inner}`)];
  }

  if (actual === undefined && path.length > 0 && typeof valueAt(value, parentPath) === 'object') {
    const owner = displayPath(parentPath) || 'the file';
    return [make('missing-key', missingKeyRange(parsed, parentPath), `${owner} is missing the required key \`${String(path[path.length - 1])}\``)];
  }

  const range = valueRange(parsed, path);
  const got = `, got ${describeValue(actual, isSecretPath(path))}`;
  if (issue.message !== GENERIC) {
    // Refinements name their code in `params` (schemaFields.ts); a JSON Schema cannot express them.
    const refined = issue.code === 'custom' ? (issue.params as { code?: DiagnosticCode } | undefined)?.code : undefined;
    const code: DiagnosticCode = refined ?? (issue.code === 'invalid_type' ? 'invalid-type' : 'invalid-value');
    return [make(code, range, `${subject} ${issue.message}${issue.code === 'custom' ? '' : got}`)];
  }
  switch (issue.code) {
    case 'invalid_type':
      return [make('invalid-type', range, `${subject} ${TYPE_PHRASES[issue.expected] ?? `must be ${issue.expected}`}${got}`)];
    case 'invalid_value': {
      const guess = typeof actual === 'string' ? suggest(actual, issue.values.map(String)) : undefined;
      const message = `${subject} must be ${issue.values.length === 1 ? listOf(issue.values) : `one of ${listOf(issue.values)}`}${got}${guess ? `; did you mean \`${guess}\`?` : ''}`;
      return [make('invalid-value', range, message, guess)];
    }
    case 'too_small':
      return [make('invalid-value', range, `${subject} must be at least ${String(issue.minimum)}${got}`)];
    case 'too_big':
      return [make('invalid-value', range, `${subject} must be at most ${String(issue.maximum)}${got}`)];
    default:
      return [make('invalid-value', range, `${subject} is not valid here${got}`)];
  }
}
