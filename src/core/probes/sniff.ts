/**
 * Recognises the first bytes of other protocols, so a probe that reaches the wrong server says
 * "wrong protocol: looks like HTTP" instead of a vague parse error (or, worse, "healthy").
 */
import { UnexpectedReplyError, WrongProtocolError } from './errors';

/** The name of the protocol these first bytes look like, or undefined. */
export function sniffProtocol(bytes: Buffer): string | undefined {
  if (bytes.length === 0) return undefined;
  const head = bytes.subarray(0, 16).toString('latin1');
  if (/^HTTP\/\d/.test(head)) return 'HTTP';
  if (head.startsWith('AMQP')) return 'AMQP';
  if (head.startsWith('INFO {')) return 'NATS';
  if (head.startsWith('SSH-')) return 'SSH';
  // TLS record: handshake (0x16) or alert (0x15), version 3.x.
  if ((bytes[0] === 0x16 || bytes[0] === 0x15) && bytes[1] === 0x03) return 'TLS';
  // HTTP/2 server preface: a SETTINGS frame (type 4) on stream 0.
  if (bytes.length >= 9 && bytes[3] === 0x04 && bytes.readUInt32BE(5) === 0) return 'HTTP/2';
  if (/^[245]\d\d[ -]/.test(head)) return 'SMTP';
  if (/^[+-][A-Za-z]/.test(head) && bytes.includes('\r\n')) return 'Redis';
  if (bytes.length >= 5 && bytes[3] === 0 && bytes[4] === 10 && bytes.readUIntLE(0, 3) + 4 >= 5) return 'MySQL';
  if (bytes.length >= 6 && (bytes[0] === 0x45 || bytes[0] === 0x52) && bytes.readUInt32BE(1) < 0x10000
    && (bytes[0] === 0x52 || bytes[5] === 0x53)) return 'PostgreSQL';
  if (bytes.length >= 16 && bytes.readInt32LE(12) === 2013) return 'MongoDB';
  return undefined;
}

/** The error for an answer that is not `expected`: named when recognised, shown as hex when not. */
export function foreignReply(expected: string, bytes: Buffer): WrongProtocolError | UnexpectedReplyError {
  const looksLike = sniffProtocol(bytes);
  return looksLike && looksLike !== expected ? new WrongProtocolError(looksLike) : new UnexpectedReplyError(expected, bytes);
}
