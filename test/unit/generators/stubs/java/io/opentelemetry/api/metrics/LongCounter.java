package io.opentelemetry.api.metrics;

import io.opentelemetry.api.common.Attributes;

public interface LongCounter {
    void add(long value, Attributes attributes);
}
