import { runProbe } from '../runProbe';
import { foreignReply } from '../sniff';
import type { Probe } from '../types';
import { parseLine } from './frames';

interface NatsInfo {
  server_id?: string;
  server_name?: string;
  version?: string;
  tls_required?: boolean;
  tls_available?: boolean;
  auth_required?: boolean;
  jetstream?: boolean;
}

/** Reads the INFO line a NATS server sends on connect; upgrades to verified TLS when asked or required. */
export const probeNats: Probe = (options) => runProbe(options, async (context) => {
  const connection = await context.connect('NATS', true);
  const line = await connection.read('the NATS INFO line, which the server sends first', (buffer) => {
    if (buffer.length >= 5 && buffer.subarray(0, 5).toString('latin1') !== 'INFO ') throw foreignReply('NATS', buffer);
    return parseLine('NATS', buffer);
  });
  let info: NatsInfo;
  try {
    info = JSON.parse(line.slice(5)) as NatsInfo;
  } catch {
    return { status: 'unhealthy', detail: 'NATS INFO line is not valid JSON' };
  }
  const notes: string[] = [];
  if (options.tls || info.tls_required) {
    if (!info.tls_required && !info.tls_available) {
      return { status: 'unhealthy', detail: `TLS required, but NATS ${info.version ?? ''} does not offer it`.replace('  ', ' ') };
    }
    await connection.startTls(options);
    notes.push('TLS');
  }
  if (info.auth_required) notes.push('auth required');
  if (info.jetstream) notes.push('JetStream');
  if (info.server_name && info.server_name !== info.server_id) notes.unshift(`server ${info.server_name}`);
  return { status: 'healthy', detail: `NATS ${info.version ?? '(version not given)'}${notes.length ? ` (${notes.join(', ')})` : ''}` };
});
