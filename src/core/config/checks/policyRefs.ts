/** `resilience: { policy: x }` must name a policy under `policies:` (a JSON Schema cannot say so). */
import { suggest } from '../didYouMean';
import { parseWholeEnvRef } from '../envRef';
import { listOf } from '../messages';
import { valueRange } from '../placement';
import { get, integrationsOf, isRecord, type CheckContext } from './checkContext';

export function checkPolicyRefs(ctx: CheckContext): void {
  const policies = get(ctx.value, 'policies');
  const names = isRecord(policies) ? Object.keys(policies) : [];
  for (const integration of integrationsOf(ctx.value)) {
    const name = get(integration.value, 'resilience', 'policy');
    if (typeof name !== 'string' || name === '' || parseWholeEnvRef(name) || names.includes(name)) continue;
    const guess = suggest(name, names);
    const known = names.length === 0 ? 'there is no `policies:` section' : `defined: ${listOf(names, 'and')}`;
    ctx.report('unknown-policy', 'error', valueRange(ctx.parsed, [...integration.path, 'resilience', 'policy']),
      `policy \`${name}\` is not defined under \`policies:\` (${known})${guess ? `; did you mean \`${guess}\`?` : ''}`,
      { ...(guess ? { replacement: guess } : {}), path: [...integration.path, 'resilience', 'policy'] });
  }
}
