/**
 * A target the workspace's code never talks to is worth a note: the config may be stale, or
 * the code not written yet. Matches by environment variable, host, or service name.
 */
import { findEnvRefs } from '../envRef';
import { valueRange } from '../placement';
import { get, integrationsOf, type CheckContext, type InventoryTarget } from './checkContext';

/** A host as written (`db`, `db:5432`, `[::1]:8080`), split into its name and its port if it has one. */
interface HostPort { host: string; port?: string }

function splitHostPort(authority: string): HostPort {
  const value = authority.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] };
  const withPort = /^([^:]+):(\d+)$/.exec(value);
  return withPort ? { host: withPort[1]!, port: withPort[2] } : { host: value };
}

function hostsOf(endpoint: string): HostPort[] {
  const withoutScheme = endpoint.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const authority = withoutScheme.split(/[/?#]/, 1)[0] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1).split(',').map(splitHostPort).filter((entry) => entry.host !== '');
}

/**
 * Same host, and the same port when both name one: `localhost:6380` in the config is not the
 * `localhost:6379` the code talks to, but `db` in the code may well be `db:5432` in the config.
 */
function sameHost(a: HostPort, b: HostPort): boolean {
  return a.host === b.host && (a.port === undefined || b.port === undefined || a.port === b.port);
}

function matches(target: InventoryTarget, name: unknown, endpoint: string): boolean {
  const envNames = findEnvRefs(endpoint).map((ref) => ref.name);
  if (envNames.some((env) => target.envVars?.includes(env))) return true;
  const known = (target.hosts ?? []).map(splitHostPort);
  if (hostsOf(endpoint).some((host) => known.some((other) => sameHost(host, other)))) return true;
  return typeof name === 'string' && target.name !== undefined && target.name.toLowerCase() === name.toLowerCase();
}

export function checkInventory(ctx: CheckContext): void {
  const inventory = ctx.options.inventoryTargets;
  if (!inventory) return;
  for (const integration of integrationsOf(ctx.value)) {
    const endpoint = get(integration.value, 'target', 'endpoint');
    if (typeof endpoint !== 'string' || endpoint === '') continue;
    const name = get(integration.value, 'name');
    if (inventory.some((target) => matches(target, name, endpoint))) continue;
    ctx.report('target-not-in-inventory', 'information', valueRange(ctx.parsed, [...integration.path, 'target', 'endpoint']),
      `no code in the workspace was found talking to this target${typeof name === 'string' ? ` of \`${name}\`` : ''} (by host, environment variable or service name)`);
  }
}
