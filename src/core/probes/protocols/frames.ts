/** Small helpers protocol parsers share: foreign-byte checks and line reading. */
import type { Parsed } from '../connection';
import { foreignReply, sniffProtocol } from '../sniff';

/**
 * Called when the first bytes are not what `expected` sends. Throws once the bytes are
 * recognisably another protocol (or plentiful enough to show); otherwise waits for more.
 */
export function rejectForeign(expected: string, buffer: Buffer): undefined {
  if (buffer.length >= 16 || sniffProtocol(buffer) !== undefined) throw foreignReply(expected, buffer);
  return undefined;
}

/** Reads one CRLF-terminated line (without the CRLF); lines over `max` bytes are foreign. */
export function parseLine(expected: string, buffer: Buffer, max = 64 * 1024): Parsed<string> {
  const end = buffer.indexOf('\r\n');
  if (end < 0) {
    if (buffer.length > max) throw foreignReply(expected, buffer);
    return undefined;
  }
  return { value: buffer.subarray(0, end).toString('utf8'), length: end + 2 };
}
