/**
 * The policy for a call, from integration-config.yml: the integration whose `target.endpoint`
 * names the call's env var (`${PAYMENTS_URL}`) or host; its `resilience.policy`, or a policy of
 * its own when it overrides fields inline; else `default`. Read leniently: a config with errors
 * elsewhere still lends its policies (values the validator would reject fall back to defaults).
 */
import { parse } from 'yaml';
import type { Integration } from '../../../core/detection/types';
import { findEnvRefs } from '../../../core/config/envRef';
import { DEFAULT_POLICY, policyFromConfig, type ConfigPolicyLike, type ResiliencePolicyData } from '../../../core/resilience/policy';

export const CONFIG_FILE_NAMES = ['integration-config.yml', 'integration-config.yaml'];

/** Target types whose calls are HTTP: their inline overrides become policies of the HTTP module. */
const HTTP_TARGETS = new Set(['rest', 'graphql', 'soap', 'webhook', 'websocket', 'custom']);

export type CallTarget = Pick<Integration, 'target' | 'envVars' | 'host'>;

export interface PolicyConfig {
  /** Every policy a generated module carries: `default` first, then the named ones, then per-integration ones. */
  readonly policies: readonly ResiliencePolicyData[];
  /** The config file it came from, if any. */
  readonly source?: string;
  /** The name of the policy for a call (always one of `policies`). */
  policyFor(call: CallTarget): string;
}

interface ConfiguredIntegration {
  name: string;
  envVars: string[];
  host?: string;
  policy: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function hostOf(text: string | undefined): string | undefined {
  if (!text || text.includes('${')) return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

const hasOverrides = (resilience: Record<string, unknown>): boolean => ['timeout', 'retry', 'circuit_breaker'].some((key) => key in resilience);

class ConfigPolicies implements PolicyConfig {
  readonly policies: ResiliencePolicyData[];
  private readonly integrations: ConfiguredIntegration[] = [];

  constructor(config: Record<string, unknown>, readonly source?: string) {
    const named = new Map<string, ResiliencePolicyData>();
    if (isRecord(config.policies)) {
      for (const [name, body] of Object.entries(config.policies)) {
        if (isRecord(body)) named.set(name, policyFromConfig(name, body as ConfigPolicyLike, DEFAULT_POLICY));
      }
    }
    const own: ResiliencePolicyData[] = [];
    for (const entry of Array.isArray(config.integrations) ? config.integrations : []) {
      if (!isRecord(entry) || entry.enabled === false || typeof entry.name !== 'string' || !isRecord(entry.target)) continue;
      const endpoint = typeof entry.target.endpoint === 'string' ? entry.target.endpoint : '';
      const resilience = isRecord(entry.resilience) ? entry.resilience : {};
      const base = typeof resilience.policy === 'string' && named.has(resilience.policy) ? resilience.policy : 'default';
      let policy = base;
      if (hasOverrides(resilience) && HTTP_TARGETS.has(String(entry.target.type))) {
        // Fields written beside `policy:` override it: the integration gets a policy of its own.
        policy = named.has(entry.name) ? `${entry.name}-integration` : entry.name;
        own.push(policyFromConfig(policy, resilience as ConfigPolicyLike, named.get(base) ?? DEFAULT_POLICY));
      }
      this.integrations.push({ name: entry.name, envVars: findEnvRefs(endpoint).map((ref) => ref.name), host: hostOf(endpoint), policy });
    }
    const fallback = named.get('default') ?? { ...DEFAULT_POLICY };
    named.delete('default');
    this.policies = [{ ...fallback, name: 'default' }, ...named.values(), ...own];
  }

  policyFor(call: CallTarget): string {
    const envVars = new Set(call.envVars ?? []);
    const byEnv = this.integrations.find((i) => i.envVars.some((name) => envVars.has(name)));
    if (byEnv) return byEnv.policy;
    const host = call.host?.toLowerCase() ?? hostOf(call.target);
    const byHost = host ? this.integrations.find((i) => i.host === host) : undefined;
    return byHost?.policy ?? 'default';
  }
}

/** No integration-config.yml: every call gets the built-in defaults. */
export const NO_CONFIG: PolicyConfig = {
  policies: [DEFAULT_POLICY],
  policyFor: () => 'default',
};

/** The policies of a config file's text; a file that is not YAML (or not a mapping) counts as absent. */
export function policyConfigFromYaml(text: string, source?: string): PolicyConfig {
  let value: unknown;
  try {
    value = parse(text, { uniqueKeys: false, maxAliasCount: 1000 });
  } catch {
    return { ...NO_CONFIG, source };
  }
  return isRecord(value) ? new ConfigPolicies(value, source) : { ...NO_CONFIG, source };
}
