import { ProbeConnection } from './connection';
import { Deadline } from './deadline';
import { ProbeAbortedError } from './errors';
import { describeFailure } from './failure';
import { scrubSecrets } from './redact';
import { maskSecrets } from '../secrets/maskSecrets';
import type { ProbeOptions, ProbeOutcome, ProbeResult } from './types';

/** What a protocol body gets: its options, the deadline, and connections that are cleaned up for it. */
export interface ProbeContext {
  readonly options: ProbeOptions;
  readonly deadline: Deadline;
  /** Time the probe started (performance.now()), for latency of a sub-step. */
  readonly started: number;
  /**
   * Opens a connection that is destroyed when the probe ends, whatever happens. `negotiateTls`:
   * connect in plain text even when `options.tls` (the protocol upgrades in-band, e.g. Postgres).
   */
  connect(protocol: string, negotiateTls?: boolean): Promise<ProbeConnection>;
  /** Registers a cleanup (an HTTP request, an HTTP/2 session) run when the probe ends. */
  onCleanup(cleanup: () => void): void;
}

/**
 * Runs one protocol body under the probe's contract: never throws, never outlives its
 * deadline (the body is raced against it), always destroys its sockets, and never returns a
 * password in its detail.
 */
export async function runProbe(options: ProbeOptions, body: (context: ProbeContext) => Promise<ProbeOutcome>): Promise<ProbeResult> {
  const checkedAt = new Date().toISOString();
  const started = performance.now();
  const cleanups: Array<() => void> = [];
  const deadline = new Deadline(options.timeoutMs, options.signal);
  const context: ProbeContext = {
    options,
    deadline,
    started,
    connect: async (protocol, negotiateTls = false) => {
      const connection = ProbeConnection.start(negotiateTls ? { ...options, tls: false } : options, deadline, protocol);
      cleanups.push(() => connection.destroy());
      return connection.connected();
    },
    onCleanup: (cleanup) => { cleanups.push(cleanup); },
  };
  let outcome: ProbeOutcome;
  try {
    if (options.signal?.aborted) throw new ProbeAbortedError();
    outcome = await Promise.race([body(context), deadline.expired]);
  } catch (error) {
    // A socket error caused by the deadline destroying the socket is reported as the deadline.
    outcome = describeFailure(deadline.signal.aborted ? deadline.signal.reason : error, options);
  }
  const latencyMs = Math.round(performance.now() - started);
  for (const cleanup of cleanups) {
    try { cleanup(); } catch { /* cleanup must not mask the result */ }
  }
  deadline.dispose();
  const detail = scrubSecrets(maskSecrets(outcome.detail), [options.credentials?.password]);
  return { status: outcome.status, latencyMs, detail, checkedAt };
}
