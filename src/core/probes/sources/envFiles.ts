import { isProbeableUrl, parseTarget, TargetError } from '../target';
import { expandVariables } from './expand';
import type { HealthTarget, HealthTargetSource } from './healthTarget';

/** Every `.env` / `.env.example` value that is a URL we can probe; the variable names the service. */
export const envFileTargets: HealthTargetSource = async (context) => {
  const targets: HealthTarget[] = [];
  for (const [name, definition] of context.dotenv) {
    // What the code sees: the process environment wins over the file (dotenv's rule).
    const { value, missing } = expandVariables(context.env[name] ?? definition.value, context.env);
    if (!isProbeableUrl(value)) continue;
    const base = { service: name, source: `${definition.file}:${definition.line}`, target: value };
    if (missing.length) {
      targets.push({ ...base, unresolved: `${name} uses \${${missing[0]}}, which no .env file or environment variable defines` });
      continue;
    }
    try {
      const endpoint = parseTarget(value);
      targets.push({ ...base, kind: endpoint.protocol, endpoint });
    } catch (error) {
      if (!(error instanceof TargetError)) throw error;
      targets.push({ ...base, unresolved: error.message });
    }
  }
  return targets;
};
