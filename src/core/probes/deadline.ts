import { ProbeAbortedError, ProbeTimeoutError } from './errors';

/**
 * One probe's time budget and cancellation in a single AbortSignal: it aborts with a
 * ProbeTimeoutError when the budget is spent and with a ProbeAbortedError when the caller
 * aborts, so the two stay distinguishable (timed out ≠ cancelled).
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly unlinkCaller: () => void;
  /** What the probe is doing, for the timeout message ("waiting for the Redis reply"). */
  phase = 'connecting';
  /** Rejects when the deadline passes or the caller aborts; race the probe body against it. */
  readonly expired: Promise<never>;

  constructor(readonly timeoutMs: number, callerSignal?: AbortSignal) {
    this.expired = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(this.controller.signal.reason), { once: true });
    });
    this.expired.catch(() => undefined); // handled by whoever races it; never an unhandled rejection
    this.timer = setTimeout(() => this.controller.abort(new ProbeTimeoutError(timeoutMs, this.phase)), timeoutMs);
    const onCallerAbort = () => this.controller.abort(new ProbeAbortedError());
    if (callerSignal?.aborted) onCallerAbort();
    else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    this.unlinkCaller = () => callerSignal?.removeEventListener('abort', onCallerAbort);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Milliseconds left, at least 1 (Node treats 0 as "no timeout"). */
  remainingMs(started: number): number {
    return Math.max(1, this.timeoutMs - (performance.now() - started));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unlinkCaller();
  }
}
