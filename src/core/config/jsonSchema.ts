/**
 * The JSON Schema of integration-config.yml, generated from the zod schema. esbuild.mjs calls
 * `buildJsonSchema()` at build time and writes dist/integration-config.schema.json, which
 * package.json declares in `contributes.yamlValidation` for Red Hat YAML.
 *
 * Draft-07 because Red Hat YAML reads 2020-12 only from 1.20; `io: 'input'` keeps fields with
 * defaults optional. Refinements (cron contents, positive durations) do not survive the
 * conversion: the project's own validator reports those.
 */
import { z } from 'zod';
import { configSchema } from './schema';

/** A JSON Schema node, as far as completion, hover and the docs page read it. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  examples?: unknown[];
  defaultSnippets?: { label: string; description?: string; body: unknown }[];
  markdownEnumDescriptions?: string[];
  [key: string]: unknown;
}

export const SCHEMA_ID = 'https://integration-orchestrator.invalid/integration-config.schema.json';

let cached: JsonSchema | undefined;

export function buildJsonSchema(): JsonSchema {
  if (!cached) {
    const generated = z.toJSONSchema(configSchema, { target: 'draft-07', io: 'input' }) as JsonSchema;
    cached = { ...generated, $id: SCHEMA_ID, title: 'integration-config.yml' };
  }
  return cached;
}
