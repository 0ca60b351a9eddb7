package io.opentelemetry.api.trace;

import io.opentelemetry.context.Scope;

public interface Span {
    static Span current() { return null; }
    Span setStatus(StatusCode statusCode);
    Span setStatus(StatusCode statusCode, String description);
    Span recordException(Throwable exception);
    SpanContext getSpanContext();
    Scope makeCurrent();
    void end();
}
