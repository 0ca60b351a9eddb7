// Package trace is a compile-check stub of go.opentelemetry.io/otel/trace.
package trace

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
)

type TraceID [16]byte
type SpanID [8]byte

func (TraceID) String() string { return "" }
func (SpanID) String() string  { return "" }

type SpanContext struct{}

func (SpanContext) IsValid() bool    { return false }
func (SpanContext) TraceID() TraceID { return TraceID{} }
func (SpanContext) SpanID() SpanID   { return SpanID{} }

func SpanContextFromContext(context.Context) SpanContext { return SpanContext{} }

type EventOption interface{ eventOption() }
type SpanStartOption interface{ spanStartOption() }
type SpanEndOption interface{ spanEndOption() }
type TracerOption interface{ tracerOption() }

type opt struct{}

func (opt) spanStartOption() {}

func WithAttributes(...attribute.KeyValue) SpanStartOption { return opt{} }

type Span interface {
	End(options ...SpanEndOption)
	RecordError(err error, options ...EventOption)
	SetStatus(code codes.Code, description string)
	SpanContext() SpanContext
}

type Tracer interface {
	Start(ctx context.Context, spanName string, opts ...SpanStartOption) (context.Context, Span)
}

type NoopTracer struct{}
type noopSpan struct{}

func (noopSpan) End(...SpanEndOption)              {}
func (noopSpan) RecordError(error, ...EventOption) {}
func (noopSpan) SetStatus(codes.Code, string)      {}
func (noopSpan) SpanContext() SpanContext          { return SpanContext{} }

func (NoopTracer) Start(ctx context.Context, _ string, _ ...SpanStartOption) (context.Context, Span) {
	return ctx, noopSpan{}
}
