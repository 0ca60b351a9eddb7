/** TypeScript workflows: an in-process saga engine, and the same example on Temporal. */
import { camelCase, pascalCase } from '../../naming';
import { formatDuration } from '../../duration';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export const WORKFLOW_DOC = `Each step may have a condition (skipped when false), an error policy (fail: stop and
 * compensate; skip: record the failure and go on; retry: retry with the policy's backoff, then fail)
 * and a compensation. When the workflow fails, the compensations of the steps that completed run in
 * reverse order (a saga); a compensation that throws is recorded and the others still run.`;

export function tsWorkflowEngine(options: ResolvedOptions): string {
  return `/**
 * A small in-process workflow engine for "${options.name}". ${provenance(options, 'workflow')}
 * ${WORKFLOW_DOC}
 * Retry and step timeout: ${describePolicy(options.resilience)}.
 * State lives in memory: a crash loses a running workflow. Move to the Temporal variant when a
 * workflow must survive restarts.
 */
import { backoffDelay, logEvent, POLICY, sleep, TimeoutError, type Policy } from './resilience';

export type ErrorPolicy = 'fail' | 'skip' | 'retry';

export interface Step<C> {
  name: string;
  /** Runs the step only when this returns true (default: always). */
  when?: (context: Readonly<C>) => boolean;
  /** Does the work; may return fields to merge into the context. Must honour \`signal\`. */
  run: (context: Readonly<C>, signal: AbortSignal) => Promise<Partial<C> | void>;
  /** Undoes the step's effect if a later step fails. */
  compensate?: (context: Readonly<C>) => Promise<void>;
  onError?: ErrorPolicy;
}

export type StepStatus = 'completed' | 'skipped' | 'failed-skipped' | 'failed' | 'compensated' | 'compensation-failed';

export interface StepRecord {
  name: string;
  status: StepStatus;
  attempts: number;
  error?: string;
}

export interface WorkflowResult<C> {
  status: 'completed' | 'compensated' | 'compensation-failed';
  context: C;
  steps: StepRecord[];
  error?: unknown;
}

async function attempt<C>(step: Step<C>, context: C, policy: Policy, signal?: AbortSignal): Promise<Partial<C> | void> {
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const aborted = new Promise<never>((_, reject) => {
    combined.addEventListener('abort', () => reject(timeout.aborted ? new TimeoutError('step ' + step.name + ' timed out') : combined.reason), { once: true });
  });
  return Promise.race([step.run(context, combined), aborted]);
}

/** Runs \`steps\` in order on a copy of \`initial\`. Never throws for a step failure: read \`status\`. */
export async function runWorkflow<C extends object>(steps: Step<C>[], initial: C, options: { policy?: Policy; signal?: AbortSignal } = {}): Promise<WorkflowResult<C>> {
  const policy = options.policy ?? POLICY;
  let context = { ...initial };
  const records: StepRecord[] = [];
  const done: Step<C>[] = [];
  for (const step of steps) {
    if (step.when && !step.when(context)) {
      records.push({ name: step.name, status: 'skipped', attempts: 0 });
      continue;
    }
    const onError = step.onError ?? 'fail';
    const maxAttempts = onError === 'retry' ? policy.maxRetries + 1 : 1;
    let failure: unknown;
    let attempts = 0;
    let succeeded = false;
    while (attempts < maxAttempts) {
      attempts += 1;
      try {
        const update = await attempt(step, context, policy, options.signal);
        if (update) context = { ...context, ...update };
        succeeded = true;
        break;
      } catch (error) {
        failure = error;
        logEvent('step.failed', { step: step.name, attempt: attempts, error: error instanceof Error ? error.message : String(error) });
        if (options.signal?.aborted) break;
        if (attempts < maxAttempts) await sleep(backoffDelay(attempts - 1, policy), options.signal).catch(() => undefined);
      }
    }
    if (succeeded) {
      records.push({ name: step.name, status: 'completed', attempts });
      done.push(step);
      continue;
    }
    const message = failure instanceof Error ? failure.message : String(failure);
    if (onError === 'skip' && !options.signal?.aborted) {
      records.push({ name: step.name, status: 'failed-skipped', attempts, error: message });
      continue;
    }
    records.push({ name: step.name, status: 'failed', attempts, error: message });
    return compensate(done, context, records, failure);
  }
  return { status: 'completed', context, steps: records };
}

async function compensate<C>(done: Step<C>[], context: C, records: StepRecord[], error: unknown): Promise<WorkflowResult<C>> {
  let clean = true;
  for (const step of [...done].reverse()) {
    if (!step.compensate) continue;
    const record = records.find((r) => r.name === step.name && r.status === 'completed');
    try {
      await step.compensate(context);
      if (record) record.status = 'compensated';
    } catch (compensationError) {
      clean = false;
      if (record) {
        record.status = 'compensation-failed';
        record.error = compensationError instanceof Error ? compensationError.message : String(compensationError);
      }
      logEvent('step.compensation_failed', { step: step.name });
    }
  }
  return { status: clean ? 'compensated' : 'compensation-failed', context, steps: records, error };
}
`;
}

