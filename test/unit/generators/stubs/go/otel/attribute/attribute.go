// Package attribute is a compile-check stub of go.opentelemetry.io/otel/attribute.
package attribute

type Key string

type Value struct{ v any }

type KeyValue struct {
	Key   Key
	Value Value
}

func String(k, v string) KeyValue      { return KeyValue{Key(k), Value{v}} }
func Int64(k string, v int64) KeyValue { return KeyValue{Key(k), Value{v}} }
func Bool(k string, v bool) KeyValue   { return KeyValue{Key(k), Value{v}} }
