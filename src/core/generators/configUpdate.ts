/**
 * Adds generated entries to integration-config.yml with `yaml`'s Document API while keeping the
 * existing file byte for byte: the change is computed on the parsed Document, the new nodes are
 * rendered by it, and the text is spliced in at the end of the `integrations:` list (and the
 * `policies:` map) using the parsed nodes' ranges and indentation. The result is re-parsed and
 * must equal the Document-API result; if it does not (an unusual layout), the Document's own
 * rendering is used, which still keeps every comment. A file that does not parse is refused.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { policyToConfig } from './policy';
import type { ResiliencePolicy } from './types';

export class ConfigUpdateError extends Error {
  override readonly name = 'ConfigUpdateError';
}

export interface ConfigUpdate {
  text: string;
  /** Names of the integrations added; the others already existed and were left as they were. */
  added: string[];
  skipped: string[];
  policyAdded?: string;
}

const HEADER = ' Integrations of this workspace: what talks to what, with which auth and resilience policy.\n'
  + ' Validated by the Integration Orchestrator extension and `integration-orchestrator validate`.';

const TO_STRING = { lineWidth: 0 } as const;

/** A Document of `value` written the way the documented example reads: small leaf maps on one line. */
function renderDocument(value: unknown): Document {
  const doc = new Document(value);
  visit(doc, {
    Map(_, node, path) {
      const depth = path.filter((step) => isMap(step)).length;
      if (depth >= 1 && node.items.length <= 6 && node.items.every((pair) => isScalar(pair.value))) node.flow = true;
    },
  });
  return doc;
}

const render = (value: unknown): string => renderDocument(value).toString(TO_STRING);

/** Sequences written as `key:\n- item` (not indented) in the existing file stay that way. */
function usesFlushSequences(text: string): boolean {
  return /^[A-Za-z_][\w-]*:[ \t]*(#.*)?\r?\n-[ \t]/m.test(text);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset just after the line holding the last non-blank character before `end`. */
function afterLastLine(text: string, end: number): number {
  let index = Math.min(end, text.length) - 1;
  while (index >= 0 && /\s/.test(text[index]!)) index--;
  const newline = text.indexOf('\n', index + 1);
  return newline === -1 ? text.length : newline + 1;
}

function indent(block: string, columns: number): string {
  const pad = ' '.repeat(columns);
  return block.split('\n').map((line) => (line === '' ? line : pad + line)).join('\n');
}

interface Splice { at: number; text: string }

/** Where and what to insert to append `rendered` items to a block collection, or undefined if it cannot be spliced. */
function spliceInto(text: string, node: unknown, firstItemStart: number | undefined, rendered: string): Splice | undefined {
  const collection = node as YamlNode & { flow?: boolean; items: unknown[] };
  if (!collection.range || collection.flow || collection.items.length === 0 || firstItemStart === undefined) return undefined;
  const at = afterLastLine(text, collection.range[1]);
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { at, text: prefix + indent(rendered, columnOf(text, firstItemStart)) };
}

/**
 * Returns the new text of integration-config.yml with `entries` appended under `integrations:`
 * (an entry whose name exists is skipped) and `policy` added under `policies:` if absent.
 * `existing` undefined = the file does not exist yet.
 */
export function updateIntegrationConfig(
  existing: string | undefined,
  entries: Record<string, unknown>[],
  policy?: { name: string; policy: ResiliencePolicy },
): ConfigUpdate {
  if (existing === undefined || existing.trim() === '') {
    const doc = renderDocument({
      version: 1,
      ...(entries.length > 0 ? { integrations: entries } : {}),
      ...(policy ? { policies: { [policy.name]: policyToConfig(policy.policy) } } : {}),
    });
    doc.commentBefore = HEADER;
    return { text: doc.toString(TO_STRING), added: entries.map((e) => String(e['name'])), skipped: [], ...(policy ? { policyAdded: policy.name } : {}) };
  }

  const doc = parseDocument(existing);
  if (doc.errors.length > 0) {
    throw new ConfigUpdateError(`integration-config.yml does not parse (${doc.errors[0]!.message.split('\n')[0]}); fix it first, it was not changed`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) throw new ConfigUpdateError('integration-config.yml is not a mapping at the top level; not changing the file');
  const integrations = doc.get('integrations', true);
  if (integrations !== undefined && integrations !== null && !isSeq(integrations)) {
    throw new ConfigUpdateError("'integrations' in integration-config.yml is not a list; not changing the file");
  }
  const policies = doc.get('policies', true);
  if (policies !== undefined && policies !== null && !isMap(policies)) {
    throw new ConfigUpdateError("'policies' in integration-config.yml is not a mapping; not changing the file");
  }

  const names = new Set(isSeq(integrations) ? integrations.items.map((item) => (isMap(item) ? String(item.get('name')) : '')) : []);
  const fresh = entries.filter((entry, index) => !names.has(String(entry['name'])) && entries.findIndex((e) => e['name'] === entry['name']) === index);
  const skipped = entries.filter((entry) => !fresh.includes(entry)).map((entry) => String(entry['name']));
  const addPolicy = policy && !(isMap(policies) && policies.has(policy.name)) ? policy : undefined;
  if (fresh.length === 0 && !addPolicy) return { text: existing, added: [], skipped };

  // The intended result, through the Document API.
  const target = parseDocument(existing);
  for (const entry of fresh) {
    if (isSeq(target.get('integrations', true))) target.addIn(['integrations'], target.createNode(entry));
    else target.set('integrations', target.createNode([entry]));
  }
  if (addPolicy) target.setIn(['policies', addPolicy.name], target.createNode(policyToConfig(addPolicy.policy)));
  const result = { added: fresh.map((e) => String(e['name'])), skipped, ...(addPolicy ? { policyAdded: addPolicy.name } : {}) };

  // The same change as a text splice, leaving every existing byte in place.
  const flush = usesFlushSequences(existing);
  const splices: Splice[] = [];
  let appended = '';
  let spliceable = true;
  if (fresh.length > 0) {
    const rendered = render(fresh);
    if (isSeq(integrations)) {
      const first = (integrations.items[0] as YamlNode | undefined)?.range?.[0];
      // A block sequence item starts after its "- ": the dash sits two columns before the node.
      const splice = spliceInto(existing, integrations, first === undefined ? undefined : first - 2, rendered);
      if (splice) splices.push(splice); else spliceable = false;
    } else {
      appended += `\nintegrations:\n${indent(rendered, flush ? 0 : 2)}`;
    }
  }
  if (addPolicy) {
    const rendered = render({ [addPolicy.name]: policyToConfig(addPolicy.policy) });
    if (isMap(policies)) {
      const splice = spliceInto(existing, policies, (policies.items[0]?.key as YamlNode | undefined)?.range?.[0], rendered);
      if (splice) splices.push(splice); else spliceable = false;
    } else {
      appended += `\npolicies:\n${indent(rendered, 2)}`;
    }
  }
  if (spliceable) {
    let text = existing;
    for (const { at, text: insert } of splices.sort((a, b) => b.at - a.at)) text = text.slice(0, at) + insert + text.slice(at);
    if (appended) text = (text.endsWith('\n') ? text : `${text}\n`) + appended;
    const check = parseDocument(text);
    if (check.errors.length === 0 && isDeepStrictEqual(check.toJS(), target.toJS())) return { text, ...result };
  }
  return { text: target.toString({ ...TO_STRING, indentSeq: !flush }), ...result };
}
