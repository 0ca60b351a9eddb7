/**
 * Which values of the config are secrets. The plain-secret check, the quick fix and the
 * message renderer (which must never echo a secret) agree through here.
 */
import type { PathSegment } from './yamlTree';

/** Keys under `credentials:` whose values are secrets (the others are names, URLs or file paths). */
export const SECRET_CREDENTIAL_PARTS = new Set(['password', 'token', 'client_secret', 'secret']);

/** Header names whose values carry credentials. */
export const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password|cookie|signature/i;

/** URL query parameters whose values are credentials. */
export const SECRET_QUERY_PARAM = /^(?:api[-_]?key|apikey|key|token|access[-_]?token|auth|secret|client[-_]?secret|password|passwd|pwd|sig|signature|access[-_]?key)$/i;

/** Whether the value at `path` is (or may contain) a secret: never print it. */
export function isSecretPath(path: readonly PathSegment[]): boolean {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === 'credentials') return true;
  if (parent === 'credentials' && typeof last === 'string' && SECRET_CREDENTIAL_PARTS.has(last)) return true;
  if (parent === 'headers') return true;
  // Endpoints may carry a password or a token in the URL.
  return last === 'endpoint';
}
