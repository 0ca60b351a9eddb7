// Package otel is a minimal stub of go.opentelemetry.io/otel (v1.2x API) for compile checks only:
// Debian packages otel 1.1.0, whose metric API predates the stable one the generator targets.
package otel

import (
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

func Tracer(name string, options ...trace.TracerOption) trace.Tracer { return trace.NoopTracer{} }
func Meter(name string, options ...metric.MeterOption) metric.Meter  { return metric.NoopMeter{} }
