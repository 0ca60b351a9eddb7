/**
 * A target the workspace's code never talks to is worth a note: the config may be stale, or
 * the code not written yet. Matches by environment variable, host, or service name.
 */
import { findEnvRefs } from '../envRef';
import { valueRange } from '../placement';
import { get, integrationsOf, type CheckContext, type InventoryTarget } from './checkContext';

function hostsOf(endpoint: string): string[] {
  const withoutScheme = endpoint.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const authority = withoutScheme.split(/[/?#]/, 1)[0] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1).split(',').map((host) => host.trim().toLowerCase()).filter(Boolean);
}

function matches(target: InventoryTarget, name: unknown, endpoint: string): boolean {
  const envNames = findEnvRefs(endpoint).map((ref) => ref.name);
  if (envNames.some((env) => target.envVars?.includes(env))) return true;
  const wanted = new Set(target.hosts?.flatMap((host) => [host.toLowerCase(), host.toLowerCase().split(':')[0]!]) ?? []);
  if (hostsOf(endpoint).some((host) => wanted.has(host) || wanted.has(host.split(':')[0]!))) return true;
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
