// Package metric is a compile-check stub of go.opentelemetry.io/otel/metric (stable v1 API).
package metric

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
)

type MeterOption interface{ meterOption() }

type InstrumentOption interface{ instrumentOption() }
type Int64CounterOption interface{ InstrumentOption }
type Float64HistogramOption interface{ InstrumentOption }

type AddOption interface{ addOption() }
type RecordOption interface{ recordOption() }
type MeasurementOption interface {
	AddOption
	RecordOption
}

type opt struct{}

func (opt) instrumentOption() {}
func (opt) addOption()        {}
func (opt) recordOption()     {}

func WithDescription(string) InstrumentOption                { return opt{} }
func WithUnit(string) InstrumentOption                       { return opt{} }
func WithAttributes(...attribute.KeyValue) MeasurementOption { return opt{} }

type Int64Counter interface {
	Add(ctx context.Context, incr int64, options ...AddOption)
}
type Float64Histogram interface {
	Record(ctx context.Context, value float64, options ...RecordOption)
}

type Meter interface {
	Int64Counter(name string, options ...Int64CounterOption) (Int64Counter, error)
	Float64Histogram(name string, options ...Float64HistogramOption) (Float64Histogram, error)
}

type NoopMeter struct{}
type noop struct{}

func (noop) Add(context.Context, int64, ...AddOption)         {}
func (noop) Record(context.Context, float64, ...RecordOption) {}
func (NoopMeter) Int64Counter(string, ...Int64CounterOption) (Int64Counter, error) {
	return noop{}, nil
}
func (NoopMeter) Float64Histogram(string, ...Float64HistogramOption) (Float64Histogram, error) {
	return noop{}, nil
}
