package io.opentelemetry.api.metrics;

public interface Meter {
    LongCounterBuilder counterBuilder(String name);
    DoubleHistogramBuilder histogramBuilder(String name);
}
