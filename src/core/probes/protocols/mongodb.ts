import type { Parsed } from '../connection';
import { runProbe } from '../runProbe';
import { foreignReply } from '../sniff';
import type { Probe } from '../types';
import { BsonError, decodeBson, encodeBson, type BsonValue } from './bson';

const OP_MSG = 2013;
/** One request per connection: a constant id keeps the request byte-exact and matches the reply. */
export const MONGO_REQUEST_ID = 0x494f0001;

/** OP_MSG: header (length, requestID, responseTo 0, opCode 2013), flagBits 0, section kind 0 + {hello: 1, $db: "admin"}. */
export function helloRequest(): Buffer {
  const body = encodeBson({ hello: 1, $db: 'admin' });
  const header = Buffer.alloc(16 + 4 + 1);
  header.writeInt32LE(header.length + body.length, 0);
  header.writeInt32LE(MONGO_REQUEST_ID, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16);
  header[20] = 0; // section kind 0: the command body
  return Buffer.concat([header, body]);
}

/** Parses an OP_MSG reply to our request and returns its body document. */
export function parseOpMsgReply(buffer: Buffer): Parsed<Record<string, BsonValue>> {
  if (buffer.length < 16) return undefined;
  const length = buffer.readInt32LE(0);
  const opCode = buffer.readInt32LE(12);
  if (length < 21 || length > 48_000_000 || opCode !== OP_MSG || buffer.readInt32LE(8) !== MONGO_REQUEST_ID) {
    throw foreignReply('MongoDB', buffer);
  }
  if (buffer.length < length) return undefined;
  if (buffer[20] !== 0) throw foreignReply('MongoDB', buffer);
  try {
    return { value: decodeBson(buffer.subarray(21, length)), length };
  } catch (error) {
    if (error instanceof BsonError) throw foreignReply('MongoDB', buffer);
    throw error;
  }
}

/** Wire version → the server release that introduced it (only the ones we are sure of). */
const RELEASES: Record<number, string> = { 6: '3.6', 7: '4.0', 8: '4.2', 9: '4.4', 13: '5.0', 17: '6.0', 21: '7.0', 25: '8.0' };

/** Runs `hello` over OP_MSG (MongoDB 3.6+), which needs no authentication. */
export const probeMongodb: Probe = (options) => runProbe(options, async (context) => {
  const connection = await context.connect('MongoDB');
  connection.write(helloRequest());
  const reply = await connection.read('the MongoDB hello reply', parseOpMsgReply);
  if (reply.ok !== 1) {
    const code = typeof reply.code === 'number' ? ` (code ${reply.code})` : '';
    return { status: 'degraded', detail: `MongoDB answered hello with an error: ${String(reply.errmsg ?? 'unknown error')}${code}` };
  }
  const role = reply.msg === 'isdbgrid' ? 'mongos router'
    : typeof reply.setName === 'string' ? `replica set ${reply.setName} ${reply.isWritablePrimary ? 'primary' : reply.secondary ? 'secondary' : 'member'}`
      : reply.isWritablePrimary ? 'standalone, writable' : 'not writable';
  const wire = typeof reply.maxWireVersion === 'number' ? reply.maxWireVersion : undefined;
  const release = wire !== undefined && RELEASES[wire] ? ` (MongoDB ${RELEASES[wire]})` : '';
  return { status: 'healthy', detail: `MongoDB answered hello: ${role}${wire !== undefined ? `, wire version ${wire}${release}` : ''}` };
});
