package io.opentelemetry.api.common;

public interface Attributes {
    static <T, U> Attributes of(AttributeKey<T> key1, T value1, AttributeKey<U> key2, U value2) { return null; }
}
