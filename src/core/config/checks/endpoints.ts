/** An endpoint must be a URL or host that fits its target type (`postgres://…` for postgres…). */
import { endpointProblem } from '../endpointRules';
import { valueRange } from '../placement';
import { get, integrationsOf, type CheckContext } from './checkContext';

export function checkEndpoints(ctx: CheckContext): void {
  for (const integration of integrationsOf(ctx.value)) {
    const type = get(integration.value, 'target', 'type');
    const endpoint = get(integration.value, 'target', 'endpoint');
    if (typeof type !== 'string' || typeof endpoint !== 'string') continue;
    const problem = endpointProblem(type, endpoint);
    if (!problem) continue;
    ctx.report('invalid-endpoint', 'error', valueRange(ctx.parsed, [...integration.path, 'target', 'endpoint']),
      `target.endpoint is not a valid \`${type}\` endpoint: ${problem}`);
  }
}
