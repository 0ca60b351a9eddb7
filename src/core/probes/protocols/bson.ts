/**
 * The little BSON a `hello` needs, by hand: encode flat documents of strings and numbers,
 * decode whatever a server sends back. Not a general BSON library.
 */

export type BsonValue =
  | number | bigint | string | boolean | null | Date | Buffer
  | BsonValue[] | { [key: string]: BsonValue };

/** Encodes a flat document: strings, booleans, integers (int32) and other numbers (double). */
export function encodeBson(document: Record<string, string | number | boolean>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(document)) {
    const name = Buffer.from(`${key}\0`, 'utf8');
    if (typeof value === 'string') {
      const text = Buffer.from(`${value}\0`, 'utf8');
      const length = Buffer.alloc(4);
      length.writeInt32LE(text.length);
      parts.push(Buffer.from([0x02]), name, length, text);
    } else if (typeof value === 'boolean') {
      parts.push(Buffer.from([0x08]), name, Buffer.from([value ? 1 : 0]));
    } else if (Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) {
      const number = Buffer.alloc(4);
      number.writeInt32LE(value);
      parts.push(Buffer.from([0x10]), name, number);
    } else {
      const number = Buffer.alloc(8);
      number.writeDoubleLE(value);
      parts.push(Buffer.from([0x01]), name, number);
    }
  }
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(4);
  header.writeInt32LE(4 + body.length + 1);
  return Buffer.concat([header, body, Buffer.from([0])]);
}

export class BsonError extends Error {
  override readonly name = 'BsonError';
}

/** Decodes one document starting at `offset`. Throws BsonError on malformed input. */
export function decodeBson(buffer: Buffer, offset = 0): Record<string, BsonValue> {
  if (buffer.length < offset + 5) throw new BsonError('document truncated');
  const length = buffer.readInt32LE(offset);
  const end = offset + length;
  if (length < 5 || end > buffer.length || buffer[end - 1] !== 0) throw new BsonError('bad document length');
  const result: Record<string, BsonValue> = {};
  let position = offset + 4;
  while (position < end - 1) {
    const type = buffer[position]!;
    const nameEnd = buffer.indexOf(0, position + 1);
    if (nameEnd < 0 || nameEnd >= end) throw new BsonError('unterminated field name');
    const name = buffer.subarray(position + 1, nameEnd).toString('utf8');
    const [value, next] = decodeValue(buffer, type, nameEnd + 1, end);
    result[name] = value;
    position = next;
  }
  return result;
}

function decodeValue(buffer: Buffer, type: number, at: number, end: number): [BsonValue, number] {
  const need = (bytes: number) => {
    if (at + bytes > end) throw new BsonError('value truncated');
  };
  switch (type) {
    case 0x01: need(8); return [buffer.readDoubleLE(at), at + 8];
    case 0x02: case 0x0d: case 0x0e: { // string, JavaScript code, symbol
      need(4);
      const length = buffer.readInt32LE(at);
      need(4 + length);
      return [buffer.subarray(at + 4, at + 4 + length - 1).toString('utf8'), at + 4 + length];
    }
    case 0x03: case 0x04: {
      need(4);
      const document = decodeBson(buffer, at);
      const next = at + buffer.readInt32LE(at);
      return [type === 0x04 ? Object.values(document) : document, next];
    }
    case 0x05: {
      need(5);
      const length = buffer.readInt32LE(at);
      need(5 + length);
      return [Buffer.from(buffer.subarray(at + 5, at + 5 + length)), at + 5 + length];
    }
    case 0x06: case 0x0a: case 0x7f: case 0xff: return [null, at]; // undefined, null, max/min key
    case 0x07: need(12); return [buffer.subarray(at, at + 12).toString('hex'), at + 12];
    case 0x08: need(1); return [buffer[at] !== 0, at + 1];
    case 0x09: need(8); return [new Date(Number(buffer.readBigInt64LE(at))), at + 8];
    case 0x0b: { // regex: two C strings
      const first = buffer.indexOf(0, at);
      const second = buffer.indexOf(0, first + 1);
      if (first < 0 || second < 0 || second >= end) throw new BsonError('regex truncated');
      return [`/${buffer.subarray(at, first).toString('utf8')}/${buffer.subarray(first + 1, second).toString('utf8')}`, second + 1];
    }
    case 0x10: need(4); return [buffer.readInt32LE(at), at + 4];
    case 0x11: need(8); return [buffer.readBigUInt64LE(at), at + 8];
    case 0x12: {
      need(8);
      const value = buffer.readBigInt64LE(at);
      return [value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value, at + 8];
    }
    case 0x13: need(16); return [Buffer.from(buffer.subarray(at, at + 16)), at + 16];
    default:
      throw new BsonError(`unknown BSON type 0x${type.toString(16)}`);
  }
}
