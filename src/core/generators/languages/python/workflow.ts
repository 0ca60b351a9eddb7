/** Python in-process workflow engine (asyncio) and an example definition. */
import { snakeCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function pyWorkflowEngine(options: ResolvedOptions): string {
  return `"""A small in-process workflow engine for "${options.name}" (asyncio). ${provenance(options, 'workflow')}

Each step may have a condition (skipped when false), an error policy (fail: stop and compensate;
skip: record the failure and go on; retry: retry with the policy's backoff, then fail) and a
compensation. When the workflow fails, the compensations of the completed steps run in reverse order
(a saga); a compensation that raises is recorded and the others still run.
Retry and step timeout: ${describePolicy(options.resilience)}.
State lives in memory: a crash loses a running workflow.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Literal, Optional

from .resilience import POLICY, Policy, backoff_delay, log_event

Context = dict[str, Any]
ErrorPolicy = Literal["fail", "skip", "retry"]


@dataclass
class Step:
    name: str
    run: Callable[[Context], Awaitable[Optional[Context]]]
    when: Optional[Callable[[Context], bool]] = None
    compensate: Optional[Callable[[Context], Awaitable[None]]] = None
    on_error: ErrorPolicy = "fail"


@dataclass
class StepRecord:
    name: str
    status: str
    attempts: int
    error: Optional[str] = None


@dataclass
class WorkflowResult:
    status: str  # completed | compensated | compensation-failed
    context: Context
    steps: list[StepRecord] = field(default_factory=list)
    error: Optional[BaseException] = None


async def run_workflow(steps: list[Step], initial: Context, policy: Policy = POLICY) -> WorkflowResult:
    """Runs steps in order on a copy of initial. Never raises for a step failure: read status."""
    context = dict(initial)
    records: list[StepRecord] = []
    done: list[tuple[Step, StepRecord]] = []
    for step in steps:
        if step.when is not None and not step.when(context):
            records.append(StepRecord(step.name, "skipped", 0))
            continue
        max_attempts = policy.max_retries + 1 if step.on_error == "retry" else 1
        failure: Optional[BaseException] = None
        attempts = 0
        while attempts < max_attempts:
            attempts += 1
            try:
                update = await asyncio.wait_for(step.run(dict(context)), timeout=policy.timeout)
                if update:
                    context.update(update)
                failure = None
                break
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - the step's error policy decides
                failure = error
                log_event("step.failed", step=step.name, attempt=attempts, error=type(error).__name__)
                if attempts < max_attempts:
                    await asyncio.sleep(backoff_delay(attempts - 1, policy))
        if failure is None:
            record = StepRecord(step.name, "completed", attempts)
            records.append(record)
            done.append((step, record))
            continue
        if step.on_error == "skip":
            records.append(StepRecord(step.name, "failed-skipped", attempts, str(failure) or type(failure).__name__))
            continue
        records.append(StepRecord(step.name, "failed", attempts, str(failure) or type(failure).__name__))
        return await _compensate(done, context, records, failure)
    return WorkflowResult("completed", context, records)


async def _compensate(done: list[tuple[Step, StepRecord]], context: Context, records: list[StepRecord], error: BaseException) -> WorkflowResult:
    clean = True
    for step, record in reversed(done):
        if step.compensate is None:
            continue
        try:
            await step.compensate(dict(context))
            record.status = "compensated"
        except Exception as compensation_error:  # noqa: BLE001 - recorded, the other compensations still run
            clean = False
            record.status = "compensation-failed"
            record.error = str(compensation_error) or type(compensation_error).__name__
            log_event("step.compensation_failed", step=step.name)
    return WorkflowResult("compensated" if clean else "compensation-failed", context, records, error)
`;
}

export function pyWorkflowDefinition(options: ResolvedOptions): string {
  const fn = snakeCase(options.name);
  return `"""The "${options.name}" workflow: an example to adapt. ${provenance(options, 'workflow')}

Replace the step bodies with calls to your services (e.g. the generated REST clients).
"""
from __future__ import annotations

from typing import Optional

from .engine import Context, Step, WorkflowResult, run_workflow


async def _reserve(ctx: Context) -> Optional[Context]:
    return {"reservation_id": "res-" + ctx["order_id"]}


async def _release(ctx: Context) -> None:
    print("release reservation", ctx.get("reservation_id"))


async def _charge(ctx: Context) -> Optional[Context]:
    return {"payment_id": "pay-" + ctx["order_id"]}


async def _refund(ctx: Context) -> None:
    print("refund payment", ctx.get("payment_id"))


async def _ship(ctx: Context) -> Optional[Context]:
    return {"shipment_id": "ship-" + ctx["order_id"]}


async def _confirm(ctx: Context) -> Optional[Context]:
    return None


${fn.toUpperCase()}_STEPS = [
    Step("reserve-inventory", _reserve, compensate=_release),
    Step("charge-payment", _charge, when=lambda ctx: ctx["amount_cents"] > 0, compensate=_refund, on_error="retry"),
    Step("create-shipment", _ship, when=lambda ctx: bool(ctx["requires_shipping"])),
    Step("send-confirmation", _confirm, on_error="skip"),  # a failed e-mail must not undo a paid order
]


async def run_${fn}(order_id: str, amount_cents: int, requires_shipping: bool) -> WorkflowResult:
    return await run_workflow(${fn.toUpperCase()}_STEPS, {"order_id": order_id, "amount_cents": amount_cents, "requires_shipping": requires_shipping})
`;
}

export function pyMonitoring(options: ResolvedOptions): string {
  const metric = snakeCase(options.name);
  return `"""Metrics, traces and structured logs for "${options.name}" through the OpenTelemetry API.
${provenance(options, 'monitoring')}

Only the API (opentelemetry-api) is used: without an SDK configured every call is a cheap no-op, so
code can call this unconditionally and the application decides where the data goes.
Metrics: ${metric}.calls (counter, by operation and outcome), ${metric}.duration (histogram, ms).
Each call is one span and one JSON log line carrying the trace and span ids.

    @monitored("get-user")
    def get_user(user_id: str) -> dict: ...
"""
from __future__ import annotations

import functools
import inspect
import json
import logging
import time
from typing import Any, Callable, Optional, TypeVar

from opentelemetry import metrics, trace
from opentelemetry.trace import Status, StatusCode

SCOPE = "${options.name}"
_tracer = trace.get_tracer(SCOPE)
_meter = metrics.get_meter(SCOPE)
_calls = _meter.create_counter("${metric}.calls", description="Calls to ${options.name}, by operation and outcome")
_duration = _meter.create_histogram("${metric}.duration", unit="ms", description="Duration of calls to ${options.name}")

F = TypeVar("F", bound=Callable[..., Any])


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the active trace and span ids."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "scope": SCOPE,
            "message": record.getMessage(),
        }
        context = trace.get_current_span().get_span_context()
        if context.is_valid:
            entry["trace_id"] = format(context.trace_id, "032x")
            entry["span_id"] = format(context.span_id, "016x")
        entry.update(getattr(record, "fields", {}))
        return json.dumps(entry, default=str)


logger = logging.getLogger(SCOPE)
if not logger.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(JsonFormatter())
    logger.addHandler(_handler)
    logger.setLevel(logging.INFO)


def _finish(name: str, started: float, error: Optional[BaseException], attributes: dict[str, Any]) -> None:
    ms = (time.perf_counter() - started) * 1000
    outcome = "ok" if error is None else "error"
    labels = {**attributes, "operation": name, "outcome": outcome}
    _calls.add(1, labels)
    _duration.record(ms, labels)
    level = logging.INFO if error is None else logging.ERROR
    logger.log(level, name, extra={"fields": {"outcome": outcome, "duration_ms": round(ms)}})


def monitored(name: str, **attributes: Any) -> Callable[[F], F]:
    """Decorates a function (sync or async) with a span, a counter, a histogram and a log line."""

    def decorate(function: F) -> F:
        if inspect.iscoroutinefunction(function):
            @functools.wraps(function)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with _tracer.start_as_current_span(name, attributes=attributes) as span:
                    started = time.perf_counter()
                    try:
                        result = await function(*args, **kwargs)
                    except BaseException as error:
                        span.record_exception(error)
                        span.set_status(Status(StatusCode.ERROR, str(error)))
                        _finish(name, started, error, attributes)
                        raise
                    _finish(name, started, None, attributes)
                    return result
            return async_wrapper  # type: ignore[return-value]

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with _tracer.start_as_current_span(name, attributes=attributes) as span:
                started = time.perf_counter()
                try:
                    result = function(*args, **kwargs)
                except BaseException as error:
                    span.record_exception(error)
                    span.set_status(Status(StatusCode.ERROR, str(error)))
                    _finish(name, started, error, attributes)
                    raise
                _finish(name, started, None, attributes)
                return result
        return wrapper  # type: ignore[return-value]

    return decorate
`;
}

export function pyHealth(options: ResolvedOptions): string {
  const fn = snakeCase(options.name);
  const { env } = options;
  return `"""Health endpoint for "${options.name}". ${provenance(options, 'health-endpoint')}

GET /healthz: liveness, 200 while the process serves requests.
GET /readyz: readiness, runs every check in parallel (each with a ${options.resilience.policy.timeoutMs / 1000} s timeout); 200 when all pass,
503 otherwise, with a JSON body naming each check's result. Checks come from ${env['checkUrls']}
(URLs that must answer below 400) and ${env['checkTcp']} (host:port pairs that must accept a
connection), plus any added with add_check().
"""
from __future__ import annotations

import json
import os
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Mapping, Optional

CHECK_TIMEOUT_SECONDS = ${options.resilience.policy.timeoutMs / 1000}
Check = Callable[[float], None]
_checks: dict[str, Check] = {}
_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="${fn}-health")


def add_check(name: str, check: Check) -> None:
    """Registers a readiness check: a callable taking the timeout in seconds, raising on failure."""
    _checks[name] = check


def http_check(url: str) -> Check:
    def check(timeout: float) -> None:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                if response.status >= 400:
                    raise RuntimeError(f"HTTP {response.status}")
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"HTTP {error.code}") from None
    return check


def tcp_check(host: str, port: int) -> Check:
    def check(timeout: float) -> None:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    return check


def checks_from_env(env: Optional[Mapping[str, str]] = None) -> None:
    env = os.environ if env is None else env
    for url in filter(None, (item.strip() for item in env.get("${env['checkUrls']}", "").split(","))):
        add_check(url, http_check(url))
    for target in filter(None, (item.strip() for item in env.get("${env['checkTcp']}", "").split(","))):
        host, _, port = target.rpartition(":")
        add_check("tcp://" + target, tcp_check(host, int(port)))


def readiness() -> dict[str, Any]:
    started = time.perf_counter()
    futures = {name: _pool.submit(check, CHECK_TIMEOUT_SECONDS) for name, check in _checks.items()}
    wait(list(futures.values()), timeout=CHECK_TIMEOUT_SECONDS)
    results = []
    for name, future in futures.items():
        ms = round((time.perf_counter() - started) * 1000)
        if not future.done():
            results.append({"name": name, "ok": False, "ms": ms, "error": "timed out"})
        elif future.exception() is not None:
            results.append({"name": name, "ok": False, "ms": ms, "error": str(future.exception())})
        else:
            results.append({"name": name, "ok": True, "ms": ms})
    ok = all(result["ok"] for result in results)
    return {"status": "ok" if ok else "unavailable", "checks": results}


def create_${fn}_health_server(env: Optional[Mapping[str, str]] = None, host: str = "0.0.0.0", port: Optional[int] = None) -> ThreadingHTTPServer:
    env = os.environ if env is None else env
    checks_from_env(env)

    class Health(BaseHTTPRequestHandler):
        def _send(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
            path = self.path.split("?")[0]
            if path == "/healthz":
                return self._send(200, {"status": "ok"})
            if path == "/readyz":
                result = readiness()
                return self._send(200 if result["status"] == "ok" else 503, result)
            return self._send(404, {"error": "not found"})

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet health probes
            pass

    return ThreadingHTTPServer((host, int(env.get("${env['port']}", "8081")) if port is None else port), Health)
`;
}
