/**
 * A scan result → the targets the config check "target not found in the detected inventory"
 * compares endpoints with. Pure, so the rules are tested without a server.
 *
 * What shows that the workspace talks to a service: a site, i.e. a finding in code or a
 * compose/k8s workload that declares it (`Service.integrations`). A service known only from
 * `.env*` keys or dependency manifests (`Service.configuration`, `Service.dependencies`) does not
 * count: a config's `${PAYMENTS_URL}` is normally defined in `.env` (otherwise it gets its own
 * warning), so counting `.env` would make the check never fire. A counted service's env vars and
 * hosts still include what its `.env` keys say.
 */
import type { InventoryTarget } from '../core/config/checks/checkContext';
import type { Integration, ScanResult, Service } from '../core/detection/types';

function targetOf(service: Service, members: Integration[]): InventoryTarget {
  // Compose and k8s workloads are reached at their service name (the network's DNS name).
  const declared = members.map((member) => member.declaredService).filter((name): name is string => name !== undefined);
  const hosts = [...new Set([...service.hosts, ...declared])];
  const target: InventoryTarget = { envVars: [...service.envVars], hosts };
  // Other keys (an env var, a host, a library) are not names a person gives an integration.
  if (service.keyedBy === 'compose') target.name = service.name;
  return target;
}

/**
 * The services of `result` that have a site, as inventory targets; undefined
 * when there is none at all (a folder with configs but no code): the check then stays off
 * instead of flagging every target.
 */
export function inventoryTargets(result: ScanResult): InventoryTarget[] | undefined {
  const targets: InventoryTarget[] = [];
  for (const service of result.services) {
    const members = service.integrations.flatMap((index) => result.integrations[index] ?? []);
    if (members.length === 0) continue;
    targets.push(targetOf(service, members));
  }
  return targets.length > 0 ? targets : undefined;
}
