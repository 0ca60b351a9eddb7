// Compile-check stub of io.opentelemetry:opentelemetry-api (not packaged for Debian): the signatures
// the generated code calls, as in the real API; the bodies do nothing.
package io.opentelemetry.api;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;

public final class GlobalOpenTelemetry {
    private GlobalOpenTelemetry() {}
    public static Tracer getTracer(String instrumentationScopeName) { return null; }
    public static Meter getMeter(String instrumentationScopeName) { return null; }
}
