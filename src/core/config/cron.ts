/**
 * Cron expressions: five fields (minute hour day-of-month month day-of-week), or six with
 * seconds first, as node-cron and most schedulers accept; `@hourly`-style macros; and
 * `@every <duration>`.
 */
import { parseDuration } from './duration';

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const FIVE_FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  // 0 and 7 are both Sunday.
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];
const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Returns what is wrong with `expression`, phrased to follow "… is not a valid cron expression: ", or undefined. */
export function cronProblem(expression: string): string | undefined {
  const text = expression.trim();
  if (text.startsWith('@')) {
    if (MACROS.has(text.toLowerCase())) return undefined;
    const every = /^@every\s+(.+)$/i.exec(text);
    if (every) return parseDuration(every[1]) ? undefined : `\`${every[1]}\` is not a duration like \`5m\``;
    return `unknown macro \`${text}\` (use @hourly, @daily, @weekly, @monthly, @yearly or @every 5m)`;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected 5 (minute hour day-of-month month day-of-week)`;
  }
  const specs = fields.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (let i = 0; i < fields.length; i++) {
    const problem = fieldProblem(fields[i]!, specs[i]!);
    if (problem) return problem;
  }
  return undefined;
}

function fieldProblem(field: string, spec: FieldSpec): string | undefined {
  for (const part of field.split(',')) {
    if (part === '') return `the ${spec.name} field \`${field}\` has an empty list item`;
    const [range, step, ...extra] = part.split('/');
    if (extra.length > 0) return `the ${spec.name} field \`${part}\` has more than one \`/\``;
    if (step !== undefined && !/^\d+$/.test(step)) return `the ${spec.name} field \`${part}\` has a step \`${step}\` that is not a whole number`;
    if (step !== undefined && Number(step) === 0) return `the ${spec.name} field \`${part}\` has a step of 0`;
    if (range === '*' || (range === '?' && (spec.name === 'day-of-month' || spec.name === 'day-of-week'))) continue;
    const bounds = range!.split('-');
    if (bounds.length > 2) return `the ${spec.name} field \`${part}\` is not a value or a range`;
    const values: number[] = [];
    for (const bound of bounds) {
      const value = fieldValue(bound, spec);
      if (value === undefined) {
        return `the ${spec.name} field has \`${bound}\`, expected ${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ''}`;
      }
      values.push(value);
    }
    if (values.length === 2 && values[0]! > values[1]!) return `the ${spec.name} range \`${range}\` runs backwards`;
  }
  return undefined;
}

function fieldValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) return undefined;
  return spec.name === 'month' ? index + 1 : index;
}
