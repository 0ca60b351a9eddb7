import type { Parsed } from '../connection';
import { foreignReply } from '../sniff';
import { runProbe } from '../runProbe';
import type { HealthStatus, Probe } from '../types';

const CLIENT_PROTOCOL_41 = 0x200;
const CLIENT_SSL = 0x800;
const CLIENT_SECURE_CONNECTION = 0x8000;

export type MysqlGreeting =
  | { kind: 'handshake'; protocolVersion: number; serverVersion: string; capabilities: number }
  | { kind: 'error'; code: number; message: string };

/** Parses the server's first packet: the v10 initial handshake or an error packet (0xff). */
export function parseGreeting(buffer: Buffer): Parsed<MysqlGreeting> {
  if (buffer.length < 5) return undefined;
  const length = buffer.readUIntLE(0, 3);
  const marker = buffer[4]!;
  if (buffer[3] !== 0 || (marker !== 10 && marker !== 0xff) || length > 64 * 1024) throw foreignReply('MySQL', buffer);
  if (buffer.length < 4 + length) return undefined;
  const payload = buffer.subarray(4, 4 + length);
  if (marker === 0xff) {
    const code = payload.readUInt16LE(1);
    const text = payload.subarray(3).toString('utf8');
    return { value: { kind: 'error', code, message: text.startsWith('#') ? text.slice(6) : text }, length: 4 + length };
  }
  const versionEnd = payload.indexOf(0, 1);
  if (versionEnd < 0) throw foreignReply('MySQL', buffer);
  const serverVersion = payload.subarray(1, versionEnd).toString('utf8');
  // After the version: connection id (4), auth data part 1 (8), filler (1), capability flags (lower 2 bytes).
  const capabilitiesAt = versionEnd + 1 + 4 + 8 + 1;
  const lower = payload.length >= capabilitiesAt + 2 ? payload.readUInt16LE(capabilitiesAt) : 0;
  const upperAt = capabilitiesAt + 2 + 1 + 2;
  const upper = payload.length >= upperAt + 2 ? payload.readUInt16LE(upperAt) : 0;
  return {
    value: { kind: 'handshake', protocolVersion: marker, serverVersion, capabilities: (upper << 16) | lower },
    length: 4 + length,
  };
}

/** SSLRequest packet: capabilities, max packet size, charset, 23 zero bytes; sequence 1. */
export function sslRequestPacket(): Buffer {
  const packet = Buffer.alloc(4 + 32);
  packet.writeUIntLE(32, 0, 3);
  packet[3] = 1;
  packet.writeUInt32LE(CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION, 4);
  packet.writeUInt32LE(16 * 1024 * 1024, 8);
  packet[12] = 33; // utf8_general_ci
  return packet;
}

/** Error codes that mean "cannot serve anyone now" rather than "this client is not welcome". */
const SERVER_DOWN_ERRORS = new Set([1040, 1053, 1203, 1226]);

function errorStatus(code: number): HealthStatus {
  return SERVER_DOWN_ERRORS.has(code) ? 'unhealthy' : 'degraded';
}

/** Reads the initial handshake packet (the server speaks first) and reports its version. */
export const probeMysql: Probe = (options) => runProbe(options, async (context) => {
  const connection = await context.connect('MySQL', true);
  const greeting = await connection.read('the MySQL greeting, which the server sends first', parseGreeting);
  if (greeting.kind === 'error') {
    return { status: errorStatus(greeting.code), detail: `MySQL error ${greeting.code}: ${greeting.message}` };
  }
  // MariaDB prefixes "5.5.5-" so that old clients accept it; the real version follows.
  const version = greeting.serverVersion.replace(/^5\.5\.5-/, '');
  const product = /mariadb/i.test(version) ? 'MariaDB' : 'MySQL';
  let tlsNote = '';
  if (options.tls) {
    if (!(greeting.capabilities & CLIENT_SSL)) {
      return { status: 'unhealthy', detail: `TLS required, but ${product} ${version} does not offer it` };
    }
    connection.write(sslRequestPacket());
    await connection.startTls(options);
    tlsNote = ', TLS';
  }
  return { status: 'healthy', detail: `${product} ${version} answered (protocol ${greeting.protocolVersion}${tlsNote})` };
});
