/** Java in-process workflow engine, example, monitoring wrapper (OpenTelemetry API) and health endpoint. */
import { pascalCase, snakeCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function javaWorkflowEngine(options: ResolvedOptions): string {
  return `package ${options.layout.module};

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A small in-process workflow engine for "${options.name}". ${provenance(options, 'workflow')}
 * Each step may have a condition (skipped when false), an error policy (FAIL: stop and compensate;
 * SKIP: record the failure and go on; RETRY: retry with the policy's backoff, then fail) and a
 * compensation. When the workflow fails, the compensations of the completed steps run in reverse
 * order (a saga); a compensation that throws is recorded and the others still run.
 * Retry and step timeout: ${describePolicy(options.resilience)}.
 * State lives in memory: a crash loses a running workflow.
 */
public final class Workflow<C> {
    public enum ErrorPolicy { FAIL, SKIP, RETRY }

    @FunctionalInterface
    public interface Action<C> {
        C run(C context) throws Exception;
    }

    @FunctionalInterface
    public interface Compensation<C> {
        void undo(C context) throws Exception;
    }

    public record Step<C>(String name, Predicate<C> when, Action<C> run, Compensation<C> compensate, ErrorPolicy onError) {
        public static <C> Step<C> of(String name, Action<C> run) {
            return new Step<>(name, null, run, null, ErrorPolicy.FAIL);
        }

        public Step<C> when(Predicate<C> condition) { return new Step<>(name, condition, run, compensate, onError); }
        public Step<C> compensate(Compensation<C> undo) { return new Step<>(name, when, run, undo, onError); }
        public Step<C> onError(ErrorPolicy policy) { return new Step<>(name, when, run, compensate, policy); }
    }

    public static final class StepRecord {
        public final String name;
        public String status; // completed, skipped, failed-skipped, failed, compensated, compensation-failed
        public final int attempts;
        public String error;

        StepRecord(String name, String status, int attempts, String error) {
            this.name = name;
            this.status = status;
            this.attempts = attempts;
            this.error = error;
        }
    }

    public record Result<C>(String status, C context, List<StepRecord> steps, Exception error) {}

    private final List<Step<C>> steps;
    private final Resilience.Policy policy;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "${options.name}-workflow");
        thread.setDaemon(true);
        return thread;
    });

    public Workflow(List<Step<C>> steps, Resilience.Policy policy) {
        this.steps = List.copyOf(steps);
        this.policy = policy;
    }

    private C attempt(Step<C> step, C context) throws Exception {
        Future<C> future = executor.submit(() -> step.run().run(context));
        try {
            return future.get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true); // interrupts the step
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Runs the steps in order. Never throws for a step failure: read status. */
    public Result<C> run(C initial) throws InterruptedException {
        C context = initial;
        List<StepRecord> records = new ArrayList<>();
        List<Step<C>> done = new ArrayList<>();
        List<StepRecord> doneRecords = new ArrayList<>();
        for (Step<C> step : steps) {
            if (step.when() != null && !step.when().test(context)) {
                records.add(new StepRecord(step.name(), "skipped", 0, null));
                continue;
            }
            int maxAttempts = step.onError() == ErrorPolicy.RETRY ? policy.maxRetries() + 1 : 1;
            Exception failure = null;
            int attempts = 0;
            while (attempts < maxAttempts) {
                attempts++;
                try {
                    context = attempt(step, context);
                    failure = null;
                    break;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    failure = e;
                    Resilience.logEvent("step.failed", Map.of("step", step.name(), "attempt", attempts, "error", e.getClass().getSimpleName()));
                    if (attempts < maxAttempts) Thread.sleep(Resilience.backoffDelayMillis(attempts - 1, policy));
                }
            }
            if (failure == null) {
                StepRecord record = new StepRecord(step.name(), "completed", attempts, null);
                records.add(record);
                done.add(step);
                doneRecords.add(record);
                continue;
            }
            if (step.onError() == ErrorPolicy.SKIP) {
                records.add(new StepRecord(step.name(), "failed-skipped", attempts, String.valueOf(failure.getMessage())));
                continue;
            }
            records.add(new StepRecord(step.name(), "failed", attempts, String.valueOf(failure.getMessage())));
            boolean clean = true;
            for (int i = done.size() - 1; i >= 0; i--) {
                Step<C> completed = done.get(i);
                if (completed.compensate() == null) continue;
                try {
                    completed.compensate().undo(context);
                    doneRecords.get(i).status = "compensated";
                } catch (Exception e) {
                    clean = false;
                    doneRecords.get(i).status = "compensation-failed";
                    doneRecords.get(i).error = String.valueOf(e.getMessage());
                    Resilience.logEvent("step.compensation_failed", Map.of("step", completed.name()));
                }
            }
            return new Result<>(clean ? "compensated" : "compensation-failed", context, records, failure);
        }
        return new Result<>("completed", context, records, null);
    }
}
`;
}

export function javaWorkflowExample(options: ResolvedOptions): string {
  const cls = `${pascalCase(options.name)}Workflow`;
  return `package ${options.layout.module};

import java.util.List;

/**
 * The "${options.name}" workflow: an example to adapt. ${provenance(options, 'workflow')}
 * Replace the step bodies with calls to your services (e.g. the generated REST clients).
 */
public final class ${cls} {
    private ${cls}() {}

    public record Order(String orderId, long amountCents, boolean requiresShipping, String reservationId, String paymentId, String shipmentId) {
        Order with(String reservation, String payment, String shipment) {
            return new Order(orderId, amountCents, requiresShipping, reservation, payment, shipment);
        }
    }

    public static final List<Workflow.Step<Order>> STEPS = List.of(
        Workflow.Step.<Order>of("reserve-inventory", o -> o.with("res-" + o.orderId(), o.paymentId(), o.shipmentId()))
            .compensate(o -> System.err.println("release reservation " + o.reservationId())),
        Workflow.Step.<Order>of("charge-payment", o -> o.with(o.reservationId(), "pay-" + o.orderId(), o.shipmentId()))
            .when(o -> o.amountCents() > 0)
            .onError(Workflow.ErrorPolicy.RETRY)
            .compensate(o -> System.err.println("refund payment " + o.paymentId())),
        Workflow.Step.<Order>of("create-shipment", o -> o.with(o.reservationId(), o.paymentId(), "ship-" + o.orderId()))
            .when(Order::requiresShipping),
        // A failed e-mail must not undo a paid order.
        Workflow.Step.<Order>of("send-confirmation", o -> o).onError(Workflow.ErrorPolicy.SKIP));

    public static Workflow.Result<Order> run(Order order) throws InterruptedException {
        return new Workflow<>(STEPS, Resilience.POLICY).run(order);
    }
}
`;
}

export function javaMonitoring(options: ResolvedOptions): string {
  const cls = `${pascalCase(options.name)}Monitoring`;
  const metric = snakeCase(options.name);
  return `package ${options.layout.module};

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Metrics, traces and structured logs for "${options.name}" through the OpenTelemetry API.
 * ${provenance(options, 'monitoring')}
 * Only the API (io.opentelemetry:opentelemetry-api) is used: without an SDK registered (the Java
 * agent, or OpenTelemetrySdk) every call is a cheap no-op. Metrics: ${metric}.calls (counter, by
 * operation and outcome) and ${metric}.duration (histogram, ms). Each call is one span and one
 * JSON log line on stderr carrying the trace and span ids.
 */
public final class ${cls} {
    private static final String SCOPE = "${options.name}";
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("operation");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

    private ${cls}() {}

    private static Tracer tracer() { return GlobalOpenTelemetry.getTracer(SCOPE); }

    private static Meter meter() { return GlobalOpenTelemetry.getMeter(SCOPE); }

    /** Runs op inside a span, counting and timing it; rethrows its exception after recording it. */
    @SuppressWarnings("try") // the scope is only there to make the span current
    public static <T> T monitored(String operation, Callable<T> op) throws Exception {
        LongCounter calls = meter().counterBuilder("${metric}.calls").setDescription("Calls to ${options.name}, by operation and outcome").build();
        DoubleHistogram duration = meter().histogramBuilder("${metric}.duration").setDescription("Duration of calls to ${options.name}").setUnit("ms").build();
        Span span = tracer().spanBuilder(operation).startSpan();
        long started = System.nanoTime();
        String outcome = "ok";
        try (Scope ignored = span.makeCurrent()) {
            T result = op.call();
            span.setStatus(StatusCode.OK);
            return result;
        } catch (Exception error) {
            outcome = "error";
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
            throw error;
        } finally {
            double ms = (System.nanoTime() - started) / 1_000_000.0;
            Attributes attributes = Attributes.of(OPERATION, operation, OUTCOME, outcome);
            calls.add(1, attributes);
            duration.record(ms, attributes);
            log(span, outcome.equals("ok") ? "info" : "error", operation, outcome, ms);
            span.end();
        }
    }

    private static void log(Span span, String level, String message, String outcome, double ms) {
        SpanContext context = span.getSpanContext();
        StringBuilder line = new StringBuilder("{\\"time\\":").append(Resilience.quote(Instant.now().toString()))
            .append(",\\"level\\":").append(Resilience.quote(level))
            .append(",\\"scope\\":").append(Resilience.quote(SCOPE))
            .append(",\\"message\\":").append(Resilience.quote(message))
            .append(",\\"outcome\\":").append(Resilience.quote(outcome))
            .append(",\\"duration_ms\\":").append(Math.round(ms));
        if (context.isValid()) {
            line.append(",\\"trace_id\\":").append(Resilience.quote(context.getTraceId()))
                .append(",\\"span_id\\":").append(Resilience.quote(context.getSpanId()));
        }
        System.err.println(line.append('}'));
    }
}
`;
}

export function javaHealth(options: ResolvedOptions): string {
  const cls = `${pascalCase(options.name)}HealthServer`;
  const { env } = options;
  return `package ${options.layout.module};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Health endpoint for "${options.name}". ${provenance(options, 'health-endpoint')}
 * GET /healthz: liveness, 200 while the process serves requests.
 * GET /readyz: readiness, runs every check in parallel (each with a ${options.resilience.policy.timeoutMs} ms timeout); 200 when
 * all pass, 503 otherwise, with a JSON body naming each check's result. Checks come from
 * ${env['checkUrls']} (URLs that must answer below 400) and ${env['checkTcp']} (host:port pairs that
 * must accept a connection), plus any added with addCheck().
 */
public final class ${cls} {
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(${options.resilience.policy.timeoutMs});
    private static final Map<String, Check> CHECKS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT).build();

    /** Fails by throwing. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private ${cls}() {}

    public static void addCheck(String name, Check check) {
        CHECKS.put(name, check);
    }

    public static Check httpCheck(String url) {
        return () -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(CHECK_TIMEOUT).GET().build();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 400) throw new IOException("HTTP " + status);
        };
    }

    public static Check tcpCheck(String host, int port) {
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) CHECK_TIMEOUT.toMillis());
            }
        };
    }

    public static void checksFromEnv(Map<String, String> env) {
        for (String url : env.getOrDefault("${env['checkUrls']}", "").split(",")) {
            if (!url.isBlank()) addCheck(url.trim(), httpCheck(url.trim()));
        }
        for (String target : env.getOrDefault("${env['checkTcp']}", "").split(",")) {
            if (target.isBlank()) continue;
            int colon = target.trim().lastIndexOf(':');
            addCheck("tcp://" + target.trim(), tcpCheck(target.trim().substring(0, colon), Integer.parseInt(target.trim().substring(colon + 1))));
        }
    }

    /** Runs every check in parallel; returns the JSON body and whether all passed. */
    public static Map.Entry<Boolean, String> readiness() {
        List<String> results = new ArrayList<>();
        boolean ok = true;
        Map<String, CompletableFuture<Void>> futures = new ConcurrentHashMap<>();
        CHECKS.forEach((name, check) -> futures.put(name, CompletableFuture.runAsync(() -> {
            try {
                check.run();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            }
        }).orTimeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
        for (Map.Entry<String, CompletableFuture<Void>> entry : futures.entrySet()) {
            String error = null;
            try {
                entry.getValue().join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                error = cause instanceof java.util.concurrent.TimeoutException ? "timed out" : String.valueOf(cause.getMessage());
            }
            ok &= error == null;
            results.add("{\\"name\\":" + Resilience.quote(entry.getKey()) + ",\\"ok\\":" + (error == null)
                + (error == null ? "" : ",\\"error\\":" + Resilience.quote(error)) + "}");
        }
        String body = "{\\"status\\":\\"" + (ok ? "ok" : "unavailable") + "\\",\\"checks\\":[" + String.join(",", results) + "]}";
        return Map.entry(ok, body);
    }

    public static HttpServer start(Map<String, String> env, Integer port) throws IOException {
        checksFromEnv(env);
        int listenPort = port != null ? port : Integer.parseInt(env.getOrDefault("${env['port']}", "8081"));
        HttpServer server = HttpServer.create(new InetSocketAddress(listenPort), 0);
        server.createContext("/healthz", exchange -> send(exchange, 200, "{\\"status\\":\\"ok\\"}"));
        server.createContext("/readyz", exchange -> {
            Map.Entry<Boolean, String> result = readiness();
            send(exchange, result.getKey() ? 200 : 503, result.getValue());
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
`;
}
