/**
 * Renders docs/integration-config.md from the generated JSON Schema, so the docs page says
 * exactly what the schema, completion and hover say. `npm run docs:config` rewrites the file;
 * a unit test fails when the committed page is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildJsonSchema, type JsonSchema } from './jsonSchema';
import { branches, typeLabel } from './schemaNav';

/** The example from the issue that defined the file: the docs page opens with it, the tests validate it. */
export const CONFIG_EXAMPLE = `version: 1
integrations:
  - name: payments-api
    source: { type: service, endpoint: http://localhost:3000 }
    target:
      type: rest
      endpoint: "\${PAYMENTS_URL}"
      auth: { type: bearer, credentials: "\${PAYMENTS_TOKEN}" }
    sync: { strategy: real-time, frequency: "*/5 * * * *", batch_size: 100, timeout: 30s }
    resilience: { policy: default }
    monitoring: { metrics: true, logging: structured, alerts: { error_rate_threshold: 0.05, latency_threshold: 5s } }
policies:
  default:
    timeout: 10s
    retry: { max_retries: 3, backoff: exponential, base_delay: 200ms, max_delay: 30s, jitter: decorrelated,
             retry_on: [408, 429, 500, 502, 503, 504], retry_non_idempotent: false }
    circuit_breaker: { failure_threshold: 5, half_open_after: 30s }`;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

interface Section {
  title: string;
  schema: JsonSchema;
}

/** Every mapping of the schema with fixed keys, in document order, with the path that reaches it. */
function sections(root: JsonSchema): Section[] {
  const out: Section[] = [];
  const seen = new Set<string>();
  const visit = (schema: JsonSchema, title: string) => {
    for (const branch of branches(schema)) {
      if (branch.type === 'array' && branch.items) visit(branch.items, `${title}[]`);
      else if (branch.type === 'object' && typeof branch.additionalProperties === 'object') visit(branch.additionalProperties, `${title}.<name>`);
      else if (branch.type === 'object' && branch.properties) {
        if (seen.has(title)) continue;
        seen.add(title);
        out.push({ title, schema: branch });
        for (const [key, property] of Object.entries(branch.properties)) visit(property, title ? `${title}.${key}` : key);
      }
    }
  };
  visit(root, '');
  return out;
}

export function renderConfigDocs(root: JsonSchema = buildJsonSchema()): string {
  const lines: string[] = [
    '<!-- Generated from src/core/config/schema.ts by `npm run docs:config`. Do not edit by hand. -->',
    '',
    '# integration-config.yml',
    '',
    root.markdownDescription ?? root.description ?? '',
    '',
    'The editor validates the file as you type (syntax, schema, and the checks below), completes keys and values, and shows these docs on hover. `integration-orchestrator validate` runs the same validation in CI.',
    '',
    '```yaml',
    CONFIG_EXAMPLE,
    '```',
    '',
    '## Values',
    '',
    '- **Durations**: `200ms`, `30s`, `5m`, `1h`, `1m30s`, or a whole number of milliseconds.',
    '- **Schedules** (`sync.frequency`): a cron expression with 5 fields (`*/5 * * * *`) or 6 with seconds first, a macro (`@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`), `@every 5m`, or an interval (`15m`).',
    '- **Environment references**: `${VAR}` or `${VAR:-default}` anywhere in a text value. Numbers, durations and booleans may be written as one reference; a default must then be a valid value. `$${X}` is a literal `${X}`.',
    '- **Secrets** (`credentials`, passwords in URLs, `Authorization`-like headers) must be `${VAR}` references: a value in plain text is an error, with a quick fix that moves it to `.env`.',
    '',
    '## Checks beyond the schema',
    '',
    '| code | severity | what |',
    '|---|---|---|',
    '| `unknown-policy` | error | `resilience.policy` names no policy under `policies:` |',
    '| `plain-secret` | error | a credential written in plain text instead of `${VAR}` |',
    '| `undefined-env` | warning | `${VAR}` (without default) defined in no `.env*` file or compose `environment:` of the workspace |',
    '| `invalid-endpoint` | error | the endpoint is not a URL or host for its target type |',
    '| `invalid-cron` | error | `sync.frequency` is not a valid schedule |',
    '| `incomplete-auth` | error | the credentials lack a part their auth type needs |',
    '| `duplicate-name` | error | two integrations share a name |',
    '| `inconsistent-value` | error/warning | e.g. `max_delay` shorter than `base_delay`, credentials with `auth.type: none` |',
    '| `target-not-in-inventory` | information | no code of the workspace talks to the target (editor only) |',
    '',
  ];
  for (const section of sections(root)) {
    const schema = section.schema;
    lines.push(`## \`${section.title || '(top level)'}\``, '');
    const description = schema.markdownDescription ?? schema.description;
    if (description) lines.push(description, '');
    lines.push('| key | type | required | description |', '|---|---|---|---|');
    const enums: string[] = [];
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const required = schema.required?.includes(key) ? 'yes' : '';
      lines.push(`| \`${key}\` | ${cell(typeLabel(property))} | ${required} | ${cell(property.markdownDescription ?? property.description ?? '')} |`);
      const docs = property.markdownEnumDescriptions;
      if (property.enum && docs) {
        enums.push(`\`${key}\`:`, '');
        property.enum.forEach((value, i) => enums.push(`- \`${String(value)}\`: ${docs[i] ?? ''}`));
        enums.push('');
      }
    }
    lines.push('');
    lines.push(...enums);
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

export const DOCS_PATH = 'docs/integration-config.md';

if (require.main === module) {
  const root = path.resolve(__dirname, '../../..');
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, DOCS_PATH), renderConfigDocs());
  process.stdout.write(`wrote ${DOCS_PATH}\n`);
}
