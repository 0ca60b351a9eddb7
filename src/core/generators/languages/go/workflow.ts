/** Go in-process workflow engine, monitoring wrapper (OpenTelemetry) and health endpoint. */
import { snakeCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function goWorkflow(options: ResolvedOptions): string {
  return `// A small in-process workflow engine for "${options.name}". ${provenance(options, 'workflow')}
// Each step may have a condition (skipped when false), an error policy (Fail: stop and compensate;
// Skip: record the failure and go on; Retry: retry with the policy's backoff, then fail) and a
// compensation. When the workflow fails, the compensations of the completed steps run in reverse
// order (a saga); a compensation that fails is recorded and the others still run.
// Retry and step timeout: ${describePolicy(options.resilience)}.
// State lives in memory: a crash loses a running workflow.
package ${options.layout.module}

import (
	"context"
	"time"
)

// ErrorPolicy says what a step's failure does to the workflow.
type ErrorPolicy int

// Error policies.
const (
	Fail ErrorPolicy = iota
	Skip
	RetryStep
)

// Step is one unit of work over the context value C.
type Step[C any] struct {
	Name       string
	When       func(C) bool                              // nil: always run
	Run        func(ctx context.Context, c C) (C, error) // returns the updated context
	Compensate func(ctx context.Context, c C) error
	OnError    ErrorPolicy
}

// StepRecord is what happened to one step.
type StepRecord struct {
	Name     string
	Status   string // completed, skipped, failed-skipped, failed, compensated, compensation-failed
	Attempts int
	Err      error
}

// Result is the outcome of a run.
type Result[C any] struct {
	Status  string // completed, compensated, compensation-failed
	Context C
	Steps   []StepRecord
	Err     error
}

// Run executes steps in order. It never returns a step's error directly: read Result.Status.
func Run[C any](ctx context.Context, steps []Step[C], initial C, policy Policy) Result[C] {
	current := initial
	var records []StepRecord
	var done []int // indexes into records and steps of completed steps
	var doneSteps []Step[C]
	for _, step := range steps {
		if step.When != nil && !step.When(current) {
			records = append(records, StepRecord{Name: step.Name, Status: "skipped"})
			continue
		}
		maxAttempts := 1
		if step.OnError == RetryStep {
			maxAttempts = policy.MaxRetries + 1
		}
		var err error
		attempts := 0
		for attempts < maxAttempts {
			attempts++
			stepCtx, cancel := context.WithTimeout(ctx, policy.Timeout)
			var next C
			next, err = step.Run(stepCtx, current)
			cancel()
			if err == nil {
				current = next
				break
			}
			logEvent("step.failed", map[string]any{"step": step.Name, "attempt": attempts, "error": err.Error()})
			if ctx.Err() != nil {
				break
			}
			if attempts < maxAttempts {
				select {
				case <-ctx.Done():
				case <-time.After(BackoffDelay(attempts-1, policy)):
				}
			}
		}
		if err == nil {
			records = append(records, StepRecord{Name: step.Name, Status: "completed", Attempts: attempts})
			done = append(done, len(records)-1)
			doneSteps = append(doneSteps, step)
			continue
		}
		if step.OnError == Skip && ctx.Err() == nil {
			records = append(records, StepRecord{Name: step.Name, Status: "failed-skipped", Attempts: attempts, Err: err})
			continue
		}
		records = append(records, StepRecord{Name: step.Name, Status: "failed", Attempts: attempts, Err: err})
		return compensate(doneSteps, done, current, records, err)
	}
	return Result[C]{Status: "completed", Context: current, Steps: records}
}

func compensate[C any](steps []Step[C], indexes []int, current C, records []StepRecord, cause error) Result[C] {
	status := "compensated"
	// Compensations run even when ctx is cancelled: undoing must not be skipped.
	undoCtx := context.Background()
	for i := len(steps) - 1; i >= 0; i-- {
		if steps[i].Compensate == nil {
			continue
		}
		record := &records[indexes[i]]
		if err := steps[i].Compensate(undoCtx, current); err != nil {
			status = "compensation-failed"
			record.Status = "compensation-failed"
			record.Err = err
			logEvent("step.compensation_failed", map[string]any{"step": steps[i].Name})
			continue
		}
		record.Status = "compensated"
	}
	return Result[C]{Status: status, Context: current, Steps: records, Err: cause}
}
`;
}

export function goWorkflowExample(options: ResolvedOptions): string {
  return `// The "${options.name}" workflow: an example to adapt. ${provenance(options, 'workflow')}
// Replace the step bodies with calls to your services (e.g. the generated REST clients).
package ${options.layout.module}

import (
	"context"
	"log"
)

// Order is the context the example workflow carries from step to step.
type Order struct {
	OrderID          string
	AmountCents      int
	RequiresShipping bool
	ReservationID    string
	PaymentID        string
	ShipmentID       string
}

// OrderSteps reserves, charges, ships and confirms; a failure undoes what was done.
var OrderSteps = []Step[Order]{
	{
		Name: "reserve-inventory",
		Run: func(ctx context.Context, o Order) (Order, error) {
			o.ReservationID = "res-" + o.OrderID
			return o, nil
		},
		Compensate: func(ctx context.Context, o Order) error {
			log.Printf("release reservation %s", o.ReservationID)
			return nil
		},
	},
	{
		Name:    "charge-payment",
		OnError: RetryStep,
		When:    func(o Order) bool { return o.AmountCents > 0 },
		Run: func(ctx context.Context, o Order) (Order, error) {
			o.PaymentID = "pay-" + o.OrderID
			return o, nil
		},
		Compensate: func(ctx context.Context, o Order) error {
			log.Printf("refund payment %s", o.PaymentID)
			return nil
		},
	},
	{
		Name: "create-shipment",
		When: func(o Order) bool { return o.RequiresShipping },
		Run: func(ctx context.Context, o Order) (Order, error) {
			o.ShipmentID = "ship-" + o.OrderID
			return o, nil
		},
	},
	{
		Name:    "send-confirmation",
		OnError: Skip, // a failed e-mail must not undo a paid order
		Run:     func(ctx context.Context, o Order) (Order, error) { return o, nil },
	},
}

// RunOrder runs the example workflow with the generated policy.
func RunOrder(ctx context.Context, order Order) Result[Order] {
	return Run(ctx, OrderSteps, order, DefaultPolicy)
}
`;
}

export function goMonitoring(options: ResolvedOptions): string {
  const metric = snakeCase(options.name);
  return `// Metrics, traces and structured logs for "${options.name}" through the OpenTelemetry API.
// ${provenance(options, 'monitoring')}
// Only the API is used: without an SDK installed (otel.SetTracerProvider / SetMeterProvider) every
// call is a cheap no-op. Metrics: ${metric}.calls (counter, by operation and outcome) and
// ${metric}.duration (histogram, ms). Each call is one span and one JSON log line with the trace ids.
//
//	err := Monitored(ctx, "get-user", func(ctx context.Context) error { return client.Get(ctx, "/users/42", &user) })
package ${options.layout.module}

import (
	"context"
	"encoding/json"
	"log"
	"os"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

const scope = "${options.name}"

var logger = log.New(os.Stderr, "", 0)

// Log writes one JSON object per line, with the trace and span ids of ctx's span.
func Log(ctx context.Context, level, message string, fields map[string]any) {
	entry := map[string]any{"time": time.Now().UTC().Format(time.RFC3339Nano), "level": level, "scope": scope, "message": message}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		entry["trace_id"] = sc.TraceID().String()
		entry["span_id"] = sc.SpanID().String()
	}
	for key, value := range fields {
		entry[key] = value
	}
	if line, err := json.Marshal(entry); err == nil {
		logger.Println(string(line))
	}
}

// Monitored runs op inside a span, counting and timing it; returns op's error after recording it.
func Monitored(ctx context.Context, operation string, op func(ctx context.Context) error, attrs ...attribute.KeyValue) error {
	meter := otel.Meter(scope)
	calls, _ := meter.Int64Counter("${metric}.calls", metric.WithDescription("Calls to ${options.name}, by operation and outcome"))
	duration, _ := meter.Float64Histogram("${metric}.duration", metric.WithDescription("Duration of calls to ${options.name}"), metric.WithUnit("ms"))

	ctx, span := otel.Tracer(scope).Start(ctx, operation, trace.WithAttributes(attrs...))
	defer span.End()
	started := time.Now()
	err := op(ctx)
	outcome := "ok"
	if err != nil {
		outcome = "error"
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
	} else {
		span.SetStatus(codes.Ok, "")
	}
	ms := float64(time.Since(started).Microseconds()) / 1000
	labels := metric.WithAttributes(append(append([]attribute.KeyValue{}, attrs...), attribute.String("operation", operation), attribute.String("outcome", outcome))...)
	if calls != nil {
		calls.Add(ctx, 1, labels)
	}
	if duration != nil {
		duration.Record(ctx, ms, labels)
	}
	level := "info"
	if err != nil {
		level = "error"
	}
	Log(ctx, level, operation, map[string]any{"outcome": outcome, "duration_ms": int64(ms)})
	return err
}
`;
}

export function goHealth(options: ResolvedOptions): string {
  const { env } = options;
  return `// Health endpoint for "${options.name}". ${provenance(options, 'health-endpoint')}
// GET /healthz: liveness, 200 while the process serves requests.
// GET /readyz: readiness, runs every check in parallel (each with the policy's timeout); 200 when
// all pass, 503 otherwise, with a JSON body naming each check's result. Checks come from
// ${env['checkUrls']} (URLs that must answer below 400) and ${env['checkTcp']} (host:port pairs that must
// accept a connection), plus any added with AddCheck.
package ${options.layout.module}

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

// CheckTimeout bounds each readiness check.
const CheckTimeout = ${options.resilience.policy.timeoutMs} * time.Millisecond

// Check fails by returning an error (or by overrunning ctx's deadline).
type Check func(ctx context.Context) error

// CheckResult is one check's outcome.
type CheckResult struct {
	Name  string \`json:"name"\`
	OK    bool   \`json:"ok"\`
	Ms    int64  \`json:"ms"\`
	Error string \`json:"error,omitempty"\`
}

var (
	checksMu sync.Mutex
	checks   = map[string]Check{}
)

// AddCheck registers a readiness check.
func AddCheck(name string, check Check) {
	checksMu.Lock()
	defer checksMu.Unlock()
	checks[name] = check
}

// HTTPCheck passes when url answers below 400.
func HTTPCheck(url string) Check {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode >= 400 {
			return fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		return nil
	}
}

// TCPCheck passes when address accepts a connection.
func TCPCheck(address string) Check {
	return func(ctx context.Context) error {
		var dialer net.Dialer
		conn, err := dialer.DialContext(ctx, "tcp", address)
		if err != nil {
			return err
		}
		return conn.Close()
	}
}

// ChecksFromEnv registers the checks named in the environment.
func ChecksFromEnv() {
	for _, url := range strings.Split(os.Getenv("${env['checkUrls']}"), ",") {
		if url = strings.TrimSpace(url); url != "" {
			AddCheck(url, HTTPCheck(url))
		}
	}
	for _, address := range strings.Split(os.Getenv("${env['checkTcp']}"), ",") {
		if address = strings.TrimSpace(address); address != "" {
			AddCheck("tcp://"+address, TCPCheck(address))
		}
	}
}

// Readiness runs every check in parallel.
func Readiness(ctx context.Context) (bool, []CheckResult) {
	checksMu.Lock()
	snapshot := make(map[string]Check, len(checks))
	for name, check := range checks {
		snapshot[name] = check
	}
	checksMu.Unlock()
	results := make([]CheckResult, 0, len(snapshot))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, check := range snapshot {
		wg.Add(1)
		go func(name string, check Check) {
			defer wg.Done()
			checkCtx, cancel := context.WithTimeout(ctx, CheckTimeout)
			defer cancel()
			started := time.Now()
			err := check(checkCtx)
			result := CheckResult{Name: name, OK: err == nil, Ms: time.Since(started).Milliseconds()}
			if err != nil {
				result.Error = err.Error()
			}
			mu.Lock()
			results = append(results, result)
			mu.Unlock()
		}(name, check)
	}
	wg.Wait()
	ok := true
	for _, result := range results {
		ok = ok && result.OK
	}
	return ok, results
}

// Handler serves /healthz and /readyz.
func Handler() http.Handler {
	mux := http.NewServeMux()
	send := func(w http.ResponseWriter, status int, body any) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		send(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ok, results := Readiness(r.Context())
		status, word := http.StatusOK, "ok"
		if !ok {
			status, word = http.StatusServiceUnavailable, "unavailable"
		}
		send(w, status, map[string]any{"status": word, "checks": results})
	})
	return mux
}

// ListenAndServe registers the env checks and serves on ${env['port']} (default 8081).
func ListenAndServe() error {
	ChecksFromEnv()
	port := os.Getenv("${env['port']}")
	if port == "" {
		port = "8081"
	}
	server := &http.Server{Addr: ":" + port, Handler: Handler(), ReadHeaderTimeout: 5 * time.Second}
	return server.ListenAndServe()
}
`;
}
