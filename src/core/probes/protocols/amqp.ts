import type { Parsed } from '../connection';
import { foreignReply } from '../sniff';
import { runProbe } from '../runProbe';
import type { Probe } from '../types';
import { rejectForeign } from './frames';

export const AMQP_0_9_1_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1]); // "AMQP" 0 0 9 1

export type AmqpAnswer =
  | { kind: 'start'; versionMajor: number; versionMinor: number; properties: Record<string, unknown> }
  | { kind: 'version'; version: string };

/** Parses Connection.Start (a method frame on channel 0) or the header a server sends back to refuse our version. */
export function parseAmqpAnswer(buffer: Buffer): Parsed<AmqpAnswer> {
  if (buffer.length === 0) return undefined;
  if (buffer[0] === 0x41) { // "A": the server answered with its own protocol header
    if (buffer.length < 8) return undefined;
    if (buffer.subarray(0, 4).toString('latin1') !== 'AMQP') throw foreignReply('AMQP', buffer);
    return { value: { kind: 'version', version: [...buffer.subarray(5, 8)].join('.') }, length: 8 };
  }
  if (buffer[0] !== 1) return rejectForeign('AMQP', buffer);
  if (buffer.length < 7) return undefined;
  const channel = buffer.readUInt16BE(1);
  const size = buffer.readUInt32BE(3);
  if (channel !== 0 || size > 1024 * 1024) throw foreignReply('AMQP', buffer);
  if (buffer.length < 8 + size) return undefined;
  if (buffer[7 + size] !== 0xce) throw foreignReply('AMQP', buffer);
  const payload = buffer.subarray(7, 7 + size);
  const classId = payload.readUInt16BE(0);
  const methodId = payload.readUInt16BE(2);
  if (classId !== 10 || methodId !== 10) throw foreignReply('AMQP', buffer);
  const tableLength = payload.readUInt32BE(6);
  const properties = parseFieldTable(payload.subarray(10, 10 + tableLength));
  return { value: { kind: 'start', versionMajor: payload[4]!, versionMinor: payload[5]!, properties }, length: 8 + size };
}

/** Decodes an AMQP 0-9-1 field table (RabbitMQ's type letters). Nested tables become objects. */
export function parseFieldTable(table: Buffer): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  let position = 0;
  while (position < table.length) {
    const keyLength = table[position]!;
    const key = table.subarray(position + 1, position + 1 + keyLength).toString('utf8');
    position += 1 + keyLength;
    const [value, next] = parseFieldValue(table, position);
    result[key] = value;
    position = next;
  }
  return result;
}

function parseFieldValue(buffer: Buffer, position: number): [unknown, number] {
  const type = String.fromCharCode(buffer[position]!);
  const at = position + 1;
  switch (type) {
    case 't': return [buffer[at] !== 0, at + 1];
    case 'b': return [buffer.readInt8(at), at + 1];
    case 'B': return [buffer.readUInt8(at), at + 1];
    case 's': return [buffer.readInt16BE(at), at + 2];
    case 'u': return [buffer.readUInt16BE(at), at + 2];
    case 'I': return [buffer.readInt32BE(at), at + 4];
    case 'i': return [buffer.readUInt32BE(at), at + 4];
    case 'l': return [buffer.readBigInt64BE(at), at + 8];
    case 'L': case 'T': return [buffer.readBigUInt64BE(at), at + 8];
    case 'f': return [buffer.readFloatBE(at), at + 4];
    case 'd': return [buffer.readDoubleBE(at), at + 8];
    case 'D': return [buffer.readUInt32BE(at + 1) / 10 ** buffer[at]!, at + 5];
    case 'V': return [null, at];
    case 'S': case 'x': {
      const length = buffer.readUInt32BE(at);
      const bytes = buffer.subarray(at + 4, at + 4 + length);
      return [type === 'S' ? bytes.toString('utf8') : bytes, at + 4 + length];
    }
    case 'F': {
      const length = buffer.readUInt32BE(at);
      return [parseFieldTable(buffer.subarray(at + 4, at + 4 + length)), at + 4 + length];
    }
    case 'A': {
      const length = buffer.readUInt32BE(at);
      const items: unknown[] = [];
      let inner = at + 4;
      while (inner < at + 4 + length) {
        const [item, next] = parseFieldValue(buffer, inner);
        items.push(item);
        inner = next;
      }
      return [items, at + 4 + length];
    }
    default:
      throw new RangeError(`unknown AMQP field type '${type}'`);
  }
}

/** Sends the AMQP 0-9-1 protocol header and reads Connection.Start: product and version. */
export const probeAmqp: Probe = (options) => runProbe(options, async (context) => {
  const connection = await context.connect('AMQP');
  connection.write(AMQP_0_9_1_HEADER);
  const answer = await connection.read('AMQP Connection.Start', parseAmqpAnswer);
  if (answer.kind === 'version') {
    return { status: 'unhealthy', detail: `wrong protocol: the server speaks AMQP ${answer.version}, not 0-9-1` };
  }
  const { product, version, platform } = answer.properties;
  const name = typeof product === 'string' ? product : 'AMQP broker';
  const parts = [`AMQP ${answer.versionMajor}-${answer.versionMinor}-1`];
  if (typeof platform === 'string') parts.push(platform);
  return { status: 'healthy', detail: `${name}${typeof version === 'string' ? ` ${version}` : ''} (${parts.join(', ')})` };
});
