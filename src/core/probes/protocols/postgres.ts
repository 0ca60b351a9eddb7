import type { Parsed } from '../connection';
import { runProbe } from '../runProbe';
import { foreignReply } from '../sniff';
import type { HealthStatus, Probe } from '../types';
import { rejectForeign } from './frames';

const SSL_REQUEST_CODE = 80877103;
const PROTOCOL_3_0 = 196608;

/** SSLRequest: length 8, then the magic code 1234.5679. */
export function sslRequest(): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeInt32BE(8, 0);
  buffer.writeInt32BE(SSL_REQUEST_CODE, 4);
  return buffer;
}

/** StartupMessage v3.0: length, version, then name/value C-strings and a final NUL. */
export function startupMessage(user: string, database: string): Buffer {
  const pairs = ['user', user, 'database', database, 'application_name', 'integration-orchestrator-health'];
  const body = Buffer.from(pairs.map((part) => `${part}\0`).join('') + '\0', 'utf8');
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(PROTOCOL_3_0, 4);
  return Buffer.concat([header, body]);
}

interface BackendMessage {
  type: string;
  body: Buffer;
}

const BACKEND_TYPES = new Set(['R', 'S', 'K', 'N', 'Z', 'E', 'v']);

function parseMessage(buffer: Buffer): Parsed<BackendMessage> {
  if (buffer.length === 0) return undefined;
  const type = String.fromCharCode(buffer[0]!);
  if (!BACKEND_TYPES.has(type)) return rejectForeign('PostgreSQL', buffer);
  if (buffer.length < 5) return undefined;
  const length = buffer.readInt32BE(1);
  if (length < 4 || length > 1024 * 1024) throw foreignReply('PostgreSQL', buffer);
  if (buffer.length < 1 + length) return undefined;
  return { value: { type, body: buffer.subarray(5, 1 + length) }, length: 1 + length };
}

/** The fields of an ErrorResponse / NoticeResponse: one-letter code → text. */
export function parseErrorFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  let position = 0;
  while (position < body.length && body[position] !== 0) {
    const code = String.fromCharCode(body[position]!);
    const end = body.indexOf(0, position + 1);
    if (end < 0) break;
    fields[code] = body.subarray(position + 1, end).toString('utf8');
    position = end + 1;
  }
  return fields;
}

const AUTH_METHODS: Record<number, string> = {
  2: 'Kerberos V5', 3: 'cleartext password', 5: 'MD5 password', 7: 'GSSAPI', 9: 'SSPI', 10: 'SASL',
};

/** SQLSTATE classes that mean the server cannot serve anyone now, not that our target is wrong. */
function errorStatus(sqlState: string | undefined): HealthStatus {
  if (!sqlState) return 'degraded';
  if (sqlState === '57P03' || sqlState.startsWith('53') || sqlState.startsWith('08')) return 'unhealthy';
  return 'degraded';
}

/**
 * SSLRequest (unless disabled), then StartupMessage. An authentication request or
 * ReadyForQuery means a PostgreSQL answered (healthy); an ErrorResponse is shown as Postgres
 * wrote it. The probe never sends a password: a request for one already proves the server.
 */
export const probePostgres: Probe = (options) => runProbe(options, async (context) => {
  const connection = await context.connect('PostgreSQL', true);
  let tlsNote = '';
  if (options.tls || options.sslMode !== 'disable') {
    connection.write(sslRequest());
    const answer = await connection.read('the answer to SSLRequest', (buffer) => {
      if (buffer.length === 0) return undefined;
      const byte = String.fromCharCode(buffer[0]!);
      if (byte === 'S' || byte === 'N') return { value: byte, length: 1 };
      if (byte === 'E') return { value: byte, length: 0 }; // a refusal: read as an ErrorResponse below
      return rejectForeign('PostgreSQL', buffer);
    });
    if (answer === 'S') {
      await connection.startTls(options);
      tlsNote = ', TLS';
    } else if (answer === 'N' && options.tls) {
      return { status: 'unhealthy', detail: 'TLS required, but the PostgreSQL server does not offer it (answered N to SSLRequest)' };
    }
  }
  const user = options.credentials?.username || 'postgres';
  const database = options.credentials?.database || user;
  connection.write(startupMessage(user, database));
  let version = '';
  for (;;) {
    const message = await connection.read('the PostgreSQL startup answer', parseMessage);
    switch (message.type) {
      case 'R': {
        const code = message.body.length >= 4 ? message.body.readInt32BE(0) : -1;
        if (code === 0) continue; // AuthenticationOk (trust): wait for ReadyForQuery or an error
        let method = AUTH_METHODS[code] ?? `method ${code}`;
        if (code === 10) method = message.body.subarray(4).toString('utf8').split('\0').filter(Boolean).join(', ');
        return { status: 'healthy', detail: `PostgreSQL answered: asks ${user} for ${method} authentication${tlsNote}` };
      }
      case 'S': {
        const [name, value] = message.body.toString('utf8').split('\0');
        if (name === 'server_version') version = ` ${value}`;
        continue;
      }
      case 'Z':
        connection.write(Buffer.from([0x58, 0, 0, 0, 4])); // Terminate, politely
        return { status: 'healthy', detail: `PostgreSQL${version} ready for queries (user ${user}, database ${database}${tlsNote})` };
      case 'E': {
        const fields = parseErrorFields(message.body);
        const severity = fields.S ?? fields.V ?? 'ERROR';
        return { status: errorStatus(fields.C), detail: `PostgreSQL: ${severity}${fields.C ? ` ${fields.C}` : ''}: ${fields.M ?? 'error'}` };
      }
      default:
        continue; // BackendKeyData, NoticeResponse, NegotiateProtocolVersion
    }
  }
});
