package io.opentelemetry.api.metrics;

public interface DoubleHistogramBuilder {
    DoubleHistogramBuilder setDescription(String description);
    DoubleHistogramBuilder setUnit(String unit);
    DoubleHistogram build();
}
