/** Turns an evaluated value into the finding's target: display text, env vars and host. */
import type { Value } from './languages/facts';
import { maskSecrets } from '../secrets/maskSecrets';

export interface TargetFacts {
  target?: string;
  envVars?: string[];
  host?: string;
}

const MAX_TARGET = 200;

export function targetFacts(value: Value | undefined): TargetFacts {
  if (!value) return {};
  const display = value.display.length > MAX_TARGET ? `${value.display.slice(0, MAX_TARGET)}…` : value.display;
  const facts: TargetFacts = { target: maskSecrets(display) };
  if (value.envVars.length > 0) facts.envVars = [...value.envVars];
  const host = hostOf(display);
  if (host) facts.host = host;
  return facts;
}

/** The host of a URL-ish string, when it is a literal one (`${X}` and `…` hosts are unknown). */
export function hostOf(text: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^/:?#\s]+)/i.exec(text.trim());
  const host = match ? match[1] : /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:\/|$)/i.exec(text.trim())?.[1];
  if (!host || /[$…{}]/.test(host)) return undefined;
  return host.toLowerCase();
}

