import type { ProbeTarget } from '../target';
import type { ProbeProtocol } from '../types';

/** A service to check, from wherever it was found. */
export interface HealthTarget {
  /** Name shown to people: the env var, the compose service, the integration's name. */
  service: string;
  /** Where it was found: `.env:3`, `docker-compose.yml: services.redis.ports[0]`. */
  source: string;
  /** The target as written, `${VAR}`s expanded. May hold a password: redact before showing it. */
  target: string;
  /** What the endpoint speaks, also when it could not be resolved. */
  kind?: ProbeProtocol;
  endpoint?: ProbeTarget;
  /** Why there is no endpoint; such a target is reported `unknown`, not probed. */
  unresolved?: string;
  /** HTTP health path to use instead of `/health` then `/`. */
  path?: string;
}

/** Variables as the workspace's code would see them: process env over `.env` over `.env.example`. */
export type EnvLookup = Readonly<Record<string, string | undefined>>;

export interface SourceContext {
  dir: string;
  env: EnvLookup;
  /** Variables defined by the folder's .env files, with where each was defined. */
  dotenv: ReadonlyMap<string, { value: string; file: string; line: number }>;
  signal?: AbortSignal;
}

/**
 * One place targets come from. The detection engine's inventory becomes one more of these
 * (services with resolved URLs and hosts), next to .env, compose and integration-config.yml.
 */
export type HealthTargetSource = (context: SourceContext) => Promise<HealthTarget[]>;
