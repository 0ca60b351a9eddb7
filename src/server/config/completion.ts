/**
 * Completion for config files: keys and enum values with their docs, the "New integration"
 * and "New policy" snippets, policy names after `policy:`, and environment variable names
 * inside `${`. With Red Hat YAML active, only the last two (which its JSON Schema cannot give).
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { cursorContext, type CursorContext } from '../../core/config/cursorContext';
import type { JsonSchema } from '../../core/config/jsonSchema';
import type { ParsedYaml } from '../../core/config/parseYaml';
import { branches, documentedSchemaAt, propertiesAt, schemasAtPath, takesFreeKeys, typeLabel, valueChoicesAt, valueShape } from '../../core/config/schemaNav';
import { snippetToYaml } from '../../core/config/snippets';
import { resolveAlias, type YMap } from '../../core/config/yamlTree';
import type { ParsedDocuments, VersionedText } from './parsedDocuments';
import { policySummary } from './policySummary';

export interface ConfigCompletionDeps {
  schema: JsonSchema;
  parsed: ParsedDocuments;
  envNamesFor(uri: string): Promise<ReadonlySet<string>>;
  redHatYamlActive(): boolean;
}

const ENV_PREFIX = /\$\{([A-Za-z_][A-Za-z0-9_]*)?$/;

export class ConfigCompletion {
  constructor(private readonly deps: ConfigCompletionDeps) {}

  async complete(document: VersionedText, position: Position): Promise<CompletionItem[]> {
    const parsed = this.deps.parsed.get(document);
    const offset = parsed.lines.offsetAt(position);
    const lineStart = parsed.lines.lineStarts[position.line] ?? 0;
    const before = parsed.text.slice(lineStart, offset);
    const env = ENV_PREFIX.exec(before);
    if (env) return this.envNames(document.uri, parsed, offset, env[1] ?? '');

    const ctx = cursorContext(parsed, offset);
    if (!ctx) return [];
    const range = { start: parsed.lines.positionAt(ctx.replace.start), end: parsed.lines.positionAt(ctx.replace.end) };
    if (ctx.kind === 'value') {
      const items = ctx.path[ctx.path.length - 1] === 'policy' && ctx.path[ctx.path.length - 2] === 'resilience' ? this.policyNames(parsed) : [];
      if (!this.deps.redHatYamlActive()) items.push(...this.values(ctx));
      // Right after `key:` (completion triggered by the colon) the value needs its space.
      const space = parsed.text[ctx.replace.start - 1] === ':' ? ' ' : '';
      return items.map((item) => ({ ...item, textEdit: { range, newText: space + (item.insertText ?? item.label) } }));
    }
    if (this.deps.redHatYamlActive()) return [];
    return [...this.keys(ctx), ...this.snippets(ctx)].map((item) => ({ ...item, textEdit: { range, newText: item.insertText ?? item.label } }));
  }

  private async envNames(uri: string, parsed: ParsedYaml, offset: number, typed: string): Promise<CompletionItem[]> {
    const names = await this.deps.envNamesFor(uri);
    const closed = parsed.text.slice(offset).match(/^[A-Za-z0-9_]*\}/) !== null;
    const range = { start: parsed.lines.positionAt(offset - typed.length), end: parsed.lines.positionAt(offset + (/^[A-Za-z0-9_]*/.exec(parsed.text.slice(offset))?.[0].length ?? 0)) };
    return [...names].sort().map((name) => ({
      label: name,
      kind: CompletionItemKind.Variable,
      detail: 'defined in the workspace (.env* or compose environment)',
      textEdit: { range, newText: closed ? name : `${name}}` },
    }));
  }

  private policyNames(parsed: ParsedYaml): CompletionItem[] {
    const root = resolveAlias(parsed.root);
    if (root?.kind !== 'map') return [];
    const policies = resolveAlias(root.pairs.find((pair) => resolveAlias(pair.key)?.kind === 'scalar' && (resolveAlias(pair.key) as { value: unknown }).value === 'policies')?.value);
    if (policies?.kind !== 'map') return [];
    return (policies as YMap).pairs.map((pair, i) => {
      const name = String((resolveAlias(pair.key) as { value?: unknown } | undefined)?.value ?? '');
      return { label: name, kind: CompletionItemKind.Reference, detail: 'policy', sortText: `0${String(i).padStart(4, '0')}`, documentation: { kind: MarkupKind.Markdown, value: policySummary(parsed, name) } };
    });
  }

  private values(ctx: CursorContext): CompletionItem[] {
    const items: CompletionItem[] = valueChoicesAt(this.deps.schema, ctx.path).map((choice, i) => ({
      label: String(choice.value),
      kind: typeof choice.value === 'boolean' ? CompletionItemKind.Value : CompletionItemKind.EnumMember,
      sortText: `1${String(i).padStart(4, '0')}`,
      ...(choice.markdown ? { documentation: { kind: MarkupKind.Markdown, value: choice.markdown } } : {}),
    }));
    const field = documentedSchemaAt(this.deps.schema, ctx.path);
    for (const example of field?.examples ?? []) {
      if (typeof example !== 'string' && typeof example !== 'number') continue;
      const text = String(example);
      if (items.some((item) => item.label === text)) continue;
      // Quote what YAML would otherwise read differently (`${…}`, `*/5 * * * *`, `@hourly`).
      const insert = typeof example === 'string' && /^[[{*@&!%|>'"`#]|\$\{|: | #/.test(text) ? JSON.stringify(text) : text;
      items.push({ label: text, kind: CompletionItemKind.Value, detail: 'example', sortText: `2${text}`, insertText: insert });
    }
    return items;
  }

  private keys(ctx: CursorContext): CompletionItem[] {
    if (ctx.needsDash) return [];
    const existing = new Set(ctx.existingKeys);
    const indent = ' '.repeat(ctx.column + 2);
    return propertiesAt(this.deps.schema, ctx.path)
      .filter((property) => !existing.has(property.name))
      .map((property) => {
        const shape = valueShape(property.schema);
        const choices = branches(property.schema).flatMap((branch) => branch.enum ?? []).map(String);
        let insertText: string;
        if (ctx.flow) insertText = `${property.name}: $0`;
        else if (shape === 'mapping') insertText = `${property.name}:\n${indent}$0`;
        else if (shape === 'list') insertText = `${property.name}:\n${indent}- $0`;
        else if (choices.length > 0) insertText = `${property.name}: \${1|${choices.join(',')}|}`;
        else insertText = `${property.name}: $0`;
        const markdown = property.schema.markdownDescription ?? property.schema.description;
        return {
          label: property.name,
          kind: CompletionItemKind.Property,
          detail: `${typeLabel(property.schema)}${property.required ? ' (required)' : ''}`,
          sortText: `${property.required ? '0' : '1'}${property.name}`,
          insertText,
          insertTextFormat: InsertTextFormat.Snippet,
          ...(markdown ? { documentation: { kind: MarkupKind.Markdown, value: markdown } } : {}),
        };
      });
  }

  private snippets(ctx: CursorContext): CompletionItem[] {
    if (ctx.flow) return [];
    const itemLevel = ctx.needsDash;
    const path = itemLevel ? [...ctx.path, 0] : ctx.path;
    if (!itemLevel && ctx.existingKeys.length > 0 && !takesFreeKeys(this.deps.schema, path)) return [];
    const items: CompletionItem[] = [];
    for (const schema of schemasAtPath(this.deps.schema, path)) {
      for (const snippet of schema.defaultSnippets ?? []) {
        const body = itemLevel ? `- ${snippetToYaml(snippet.body, ctx.column + 2)}` : snippetToYaml(snippet.body, ctx.column);
        items.push({
          label: snippet.label,
          kind: CompletionItemKind.Snippet,
          detail: snippet.description,
          sortText: `3${snippet.label}`,
          insertText: body,
          insertTextFormat: InsertTextFormat.Snippet,
          documentation: { kind: MarkupKind.Markdown, value: '```yaml\n' + previewSnippet(snippetToYaml(snippet.body, 0)) + '\n```' },
        });
      }
    }
    return items;
  }
}

/** Snippet text as it will look once inserted: first choice, placeholder defaults, `\$` → `$`. */
function previewSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\\\$/g, '$');
}
