/**
 * Hover for config files: a key's or value's docs from the schema; a policy reference's
 * summary; whether a `${VAR}` is defined in the workspace (never its value). With Red Hat
 * YAML active, only the last two.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { findEnvRefs } from '../../core/config/envRef';
import type { JsonSchema } from '../../core/config/jsonSchema';
import { documentedSchemaAt, typeLabel, valueChoicesAt } from '../../core/config/schemaNav';
import { locate } from '../../core/config/yamlTree';
import type { ParsedDocuments, VersionedText } from './parsedDocuments';
import { policySummary } from './policySummary';

export interface ConfigHoverDeps {
  schema: JsonSchema;
  parsed: ParsedDocuments;
  envNamesFor(uri: string): Promise<ReadonlySet<string>>;
  redHatYamlActive(): boolean;
}

export class ConfigHover {
  constructor(private readonly deps: ConfigHoverDeps) {}

  async hover(document: VersionedText, position: Position): Promise<Hover | null> {
    const parsed = this.deps.parsed.get(document);
    const offset = parsed.lines.offsetAt(position);
    const found = locate(parsed.root, offset);
    if (!found) return null;
    const range = { start: parsed.lines.positionAt(found.node.start), end: parsed.lines.positionAt(found.node.end) };
    const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
    const last = found.path[found.path.length - 1];

    if (!found.onKey && found.node.kind === 'scalar' && typeof found.node.value === 'string') {
      const raw = parsed.text.slice(found.node.start, found.node.end);
      const ref = findEnvRefs(raw).find((r) => found.node.start + r.start <= offset && offset <= found.node.start + r.end);
      if (ref) {
        const defined = document.uri.startsWith('file:') ? (await this.deps.envNamesFor(document.uri)).has(ref.name) : undefined;
        const status = defined === undefined ? '' : defined ? 'defined in the workspace (`.env*` or compose `environment:`)' : 'not defined in any `.env*` file or compose `environment:` of the workspace';
        const fallback = ref.defaultValue !== undefined ? '; has a default' : '';
        return { contents: { kind: MarkupKind.Markdown, value: `Environment variable \`${ref.name}\`${status ? `: ${status}` : ''}${fallback}` }, range: { start: parsed.lines.positionAt(found.node.start + ref.start), end: parsed.lines.positionAt(found.node.start + ref.end) } };
      }
      if (last === 'policy' && found.path[found.path.length - 2] === 'resilience') return markdown(policySummary(parsed, found.node.value));
    }
    if (this.deps.redHatYamlActive()) return null;

    const schema = documentedSchemaAt(this.deps.schema, found.path);
    if (!schema) return null;
    const docs = schema.markdownDescription ?? schema.description ?? '';
    const title = typeof last === 'string' ? `**\`${last}\`** · ${typeLabel(schema)}` : `${typeLabel(schema)}`;
    if (found.onKey) return markdown(`${title}\n\n${docs}`);
    const value = found.node.kind === 'scalar' ? String(found.node.value) : undefined;
    const choice = valueChoicesAt(this.deps.schema, found.path).find((c) => String(c.value) === value);
    return markdown(choice?.markdown ? `**\`${value}\`**: ${choice.markdown}\n\n---\n\n${title}\n\n${docs}` : `${title}\n\n${docs}`);
  }
}
