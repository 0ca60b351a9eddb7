/**
 * The "move secret to .env" fix, planned without an editor: where the value goes (`.env`,
 * created if absent), the name added to `.env.example` (no value), `.env` added to an
 * existing `.gitignore` that does not ignore it, and the `${NAME}` written in its place.
 * The language server turns the plan into a WorkspaceEdit. Nothing here logs.
 */
import ignore from 'ignore';
import path from 'node:path';
import type { Range } from './diagnostic';
import { formatEnvLine, parseEnvFile } from './envFile';
import { findEnvRefs, toEnvName } from './envRef';
import { LineIndex } from './lineIndex';
import type { ParsedYaml } from './parseYaml';
import { toRange } from './placement';
import { get } from './checks/checkContext';
import { nodeAtPath, resolveAlias, type PathSegment } from './yamlTree';

export interface FileAppend {
  /** Absolute path. */
  path: string;
  /** The file does not exist yet: create it first. */
  create: boolean;
  /** Where to insert (the end of the file). */
  at: { line: number; character: number };
  text: string;
}

export interface SecretMovePlan {
  envName: string;
  /** Replaces the secret in the config document. */
  configEdit: { range: Range; newText: string };
  appends: FileAppend[];
}

export interface SecretMoveInput {
  parsed: ParsedYaml;
  /** The document's plain value (toValue of the tree). */
  value: unknown;
  /** Path and part from the `plain-secret` diagnostic's data. */
  path: PathSegment[];
  secretPart?: string;
  /** Absolute path of the config file. */
  configFile: string;
  /** The workspace folder holding it; `.env` is searched from the file's folder up to here. */
  workspaceRoot?: string;
  /** Names already defined elsewhere in the workspace (a new name must not collide). */
  knownNames?: ReadonlySet<string>;
  /** Reads a file's current text (open editor buffer or disk); undefined when it does not exist. */
  readText: (file: string) => Promise<string | undefined>;
}

interface Extracted {
  secret: string;
  /** The value to write instead, with `\u0000` where `${NAME}` goes. */
  template: string;
  /** Name to use when the value already names one (`${X:-secret}`). */
  presetName?: string;
}

function extract(value: string, part: string | undefined): Extracted | undefined {
  if (part === 'password') {
    const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:@/?#]*:)([^@/?#]*)(@.*)$/s.exec(value);
    return match ? { secret: match[2]!, template: `${match[1]}\u0000${match[3]}` } : undefined;
  }
  if (part?.startsWith('query:')) {
    const name = part.slice('query:'.length);
    const match = new RegExp(`([?&]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=)([^&#]*)`).exec(value);
    if (!match) return undefined;
    const start = match.index + match[1]!.length;
    return { secret: match[2]!, template: value.slice(0, start) + '\u0000' + value.slice(start + match[2]!.length) };
  }
  const refs = findEnvRefs(value);
  if (refs.length === 0) return { secret: value, template: '\u0000' };
  const withDefault = refs.find((ref) => ref.defaultValue);
  if (!withDefault) return undefined;
  return {
    secret: withDefault.defaultValue!,
    presetName: withDefault.name,
    template: value.slice(0, withDefault.start) + '\u0000' + value.slice(withDefault.end),
  };
}

/** `PAYMENTS_API_TOKEN`-style name from the integration's name and the field. */
function suggestedName(value: unknown, path: PathSegment[], part: string | undefined): string {
  const integration = path[0] === 'integrations' && typeof path[1] === 'number' ? get(value, 'integrations') : undefined;
  const item = Array.isArray(integration) ? integration[path[1] as number] : undefined;
  const owner = typeof get(item, 'name') === 'string' ? (get(item, 'name') as string) : 'integration';
  const field = path[path.length - 1];
  const authType = get(item, 'target', 'auth', 'type');
  let suffix: string;
  if (part === 'password') suffix = path[2] === 'source' ? 'source_password' : 'password';
  else if (part?.startsWith('query:')) suffix = part.slice('query:'.length);
  else if (path[path.length - 2] === 'headers') suffix = String(field);
  else if (field === 'credentials') suffix = authType === 'api-key' ? 'api_key' : authType === 'hmac' ? 'secret' : authType === 'bearer' ? 'token' : 'credentials';
  else suffix = String(field);
  return toEnvName(owner, suffix);
}

function endOf(text: string): { line: number; character: number } {
  return new LineIndex(text).positionAt(text.length);
}

function appendLine(text: string | undefined, line: string): string {
  return (text && !text.endsWith('\n') ? '\n' : '') + line + '\n';
}

export async function planSecretMove(input: SecretMoveInput): Promise<SecretMovePlan | undefined> {
  const found = nodeAtPath(input.parsed.root, input.path);
  const node = found.complete ? resolveAlias(found.node) : undefined;
  if (node?.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const extracted = extract(node.value, input.secretPart);
  if (!extracted || extracted.secret === '') return undefined;

  const configDir = path.dirname(input.configFile);
  const stopAt = input.workspaceRoot ? path.resolve(input.workspaceRoot) : configDir;
  let envDir = configDir;
  let envText: string | undefined;
  for (let dir = configDir; ; dir = path.dirname(dir)) {
    const text = await input.readText(path.join(dir, '.env'));
    if (text !== undefined) {
      envDir = dir;
      envText = text;
      break;
    }
    if (dir === stopAt || path.dirname(dir) === dir || !dir.startsWith(stopAt)) break;
  }
  const envFile = path.join(envDir, '.env');
  const existing = parseEnvFile(envText ?? '');

  // A free name, or the one that already holds this very value.
  const base = extracted.presetName ?? suggestedName(input.value, input.path, input.secretPart);
  let envName = base;
  for (let n = 2; ; n++) {
    const current = existing.get(envName);
    if (current === extracted.secret) break;
    if (current === undefined && (extracted.presetName === envName || !input.knownNames?.has(envName))) break;
    envName = `${base}_${n}`;
  }

  const appends: FileAppend[] = [];
  if (existing.get(envName) !== extracted.secret) {
    appends.push({ path: envFile, create: envText === undefined, at: envText === undefined ? { line: 0, character: 0 } : endOf(envText), text: appendLine(envText, formatEnvLine(envName, extracted.secret)) });
  }
  const exampleFile = path.join(envDir, '.env.example');
  const exampleText = await input.readText(exampleFile);
  if (!parseEnvFile(exampleText ?? '').has(envName)) {
    appends.push({ path: exampleFile, create: exampleText === undefined, at: exampleText === undefined ? { line: 0, character: 0 } : endOf(exampleText), text: appendLine(exampleText, `${envName}=`) });
  }
  for (const dir of new Set([envDir, stopAt])) {
    const gitignoreFile = path.join(dir, '.gitignore');
    const gitignoreText = await input.readText(gitignoreFile);
    if (gitignoreText === undefined) continue;
    const relative = path.relative(dir, envFile).split(path.sep).join('/');
    if (!relative.startsWith('..') && !ignore().add(gitignoreText).ignores(relative)) {
      appends.push({ path: gitignoreFile, create: false, at: endOf(gitignoreText), text: appendLine(gitignoreText, relative === '.env' ? '.env' : `/${relative}`) });
    }
    break;
  }

  const raw = input.parsed.text.slice(node.start, node.end);
  const newValue = extracted.template.replace('\u0000', `\${${envName}}`);
  const newText = JSON.stringify(newValue) + (raw.endsWith('\n') ? '\n' : '');
  return { envName, configEdit: { range: toRange(input.parsed.lines, { start: node.start, end: node.end }), newText }, appends };
}