/** The example definition shared in spirit by every language: an order, paid and shipped, or undone. */
export function tsWorkflowDefinition(options: ResolvedOptions): string {
  const fn = camelCase(options.name);
  const type = pascalCase(options.name);
  return `/**
 * The "${options.name}" workflow: an example to adapt. ${provenance(options, 'workflow')}
 * Replace the step bodies with calls to your services (e.g. the generated REST clients).
 */
import { runWorkflow as runSteps, type Step, type WorkflowResult } from './engine';

export interface ${type}Context {
  orderId: string;
  amountCents: number;
  requiresShipping: boolean;
  reservationId?: string;
  paymentId?: string;
  shipmentId?: string;
}

export const ${fn}Steps: Step<${type}Context>[] = [
  {
    name: 'reserve-inventory',
    run: async (ctx) => ({ reservationId: 'res-' + ctx.orderId }),
    compensate: async (ctx) => { console.log('release reservation', ctx.reservationId); },
  },
  {
    name: 'charge-payment',
    onError: 'retry',
    when: (ctx) => ctx.amountCents > 0,
    run: async (ctx) => ({ paymentId: 'pay-' + ctx.orderId }),
    compensate: async (ctx) => { console.log('refund payment', ctx.paymentId); },
  },
  {
    name: 'create-shipment',
    when: (ctx) => ctx.requiresShipping,
    run: async (ctx) => ({ shipmentId: 'ship-' + ctx.orderId }),
  },
  {
    name: 'send-confirmation',
    onError: 'skip', // an e-mail that fails must not undo a paid order
    run: async () => undefined,
  },
];

export function run${type}(input: ${type}Context, signal?: AbortSignal): Promise<WorkflowResult<${type}Context>> {
  return runSteps(${fn}Steps, input, { signal });
}
`;
}

export function tsTemporalWorkflow(options: ResolvedOptions): string {
  const p = options.resilience.policy;
  const type = pascalCase(options.name);
  return `/**
 * The "${options.name}" workflow on Temporal. ${provenance(options, 'workflow')}
 * ${WORKFLOW_DOC}
 * On Temporal, "retry" is the activity retry policy (Temporal counts attempts: ${p.maxRetries} retries =
 * maximumAttempts ${p.maxRetries + 1}), "fail" uses a single attempt, and the workflow's progress survives
 * worker restarts. Register this file with a Worker (workflowsPath) and the activities beside it;
 * the worker polls the task queue named by ${options.env['taskQueue'] ?? 'your task queue env var'}.
 * Workflow code must stay deterministic: no I/O, clocks or randomness here, only in activities.
 */
import { ActivityFailure, log, proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities';

const timeouts = { startToCloseTimeout: '${formatDuration(p.timeoutMs)}' } as const;

/** Steps whose error policy is "retry". */
const retried = proxyActivities<typeof activities>({
  ...timeouts,
  retry: { maximumAttempts: ${p.maxRetries + 1}, initialInterval: '${formatDuration(p.baseDelayMs)}', maximumInterval: '${formatDuration(p.maxDelayMs)}', backoffCoefficient: 2 },
});

/** Steps whose error policy is "fail" or "skip", and compensations' single try per call. */
const once = proxyActivities<typeof activities>({ ...timeouts, retry: { maximumAttempts: 1 } });

export interface ${type}Input {
  orderId: string;
  amountCents: number;
  requiresShipping: boolean;
}

export interface ${type}Output {
  status: 'completed' | 'compensated';
  skipped: string[];
}

export async function ${camelCase(options.name)}Workflow(input: ${type}Input): Promise<${type}Output> {
  const compensations: { name: string; undo: () => Promise<void> }[] = [];
  const skipped: string[] = [];
  try {
    const reservationId = await once.reserveInventory(input.orderId);
    compensations.push({ name: 'release-inventory', undo: () => retried.releaseInventory(reservationId) });

    if (input.amountCents > 0) {
      const paymentId = await retried.chargePayment(input.orderId, input.amountCents);
      compensations.push({ name: 'refund-payment', undo: () => retried.refundPayment(paymentId) });
    } else {
      skipped.push('charge-payment');
    }

    if (input.requiresShipping) await once.createShipment(input.orderId);
    else skipped.push('create-shipment');

    try {
      await once.sendConfirmation(input.orderId);
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      skipped.push('send-confirmation'); // error policy "skip"
      log.warn('confirmation failed; continuing', { orderId: input.orderId });
    }
    return { status: 'completed', skipped };
  } catch (error) {
    // Saga: undo what completed, newest first; a failing compensation is logged, the rest still run.
    for (const { name, undo } of compensations.reverse()) {
      try {
        await undo();
      } catch (compensationError) {
        log.error('compensation failed', { step: name, error: String(compensationError) });
      }
    }
    if (error instanceof ActivityFailure) return { status: 'compensated', skipped };
    throw error;
  }
}
`;
}

export function tsTemporalActivities(options: ResolvedOptions): string {
  return `/**
 * Activities of the "${options.name}" Temporal workflow: the only place for I/O. ${provenance(options, 'workflow')}
 * Replace the bodies with calls to your services; make each one idempotent (Temporal may retry
 * an activity whose result was lost), e.g. by passing orderId as an idempotency key.
 */

export async function reserveInventory(orderId: string): Promise<string> {
  return 'res-' + orderId;
}

export async function releaseInventory(reservationId: string): Promise<void> {
  console.log('release reservation', reservationId);
}

export async function chargePayment(orderId: string, amountCents: number): Promise<string> {
  if (amountCents <= 0) throw new Error('nothing to charge');
  return 'pay-' + orderId;
}

export async function refundPayment(paymentId: string): Promise<void> {
  console.log('refund payment', paymentId);
}

export async function createShipment(orderId: string): Promise<string> {
  return 'ship-' + orderId;
}

export async function sendConfirmation(orderId: string): Promise<void> {
  console.log('confirmation sent for', orderId);
}
`;
}
