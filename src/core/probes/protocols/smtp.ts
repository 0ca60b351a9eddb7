import type { Parsed } from '../connection';
import { runProbe } from '../runProbe';
import { foreignReply } from '../sniff';
import type { Probe } from '../types';
import { rejectForeign } from './frames';

export interface SmtpReply {
  code: number;
  lines: string[];
}

/** Parses one (possibly multi-line) SMTP reply: "250-…" lines, then "250 …". */
export function parseSmtpReply(buffer: Buffer): Parsed<SmtpReply> {
  if (buffer.length >= 4 && !/^\d{3}[ -]/.test(buffer.subarray(0, 4).toString('latin1'))) return rejectForeign('SMTP', buffer);
  const lines: string[] = [];
  let position = 0;
  for (;;) {
    const end = buffer.indexOf('\r\n', position);
    if (end < 0) {
      if (buffer.length > 64 * 1024) throw foreignReply('SMTP', buffer);
      return undefined;
    }
    const line = buffer.subarray(position, end).toString('utf8');
    if (!/^\d{3}([ -]|$)/.test(line)) throw foreignReply('SMTP', buffer);
    lines.push(line.slice(4));
    position = end + 2;
    if (line[3] !== '-') return { value: { code: Number(line.slice(0, 3)), lines }, length: position };
  }
}

/** Reads the 220 banner, says EHLO (expects 250) and QUIT. Implicit TLS (smtps, 465) when `tls`. */
export const probeSmtp: Probe = (options) => runProbe(options, async (context) => {
  const connection = await context.connect('SMTP');
  const read = (what: string) => connection.read(what, parseSmtpReply);
  const banner = await read('the SMTP banner, which the server sends first');
  if (banner.code !== 220) {
    return { status: 'unhealthy', detail: `SMTP server refuses connections: ${banner.code} ${banner.lines.join(' ')}`.trim() };
  }
  connection.write('EHLO integration-orchestrator.invalid\r\n');
  const ehlo = await read('the answer to EHLO');
  connection.write('QUIT\r\n');
  const greeting = banner.lines[0] ?? '';
  if (ehlo.code !== 250) return { status: 'degraded', detail: `SMTP 220 ${greeting}; EHLO rejected: ${ehlo.code} ${ehlo.lines.join(' ')}` };
  const extensions = ehlo.lines.slice(1).map((line) => line.split(' ')[0]).filter(Boolean);
  return { status: 'healthy', detail: `SMTP 220 ${greeting}; EHLO 250${extensions.length ? ` (${extensions.join(', ')})` : ''}` };
});
