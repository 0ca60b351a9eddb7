/**
 * Typed failures of a probe. `describeFailure` turns any of them (or a Node socket error)
 * into the status and detail a person reads; nothing matches on message text.
 */

export class ProbeError extends Error {
  override readonly name: string = 'ProbeError';
}

/** The overall deadline or the socket's idle timeout passed. */
export class ProbeTimeoutError extends ProbeError {
  override readonly name = 'ProbeTimeoutError';
  constructor(readonly timeoutMs: number, readonly phase: string) {
    super(`no answer within ${timeoutMs} ms (${phase})`);
  }
}

/** The caller aborted: a different thing from a timeout, reported as `unknown`. */
export class ProbeAbortedError extends ProbeError {
  override readonly name = 'ProbeAbortedError';
  constructor() {
    super('cancelled');
  }
}

/** Something answered, but in another protocol's words. */
export class WrongProtocolError extends ProbeError {
  override readonly name = 'WrongProtocolError';
  constructor(readonly looksLike: string, message = `wrong protocol: looks like ${looksLike}`) {
    super(message);
  }
}

/** Something answered with bytes that are neither the expected protocol nor one we recognise. */
export class UnexpectedReplyError extends ProbeError {
  override readonly name = 'UnexpectedReplyError';
  constructor(readonly expected: string, readonly sample: Buffer) {
    super(`wrong protocol: not a ${expected} reply (starts with ${hexSample(sample)})`);
  }
}

/** The server closed the connection before the handshake finished. */
export class ConnectionClosedError extends ProbeError {
  override readonly name = 'ConnectionClosedError';
  constructor(readonly protocol: string, readonly receivedBytes: number) {
    super(receivedBytes === 0
      ? `connection closed by the server before any ${protocol} answer`
      : `connection closed by the server mid-handshake (after ${receivedBytes} bytes of the ${protocol} answer)`);
  }
}

export function hexSample(bytes: Buffer, max = 8): string {
  const hex = [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${hex} …` : hex || '(nothing)';
}
