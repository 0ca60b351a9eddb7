package io.opentelemetry.api.metrics;

public interface LongCounterBuilder {
    LongCounterBuilder setDescription(String description);
    LongCounterBuilder setUnit(String unit);
    LongCounter build();
}
