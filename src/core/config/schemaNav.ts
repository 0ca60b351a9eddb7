/**
 * Walks the generated JSON Schema by document path: which keys a mapping may have, which
 * values a field takes, and the docs of each. Completion, hover and the validator's
 * "did you mean" read the schema through here, so they agree with Red Hat YAML.
 */
import { DURATION_PATTERN } from './duration';
import { WHOLE_ENV_REF } from './envRef';
import { DURATION_TEXT_PATTERN } from './schemaFields';
import type { JsonSchema } from './jsonSchema';
import type { PathSegment } from './yamlTree';

/** The alternatives of a schema, with anyOf/oneOf flattened. */
export function branches(schema: JsonSchema): JsonSchema[] {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (!alternatives) return [schema];
  return alternatives.flatMap(branches);
}

/** Every schema that may apply at `path` (several when unions are involved). */
export function schemasAtPath(root: JsonSchema, path: readonly PathSegment[]): JsonSchema[] {
  let current: JsonSchema[] = [root];
  for (const segment of path) {
    const next: JsonSchema[] = [];
    for (const schema of current) {
      for (const branch of branches(schema)) {
        if (typeof segment === 'number') {
          if (branch.items) next.push(branch.items);
        } else if (branch.properties?.[segment]) {
          next.push(branch.properties[segment]);
        } else if (typeof branch.additionalProperties === 'object') {
          next.push(branch.additionalProperties);
        }
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

/** The documented node for a path: the first schema with a description (the field itself, not a union branch). */
export function documentedSchemaAt(root: JsonSchema, path: readonly PathSegment[]): JsonSchema | undefined {
  const schemas = schemasAtPath(root, path);
  return schemas.find((schema) => schema.markdownDescription || schema.description) ?? schemas[0];
}

export interface PropertyInfo {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

/** The fixed keys a mapping at `path` may have (records with free keys have none). */
export function propertiesAt(root: JsonSchema, path: readonly PathSegment[]): PropertyInfo[] {
  const seen = new Map<string, PropertyInfo>();
  for (const schema of schemasAtPath(root, path)) {
    for (const branch of branches(schema)) {
      for (const [name, property] of Object.entries(branch.properties ?? {})) {
        if (!seen.has(name)) seen.set(name, { name, schema: property, required: branch.required?.includes(name) ?? false });
      }
    }
  }
  return [...seen.values()];
}

/** Whether the mapping at `path` takes free keys (a record like `policies`). */
export function takesFreeKeys(root: JsonSchema, path: readonly PathSegment[]): boolean {
  return schemasAtPath(root, path).some((schema) => branches(schema).some((branch) => typeof branch.additionalProperties === 'object'));
}

export interface ValueChoice {
  value: string | number | boolean;
  markdown?: string;
}

/** The closed set of values a field takes (enums, consts, booleans), with their docs. */
export function valueChoicesAt(root: JsonSchema, path: readonly PathSegment[]): ValueChoice[] {
  const choices = new Map<string, ValueChoice>();
  for (const schema of schemasAtPath(root, path)) {
    for (const branch of branches(schema)) {
      const docs = branch.markdownEnumDescriptions ?? schema.markdownEnumDescriptions;
      branch.enum?.forEach((value, i) => {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          choices.set(String(value), { value, markdown: docs?.[i] });
        }
      });
      if (branch.const !== undefined && (typeof branch.const === 'number' || typeof branch.const === 'string')) choices.set(String(branch.const), { value: branch.const });
      if (branch.type === 'boolean') {
        choices.set('true', { value: true });
        choices.set('false', { value: false });
      }
    }
  }
  return [...choices.values()];
}

/** Markdown documentation of the field at `path`, as hover shows it. */
export function markdownAt(root: JsonSchema, path: readonly PathSegment[]): string | undefined {
  const schema = documentedSchemaAt(root, path);
  return schema?.markdownDescription ?? schema?.description;
}

/** A short type for docs, completion details and hover: `duration or ${VAR}`, `whole number 0–100`. */
export function typeLabel(schema: JsonSchema): string {
  let labels = [...new Set(branches(schema).map(branchLabel))];
  // "duration or whole number ≥ 1": the number branch is the plain-milliseconds form of the duration.
  if (labels.some((label) => label.startsWith('duration'))) labels = labels.filter((label) => !label.startsWith('whole number'));
  return labels.join(' or ');
}

function branchLabel(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(' | ');
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  switch (schema.type) {
    case 'integer': {
      const max = schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
      if (schema.minimum !== undefined && max !== undefined) return `whole number ${schema.minimum}–${max}`;
      return schema.minimum !== undefined ? `whole number ≥ ${schema.minimum}` : 'whole number';
    }
    case 'number':
      return schema.minimum !== undefined && schema.maximum !== undefined ? `number ${schema.minimum}–${schema.maximum}` : 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      if (schema.pattern === DURATION_PATTERN) return 'duration';
      if (schema.pattern === DURATION_TEXT_PATTERN) return 'duration or `${VAR}`';
      if (schema.pattern === WHOLE_ENV_REF.source) return '`${VAR}`';
      return 'text';
    case 'array':
      return schema.items ? `list of ${typeLabel(schema.items)}` : 'list';
    case 'object':
      if (schema.properties) return 'mapping';
      if (typeof schema.additionalProperties === 'object') return `map of name → ${typeLabel(schema.additionalProperties)}`;
      return 'mapping';
    default:
      return 'any';
  }
}

/** The kind of value a field holds, for deciding how to insert it. */
export function valueShape(schema: JsonSchema | undefined): 'mapping' | 'list' | 'scalar' {
  if (!schema) return 'scalar';
  const kinds = branches(schema).map((branch) => branch.type);
  if (kinds.length > 0 && kinds.every((kind) => kind === 'object')) return 'mapping';
  if (kinds.length > 0 && kinds.every((kind) => kind === 'array')) return 'list';
  return 'scalar';
}
