import type { Parsed } from '../connection';
import { foreignReply } from '../sniff';
import { runProbe } from '../runProbe';
import type { Probe } from '../types';
import { rejectForeign } from './frames';

/** One RESP value, as far as a health check needs it. */
export type RespValue =
  | { type: 'simple' | 'error'; text: string }
  | { type: 'integer'; value: number }
  | { type: 'bulk'; text: string | null }
  | { type: 'array'; items: RespValue[] | null };

/** Encodes a command as a RESP array, so passwords with spaces or quotes are sent intact. */
export function encodeCommand(...parts: string[]): Buffer {
  const chunks = [`*${parts.length}\r\n`];
  for (const part of parts) chunks.push(`$${Buffer.byteLength(part)}\r\n${part}\r\n`);
  return Buffer.from(chunks.join(''), 'utf8');
}

/** Parses one RESP2/RESP3 reply at `offset`; throws when the bytes are not RESP at all. */
export function parseResp(buffer: Buffer, offset = 0): Parsed<RespValue> {
  if (buffer.length <= offset) return undefined;
  const type = String.fromCharCode(buffer[offset]!);
  if (!'+-:$*_#,('.includes(type)) return offset === 0 ? rejectForeign('Redis', buffer) : thrown(buffer);
  const end = buffer.indexOf('\r\n', offset);
  if (end < 0) return buffer.length - offset > 64 * 1024 ? thrown(buffer) : undefined;
  const line = buffer.subarray(offset + 1, end).toString('utf8');
  const next = end + 2;
  switch (type) {
    case '+': case '#': case ',': case '(': return { value: { type: 'simple', text: line }, length: next - offset };
    case '-': return { value: { type: 'error', text: line }, length: next - offset };
    case ':': return { value: { type: 'integer', value: Number(line) }, length: next - offset };
    case '_': return { value: { type: 'bulk', text: null }, length: next - offset };
    case '$': {
      const size = Number(line);
      if (!Number.isInteger(size) || size > 512 * 1024 * 1024) return thrown(buffer);
      if (size < 0) return { value: { type: 'bulk', text: null }, length: next - offset };
      if (buffer.length < next + size + 2) return undefined;
      return { value: { type: 'bulk', text: buffer.subarray(next, next + size).toString('utf8') }, length: next + size + 2 - offset };
    }
    default: { // '*'
      const count = Number(line);
      if (!Number.isInteger(count)) return thrown(buffer);
      if (count < 0) return { value: { type: 'array', items: null }, length: next - offset };
      const items: RespValue[] = [];
      let position = next;
      for (let i = 0; i < count; i++) {
        const item = parseResp(buffer, position);
        if (!item) return undefined;
        items.push(item.value);
        position += item.length;
      }
      return { value: { type: 'array', items }, length: position - offset };
    }
  }
}

function thrown(buffer: Buffer): never {
  throw foreignReply('Redis', buffer);
}

const NO_PASSWORD_SET = /without any password configured|no password is set/i;
const WRONG_PASSWORD = /^(WRONGPASS|ERR invalid (username-)?password)/i;

/** PING → PONG, with AUTH first when a password is given; `-NOAUTH` means "needs credentials". */
export const probeRedis: Probe = (options) => runProbe(options, async (context) => {
  const connection = await context.connect('Redis');
  const { username, password } = options.credentials ?? {};
  const commands = [encodeCommand('PING'), encodeCommand('INFO', 'server')];
  if (password) commands.unshift(username ? encodeCommand('AUTH', username, password) : encodeCommand('AUTH', password));
  connection.write(Buffer.concat(commands)); // pipelined: one round trip
  const read = () => connection.read('the Redis reply', (buffer) => parseResp(buffer));
  let note = '';
  if (password) {
    const auth = await read();
    if (auth.type === 'error') {
      if (WRONG_PASSWORD.test(auth.text)) return { status: 'degraded', detail: `wrong credentials: Redis answered -${auth.text}` };
      if (NO_PASSWORD_SET.test(auth.text)) note = ' (a password was given but the server has none)';
      else return { status: 'degraded', detail: `AUTH failed: Redis answered -${auth.text}` };
    }
  }
  const ping = await read();
  if (ping.type === 'error') {
    if (ping.text.startsWith('NOAUTH')) return { status: 'degraded', detail: `needs credentials: Redis answered -${ping.text}` };
    return { status: 'degraded', detail: `Redis answered -${ping.text}` };
  }
  if (ping.type !== 'simple' || ping.text !== 'PONG') {
    return { status: 'unhealthy', detail: `wrong protocol: expected +PONG, got ${JSON.stringify(ping).slice(0, 80)}` };
  }
  // The version is a bonus: a proxy that never answers INFO must not turn a PONG into a timeout.
  const info = await Promise.race([read(), new Promise<undefined>((resolve) => setTimeout(resolve, 300))]);
  const version = info?.type === 'bulk' ? /redis_version:([^\r\n]+)/.exec(info.text ?? '')?.[1] : undefined;
  return { status: 'healthy', detail: `PONG${version ? ` from Redis ${version}` : ''}${note}` };
});
