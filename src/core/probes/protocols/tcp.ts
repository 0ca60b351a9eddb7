import { runProbe } from '../runProbe';
import type { Probe } from '../types';

/** Fallback for services without a known protocol: a TCP (or verified TLS) connect. */
export const probeTcp: Probe = (options) => runProbe(options, async (context) => {
  await context.connect('TCP');
  return {
    status: 'healthy',
    detail: options.tls ? 'TLS connect succeeded (certificate verified)' : 'TCP connect succeeded',
  };
});
