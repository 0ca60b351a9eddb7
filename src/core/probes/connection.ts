import net from 'node:net';
import tls from 'node:tls';
import type { Deadline } from './deadline';
import { ConnectionClosedError, ProbeTimeoutError, WrongProtocolError } from './errors';
import { sniffProtocol } from './sniff';
import type { ProbeOptions } from './types';

/** A parser's verdict: the value and how many bytes it used, or undefined for "need more bytes". */
export type Parsed<T> = { value: T; length: number } | undefined;

/**
 * A socket that protocol probes read frames from. It owns the timeouts: the socket's idle
 * timeout and the probe's overall deadline both destroy it, and any pending read then fails.
 */
export class ProbeConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private received = 0;
  private ready = false;
  private closed = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  private constructor(
    private socket: net.Socket,
    private readonly deadline: Deadline,
    private readonly protocol: string,
  ) {
    this.attach(socket);
    deadline.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Starts connecting (with verified TLS when `options.tls`); await `connected()` before writing. */
  static start(options: ProbeOptions, deadline: Deadline, protocol: string): ProbeConnection {
    deadline.phase = `connecting to ${options.host}:${options.port}`;
    const socket = options.tls
      ? tls.connect({ ...tlsOptions(options), host: options.host, port: options.port })
      : net.connect({ host: options.host, port: options.port });
    return new ProbeConnection(socket, deadline, protocol);
  }

  /** Resolves once connected (and the TLS handshake verified); fails with the socket's own error. */
  async connected(): Promise<this> {
    await this.until(() => this.ready);
    return this;
  }

  /** Bytes received so far, across reads. */
  get bytesReceived(): number {
    return this.received;
  }

  write(data: Buffer | string): void {
    this.socket.write(data);
  }

  /**
   * Waits until `parse` recognises a complete frame at the start of the buffered bytes.
   * `parse` may throw (WrongProtocolError…) as soon as the first bytes are foreign.
   */
  async read<T>(what: string, parse: (buffer: Buffer) => Parsed<T>): Promise<T> {
    this.deadline.phase = `waiting for ${what}`;
    let parsed: Parsed<T>;
    try {
      await this.until(() => (parsed = parse(this.buffer)) !== undefined, true);
    } catch (error) {
      // A short foreign answer followed by a close (an HTTP 400) is still a wrong protocol.
      const looksLike = error instanceof ConnectionClosedError ? sniffProtocol(this.buffer) : undefined;
      if (looksLike && looksLike !== this.protocol) throw new WrongProtocolError(looksLike);
      throw error;
    }
    const { value, length } = parsed!;
    this.buffer = this.buffer.subarray(length);
    return value;
  }

  /** Upgrades this plain connection to verified TLS in place (Postgres, MySQL, NATS negotiate it). */
  async startTls(options: ProbeOptions): Promise<void> {
    this.deadline.phase = 'TLS handshake';
    const plain = this.socket;
    this.detach(plain);
    plain.on('error', () => undefined); // its errors surface on the TLS socket; never let one go unhandled
    this.ready = false;
    const secure = tls.connect({ ...tlsOptions(options), socket: plain });
    this.socket = secure;
    this.attach(secure);
    await this.until(() => this.ready);
  }

  destroy(): void {
    this.deadline.signal.removeEventListener('abort', this.onAbort);
    this.socket.destroy();
  }

  private async until(condition: () => boolean, closeIsFailure = false): Promise<void> {
    for (;;) {
      // Bytes already received win over a later socket error (a server that answers, then closes).
      if (condition()) return;
      if (this.failure) throw this.failure;
      if (this.closed) throw new ConnectionClosedError(this.protocol, this.received);
      if (closeIsFailure && this.socket.readableEnded) throw new ConnectionClosedError(this.protocol, this.received);
      await new Promise<void>((resolve) => { this.wake = resolve; });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private readonly onAbort = (): void => {
    this.failure ??= this.deadline.signal.reason as Error;
    this.socket.destroy();
    this.notify();
  };

  private readonly onReady = (): void => { this.ready = true; this.notify(); };
  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.notify();
  };
  private readonly onError = (error: Error): void => { this.failure ??= error; this.notify(); };
  private readonly onEnd = (): void => this.notify();
  private readonly onClose = (): void => { this.closed = true; this.notify(); };
  private readonly onTimeout = (): void => {
    this.failure ??= new ProbeTimeoutError(this.deadline.timeoutMs, this.deadline.phase);
    this.socket.destroy();
    this.notify();
  };

  private attach(socket: net.Socket): void {
    socket.setNoDelay(true);
    socket.setTimeout(this.deadline.timeoutMs);
    socket.on(socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', this.onReady);
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('end', this.onEnd);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
  }

  private detach(socket: net.Socket): void {
    socket.setTimeout(0);
    socket.off('connect', this.onReady);
    socket.off('secureConnect', this.onReady);
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('end', this.onEnd);
    socket.off('close', this.onClose);
    socket.off('timeout', this.onTimeout);
  }
}

/** TLS settings every probe uses: verification always on, SNI only for names (not IPs). */
export function tlsOptions(options: ProbeOptions): tls.ConnectionOptions {
  const servername = options.servername ?? (net.isIP(options.host) ? undefined : options.host);
  return {
    rejectUnauthorized: true,
    ...(servername ? { servername } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
  };
}
