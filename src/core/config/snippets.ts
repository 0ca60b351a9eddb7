/**
 * `defaultSnippets` bodies → YAML snippet text, as Red Hat YAML inserts them: strings are
 * inserted raw (they hold snippet syntax), mappings become indented blocks, lists of scalars
 * flow lists.
 */

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function lines(body: unknown, indent: string, out: string[]): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    out.push(indent + scalar(body));
    return;
  }
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      out.push(`${indent}${key}: [${value.map(scalar).join(', ')}]`);
    } else if (value !== null && typeof value === 'object') {
      out.push(`${indent}${key}:`);
      lines(value, indent + '  ', out);
    } else {
      out.push(`${indent}${key}: ${scalar(value)}`);
    }
  }
}

/**
 * The snippet for `body` to insert at a cursor in column `column`: the first line starts at
 * the cursor, the next ones are indented to `column`.
 */
export function snippetToYaml(body: unknown, column: number): string {
  const out: string[] = [];
  lines(body, '', out);
  const indent = ' '.repeat(column);
  return out.map((line, i) => (i === 0 ? line : indent + line)).join('\n');
}
