/** The Java resilience class copied into each integration package (JDK only, Java 17+). */
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function javaResilience(options: ResolvedOptions): string {
  const p = options.resilience.policy;
  const breaker = p.circuitBreaker
    ? `new BreakerPolicy(${p.circuitBreaker.failureThreshold}, Duration.ofMillis(${p.circuitBreaker.halfOpenAfterMs}))`
    : 'null';
  const logBody = options.monitoring
    ? `        StringBuilder line = new StringBuilder("{\\"time\\":").append(quote(Instant.now().toString()))
            .append(",\\"integration\\":").append(quote(${JSON.stringify(options.name)}))
            .append(",\\"event\\":").append(quote(event));
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            Object value = field.getValue();
            line.append(',').append(quote(field.getKey())).append(':')
                .append(value instanceof Number || value instanceof Boolean ? String.valueOf(value) : quote(String.valueOf(value)));
        }
        System.err.println(line.append('}'));`
    : '        // Monitoring is off for this integration: events are dropped. Route them to your logger to see them.';
  return `package ${options.layout.module};

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Resilience primitives for "${options.name}". ${provenance(options, 'resilience')}
 * ${describePolicy(options.resilience)}.
 *
 * <p>Semantics: maxRetries counts retries, not attempts (3 means at most 4 calls). Delays follow
 * exponential backoff with decorrelated jitter (Polly's DecorrelatedJitterBackoffV2), capped at
 * maxDelay. Timeouts are set on each call (HttpRequest.timeout, connection timeouts), which throw
 * their own timeout exceptions; an interrupted thread stops retrying at once.
 */
public final class Resilience {
    private Resilience() {}

    public record BreakerPolicy(int failureThreshold, Duration halfOpenAfter) {}

    public record Policy(Duration timeout, int maxRetries, Duration baseDelay, Duration maxDelay, BreakerPolicy breaker) {}

    public static final Policy POLICY = new Policy(
        Duration.ofMillis(${p.timeoutMs}), ${p.maxRetries}, Duration.ofMillis(${p.baseDelayMs}), Duration.ofMillis(${p.maxDelayMs}),
        ${breaker});

    /** The circuit is open: the call was rejected without being attempted. */
    public static final class BrokenCircuitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BrokenCircuitException() {
            super("circuit open: failing fast without calling");
        }
    }

    /** One attempt of an operation; may throw anything, classified by the predicates. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws Exception;
    }

    /** A delay a failure asks for (e.g. Retry-After) in ms; -1 = use the backoff; GIVE_UP = stop. */
    @FunctionalInterface
    public interface DelayFor {
        long delayMillis(Exception error);
    }

    public static final long GIVE_UP = Long.MIN_VALUE;

    static void logEvent(String event, Map<String, ?> fields) {
${logBody}
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\\\\"");
                case '\\\\' -> out.append("\\\\\\\\");
                case '\\n' -> out.append("\\\\n");
                case '\\r' -> out.append("\\\\r");
                case '\\t' -> out.append("\\\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** Returns a supplier of successive backoff delays in milliseconds. */
    public static LongSupplier backoff(Policy policy) {
        return new LongSupplier() {
            private int attempt;
            private double previous;

            @Override
            public long getAsLong() {
                double t = attempt + ThreadLocalRandom.current().nextDouble();
                double next = Math.pow(2, t) * Math.tanh(Math.sqrt(4 * t));
                double delay = Math.max(0, next - previous) / 1.4 * policy.baseDelay().toMillis();
                attempt++;
                previous = next;
                return (long) Math.min(delay, policy.maxDelay().toMillis());
            }
        };
    }

    /** The delay before retry number retryIndex (0-based) when no state is kept between tries. */
    public static long backoffDelayMillis(int retryIndex, Policy policy) {
        LongSupplier next = backoff(policy);
        long delay = next.getAsLong();
        for (int i = 0; i < retryIndex; i++) delay = next.getAsLong();
        return delay;
    }

    /** Closed, then open after N consecutive failures, then half-open after a pause (one trial call). */
    public static final class CircuitBreaker {
        private final BreakerPolicy policy;
        private int failures;
        private String state = "closed";
        private long openedAtNanos;
        private boolean trialInFlight;

        public CircuitBreaker(BreakerPolicy policy) {
            this.policy = policy;
        }

        public synchronized String state() {
            if (state.equals("open") && System.nanoTime() - openedAtNanos >= policy.halfOpenAfter().toNanos()) transition("half-open");
            return state;
        }

        private void transition(String next) {
            if (!next.equals(state)) {
                state = next;
                logEvent("breaker.state", Map.of("state", next));
            }
        }

        public <T> T execute(Attempt<T> op, int attempt, Predicate<Exception> isFailure) throws Exception {
            boolean trial;
            synchronized (this) {
                String current = state();
                if (current.equals("open") || (current.equals("half-open") && trialInFlight)) throw new BrokenCircuitException();
                trial = current.equals("half-open");
                if (trial) trialInFlight = true;
            }
            try {
                T result = op.run(attempt);
                synchronized (this) {
                    failures = 0;
                    transition("closed");
                }
                return result;
            } catch (Exception error) {
                synchronized (this) {
                    if (isFailure.test(error)) {
                        failures++;
                        if (trial || failures >= policy.failureThreshold()) {
                            openedAtNanos = System.nanoTime();
                            transition("open");
                        }
                    } else {
                        failures = 0;
                    }
                }
                throw error;
            } finally {
                if (trial) {
                    synchronized (this) {
                        trialInFlight = false;
                    }
                }
            }
        }
    }

    /** One breaker per integration, shared by every call through this class (null = none). */
    public static final CircuitBreaker BREAKER = POLICY.breaker() == null ? null : new CircuitBreaker(POLICY.breaker());

    /** Runs op until it succeeds, a failure is not retryable, or the retries run out. */
    public static <T> T retry(Attempt<T> op, Predicate<Exception> isRetryable, Predicate<Exception> countsAsFailure, DelayFor delayFor, Policy policy)
            throws Exception {
        LongSupplier next = backoff(policy);
        for (int attempt = 0; ; attempt++) {
            long started = System.nanoTime();
            try {
                T result = BREAKER != null ? BREAKER.execute(op, attempt, countsAsFailure) : op.run(attempt);
                logEvent("attempt.ok", Map.of("attempt", attempt, "ms", (System.nanoTime() - started) / 1_000_000));
                return result;
            } catch (BrokenCircuitException | InterruptedException error) {
                throw error;
            } catch (Exception error) {
                boolean retryable = isRetryable.test(error);
                logEvent("attempt.failed", Map.of("attempt", attempt, "retryable", retryable, "error", error.getClass().getSimpleName()));
                if (!retryable || attempt >= policy.maxRetries()) throw error;
                long delay = delayFor == null ? -1 : delayFor.delayMillis(error);
                if (delay == GIVE_UP) throw error;
                if (delay < 0) delay = next.getAsLong();
                logEvent("retry", Map.of("attempt", attempt + 1, "delay_ms", delay));
                Thread.sleep(delay);
            }
        }
    }
}
`;
}
