/** TypeScript monitoring wrapper over the OpenTelemetry API. */
import { snakeCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { provenance } from '../common';

export function tsMonitoring(options: ResolvedOptions): string {
  const metric = snakeCase(options.name);
  return `/**
 * Metrics, traces and structured logs for "${options.name}" through the OpenTelemetry API.
 * ${provenance(options, 'monitoring')}
 * Only the API is used: without an SDK registered (NodeSDK, or your platform's) every call is a
 * cheap no-op, so libraries can call this unconditionally and the application decides where the
 * data goes. Metrics: ${metric}.calls (counter, by operation and outcome), ${metric}.duration
 * (histogram, ms). Each call is one span and one JSON log line carrying the trace and span ids.
 *
 *   const user = await monitored('get-user', () => client.get('/users/42'), { 'user.id': '42' });
 */
import { metrics, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

const SCOPE = '${options.name}';
const tracer = trace.getTracer(SCOPE);
const meter = metrics.getMeter(SCOPE);
const calls = meter.createCounter('${metric}.calls', { description: 'Calls to ${options.name}, by operation and outcome' });
const duration = meter.createHistogram('${metric}.duration', { description: 'Duration of calls to ${options.name}', unit: 'ms' });

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One JSON object per line: easy to ship, easy to query. Correlates with the active span. */
export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const context = trace.getActiveSpan()?.spanContext();
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    scope: SCOPE,
    message,
    ...(context ? { trace_id: context.traceId, span_id: context.spanId } : {}),
    ...fields,
  });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/** Runs \`operation\` inside a span, counting it and timing it; rethrows its error after recording it. */
export async function monitored<T>(name: string, operation: (span: Span) => Promise<T>, attributes: Attributes = {}): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    const started = performance.now();
    let outcome = 'ok';
    try {
      const result = await operation(span);
      span.setStatus({ code: SpanStatusCode.OK });
      return result;
    } catch (error) {
      outcome = 'error';
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      const ms = performance.now() - started;
      calls.add(1, { ...attributes, operation: name, outcome });
      duration.record(ms, { ...attributes, operation: name, outcome });
      log(outcome === 'ok' ? 'info' : 'error', name, { outcome, duration_ms: Math.round(ms) });
      span.end();
    }
  });
}
`;
}
