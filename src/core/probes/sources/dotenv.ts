import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
}

/** Parses .env text: `KEY=value`, `export KEY=value`, quotes, `#` comments. */
export function parseDotenv(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(lines[index]!);
    if (!match) continue;
    let raw = match[2]!;
    let value: string;
    const quote = raw[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // A quoted value may span lines until its closing quote.
      let end = raw.indexOf(quote, 1);
      while (end < 0 && index + 1 < lines.length) {
        raw += `\n${lines[++index]}`;
        end = raw.indexOf(quote, 1);
      }
      value = raw.slice(1, end < 0 ? undefined : end);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = raw.replace(/\s+#.*$/, '').trim();
    }
    entries.push({ name: match[1]!, value, line: index + 1 });
  }
  return entries;
}

/** The folder's `.env` then `.env.example` values; `.env` wins where both define a name. */
export async function loadDotenvFiles(dir: string): Promise<Map<string, { value: string; file: string; line: number }>> {
  const values = new Map<string, { value: string; file: string; line: number }>();
  for (const file of ['.env', '.env.example']) {
    let text: string;
    try {
      text = await readFile(path.join(dir, file), 'utf8');
    } catch {
      continue;
    }
    for (const entry of parseDotenv(text)) {
      if (!values.has(entry.name)) values.set(entry.name, { value: entry.value, file, line: entry.line });
    }
  }
  return values;
}
