/**
 * What a person set for a service (a target override, credentials) applied to what the
 * workspace says. Pure (no `vscode`): the controller reads the stored values and calls these.
 */
import { expandVariables } from '../../core/probes/sources/expand';
import type { EnvLookup, HealthTarget } from '../../core/probes/sources/healthTarget';
import { parseTarget, TargetError } from '../../core/probes/target';
import type { ProbeProtocol } from '../../core/probes/types';

/** Kept in SecretStorage only: never in settings, workspace state, logs or files. */
export interface StoredCredentials {
  username?: string;
  password?: string;
}

/** What `maskSecrets` shows instead of a password; typed back unchanged it means "keep the password". */
const REDACTED = '***';

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Splits a typed target into the part that may be stored as plain state (no password) and the
 * credentials that go to SecretStorage. `redis://:pw@h:6379` → `redis://h:6379` + `{ password: 'pw' }`.
 * Userinfo ends at the last `@` before the first `/`, as `parseTarget` reads it.
 */
export function splitCredentials(text: string): { target: string; credentials: StoredCredentials } {
  const trimmed = text.trim();
  const schemeEnd = trimmed.indexOf('://');
  if (schemeEnd < 0) return { target: trimmed, credentials: {} };
  const afterScheme = trimmed.slice(schemeEnd + 3);
  const slash = afterScheme.indexOf('/');
  const at = (slash < 0 ? afterScheme : afterScheme.slice(0, slash)).lastIndexOf('@');
  if (at < 0) return { target: trimmed, credentials: {} };
  const userinfo = afterScheme.slice(0, at);
  const colon = userinfo.indexOf(':');
  const username = safeDecode(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? '' : safeDecode(userinfo.slice(colon + 1));
  const credentials: StoredCredentials = {};
  if (password && password !== REDACTED) credentials.password = password;
  if (username) credentials.username = username;
  // The username stays in the target (it is not a secret and tells which account is checked).
  const kept = username ? `${encodeURIComponent(username)}@` : '';
  return { target: `${trimmed.slice(0, schemeEnd + 3)}${kept}${afterScheme.slice(at + 1)}`, credentials };
}

export interface EffectiveTargetInput {
  serviceName: string;
  /** What the workspace says (the inventory source), if anything. */
  base?: HealthTarget;
  /** A target the person set (may use `${VAR}`); wins over `base`. */
  override?: string;
  credentials?: StoredCredentials;
  /** What the service speaks, for a bare `host:port` override. */
  protocol?: ProbeProtocol;
  env: EnvLookup;
}

/** The target to check: the override (or the workspace's), stored credentials on top; undefined when there is none. */
export function effectiveTarget(input: EffectiveTargetInput): HealthTarget | undefined {
  let target: HealthTarget | undefined;
  if (input.override !== undefined) {
    const base = { service: input.serviceName, source: 'target set in this workspace', target: input.override, ...(input.protocol ? { kind: input.protocol } : {}) };
    const { value, missing } = expandVariables(input.override, input.env);
    if (missing.length) {
      target = { ...base, unresolved: `the target set for ${input.serviceName} uses \${${missing[0]}}, which no .env file or environment variable defines` };
    } else {
      try {
        const endpoint = parseTarget(value, input.protocol);
        target = { ...base, target: value, kind: endpoint.protocol, endpoint };
      } catch (error) {
        if (!(error instanceof TargetError)) throw error;
        target = { ...base, unresolved: `the target set for ${input.serviceName}: ${error.message}` };
      }
    }
  } else if (input.base) {
    target = { ...input.base, ...(input.base.endpoint ? { endpoint: { ...input.base.endpoint } } : {}) };
  }
  if (target?.endpoint && input.credentials) {
    if (input.credentials.username) target.endpoint.username = input.credentials.username;
    if (input.credentials.password) target.endpoint.password = input.credentials.password;
  }
  return target;
}
