/**
 * Credentials must be `${VAR}` references, never values: a secret in a committed YAML file
 * leaks. Checks auth credentials, secret-looking headers, and passwords or tokens inside
 * endpoint URLs. Messages never contain the secret.
 */
import { findEnvRefs } from '../envRef';
import { valueRange } from '../placement';
import { SECRET_CREDENTIAL_PARTS, SECRET_HEADER, SECRET_QUERY_PARAM } from '../secretFields';
import type { PathSegment } from '../yamlTree';
import { get, integrationsOf, isRecord, type CheckContext } from './checkContext';

const ADVICE = 'write a `${VAR}` reference and keep the value in `.env`';

/** Whether a string is a secret written in plain text (no reference, or a reference with a default). */
export function plainSecretKind(text: string): 'plain' | 'default' | undefined {
  if (text.trim() === '') return undefined;
  const refs = findEnvRefs(text);
  if (refs.length === 0) return 'plain';
  return refs.some((ref) => ref.defaultValue !== undefined && ref.defaultValue !== '') ? 'default' : undefined;
}

/** The user-info password or a secret query parameter in a URL, as [part, value] pairs. */
export function urlSecrets(url: string): { part: string; value: string }[] {
  const found: { part: string; value: string }[] = [];
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)@/.exec(url);
  if (match) {
    const userInfo = match[1]!;
    const colon = userInfo.indexOf(':');
    if (colon >= 0 && colon < userInfo.length - 1) found.push({ part: 'password', value: userInfo.slice(colon + 1) });
  }
  const query = /\?([^#]*)/.exec(url)?.[1];
  for (const parameter of query?.split('&') ?? []) {
    const equals = parameter.indexOf('=');
    if (equals <= 0) continue;
    const name = parameter.slice(0, equals);
    if (SECRET_QUERY_PARAM.test(name) && equals < parameter.length - 1) found.push({ part: `query:${name}`, value: parameter.slice(equals + 1) });
  }
  return found;
}

export function checkPlainSecrets(ctx: CheckContext): void {
  for (const integration of integrationsOf(ctx.value)) {
    const target = get(integration.value, 'target');
    const authType = get(target, 'auth', 'type');
    const credentials = get(target, 'auth', 'credentials');
    const credentialsPath: PathSegment[] = [...integration.path, 'target', 'auth', 'credentials'];
    if (typeof credentials === 'string' && authType !== 'mtls') report(ctx, credentialsPath, 'auth.credentials', credentials);
    if (isRecord(credentials)) {
      for (const [part, value] of Object.entries(credentials)) {
        if (SECRET_CREDENTIAL_PARTS.has(part) && typeof value === 'string') report(ctx, [...credentialsPath, part], `credentials.${part}`, value);
      }
    }
    const headers = get(target, 'headers');
    if (isRecord(headers)) {
      for (const [name, value] of Object.entries(headers)) {
        if (SECRET_HEADER.test(name) && typeof value === 'string') report(ctx, [...integration.path, 'target', 'headers', name], `the header \`${name}\``, value);
      }
    }
    for (const side of ['source', 'target'] as const) {
      const endpoint = get(integration.value, side, 'endpoint');
      if (typeof endpoint !== 'string') continue;
      for (const secret of urlSecrets(endpoint)) {
        if (!plainSecretKind(secret.value)) continue;
        const what = secret.part === 'password' ? 'a password' : `a secret in \`${secret.part.slice('query:'.length)}=\``;
        const path = [...integration.path, side, 'endpoint'];
        ctx.report('plain-secret', 'error', valueRange(ctx.parsed, path), `${side}.endpoint holds ${what} in plain text; ${ADVICE}`, { path, secretPart: secret.part });
      }
    }
  }
}

function report(ctx: CheckContext, path: PathSegment[], what: string, value: string): void {
  const kind = plainSecretKind(value);
  if (!kind) return;
  const message = kind === 'plain'
    ? `${what} is a secret written in plain text; ${ADVICE}`
    : `${what} has a secret as the default of its \`\${VAR:-…}\`; drop the default and keep the value in \`.env\``;
  ctx.report('plain-secret', 'error', valueRange(ctx.parsed, path), message, { path });
}
