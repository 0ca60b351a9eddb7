/** Rust in-process workflow engine (tokio), monitoring (tracing) and health endpoint (hyper 0.14). */
import { snakeCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function rustWorkflow(options: ResolvedOptions): string {
  return `//! A small in-process workflow engine for "${options.name}". ${provenance(options, 'workflow')}
//! Each step may have a condition (skipped when false), an error policy (Fail: stop and compensate;
//! Skip: record the failure and go on; Retry: retry with the policy's backoff, then fail) and a
//! compensation. When the workflow fails, the compensations of the completed steps run in reverse
//! order (a saga); a compensation that fails is recorded and the others still run.
//! Retry and step timeout: ${describePolicy(options.resilience)}.
//! State lives in memory: a crash loses a running workflow.

use std::future::Future;
use std::pin::Pin;

use super::resilience::{backoff_delay, log_event, Policy};

pub type StepFuture<T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send>>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorPolicy {
    Fail,
    Skip,
    Retry,
}

pub struct Step<C> {
    pub name: &'static str,
    pub when: Option<fn(&C) -> bool>,
    pub run: Box<dyn Fn(C) -> StepFuture<C> + Send + Sync>,
    pub compensate: Option<Box<dyn Fn(C) -> StepFuture<()> + Send + Sync>>,
    pub on_error: ErrorPolicy,
}

#[derive(Debug, Clone)]
pub struct StepRecord {
    pub name: &'static str,
    /// completed, skipped, failed-skipped, failed, compensated, compensation-failed
    pub status: &'static str,
    pub attempts: u32,
    pub error: Option<String>,
}

#[derive(Debug)]
pub struct WorkflowResult<C> {
    /// completed, compensated, compensation-failed
    pub status: &'static str,
    pub context: C,
    pub steps: Vec<StepRecord>,
    pub error: Option<String>,
}

/// Runs the steps in order. Never returns a step's error directly: read \`status\`.
pub async fn run_workflow<C: Clone + Send + 'static>(steps: &[Step<C>], initial: C, policy: &Policy) -> WorkflowResult<C> {
    let mut context = initial;
    let mut records: Vec<StepRecord> = Vec::new();
    let mut done: Vec<(usize, usize)> = Vec::new(); // (step index, record index)
    for (index, step) in steps.iter().enumerate() {
        if let Some(when) = step.when {
            if !when(&context) {
                records.push(StepRecord { name: step.name, status: "skipped", attempts: 0, error: None });
                continue;
            }
        }
        let max_attempts = if step.on_error == ErrorPolicy::Retry { policy.max_retries + 1 } else { 1 };
        let mut attempts = 0;
        let mut failure: Option<String> = None;
        while attempts < max_attempts {
            attempts += 1;
            match tokio::time::timeout(policy.timeout, (step.run)(context.clone())).await {
                Ok(Ok(next)) => {
                    context = next;
                    failure = None;
                    break;
                }
                Ok(Err(error)) => failure = Some(error),
                Err(_) => failure = Some(format!("step {} timed out", step.name)),
            }
            log_event("step.failed", serde_json::json!({ "step": step.name, "attempt": attempts }));
            if attempts < max_attempts {
                tokio::time::sleep(backoff_delay(attempts - 1, policy)).await;
            }
        }
        match failure {
            None => {
                records.push(StepRecord { name: step.name, status: "completed", attempts, error: None });
                done.push((index, records.len() - 1));
            }
            Some(error) if step.on_error == ErrorPolicy::Skip => {
                records.push(StepRecord { name: step.name, status: "failed-skipped", attempts, error: Some(error) });
            }
            Some(error) => {
                records.push(StepRecord { name: step.name, status: "failed", attempts, error: Some(error.clone()) });
                let mut status = "compensated";
                for &(step_index, record_index) in done.iter().rev() {
                    if let Some(compensate) = &steps[step_index].compensate {
                        match compensate(context.clone()).await {
                            Ok(()) => records[record_index].status = "compensated",
                            Err(undo_error) => {
                                status = "compensation-failed";
                                records[record_index].status = "compensation-failed";
                                records[record_index].error = Some(undo_error);
                                log_event("step.compensation_failed", serde_json::json!({ "step": steps[step_index].name }));
                            }
                        }
                    }
                }
                return WorkflowResult { status, context, steps: records, error: Some(error) };
            }
        }
    }
    WorkflowResult { status: "completed", context, steps: records, error: None }
}
`;
}

export function rustWorkflowExample(options: ResolvedOptions): string {
  return `//! The "${options.name}" workflow: an example to adapt. ${provenance(options, 'workflow')}
//! Replace the step bodies with calls to your services (e.g. the generated REST clients).

use super::engine::{run_workflow, ErrorPolicy, Step, WorkflowResult};
use super::resilience::POLICY;

#[derive(Clone, Debug, Default)]
pub struct Order {
    pub order_id: String,
    pub amount_cents: u64,
    pub requires_shipping: bool,
    pub reservation_id: Option<String>,
    pub payment_id: Option<String>,
    pub shipment_id: Option<String>,
}

pub fn order_steps() -> Vec<Step<Order>> {
    vec![
        Step {
            name: "reserve-inventory",
            when: None,
            run: Box::new(|mut o: Order| Box::pin(async move {
                o.reservation_id = Some(format!("res-{}", o.order_id));
                Ok(o)
            })),
            compensate: Some(Box::new(|o: Order| Box::pin(async move {
                eprintln!("release reservation {:?}", o.reservation_id);
                Ok(())
            }))),
            on_error: ErrorPolicy::Fail,
        },
        Step {
            name: "charge-payment",
            when: Some(|o: &Order| o.amount_cents > 0),
            run: Box::new(|mut o: Order| Box::pin(async move {
                o.payment_id = Some(format!("pay-{}", o.order_id));
                Ok(o)
            })),
            compensate: Some(Box::new(|o: Order| Box::pin(async move {
                eprintln!("refund payment {:?}", o.payment_id);
                Ok(())
            }))),
            on_error: ErrorPolicy::Retry,
        },
        Step {
            name: "create-shipment",
            when: Some(|o: &Order| o.requires_shipping),
            run: Box::new(|mut o: Order| Box::pin(async move {
                o.shipment_id = Some(format!("ship-{}", o.order_id));
                Ok(o)
            })),
            compensate: None,
            on_error: ErrorPolicy::Fail,
        },
        Step {
            name: "send-confirmation",
            when: None,
            run: Box::new(|o: Order| Box::pin(async move { Ok(o) })),
            compensate: None,
            on_error: ErrorPolicy::Skip, // a failed e-mail must not undo a paid order
        },
    ]
}

pub async fn run_order(order: Order) -> WorkflowResult<Order> {
    run_workflow(&order_steps(), order, &POLICY).await
}
`;
}

export function rustMonitoring(options: ResolvedOptions): string {
  const metric = snakeCase(options.name);
  return `//! Metrics, traces and structured logs for "${options.name}" through \`tracing\`. ${provenance(options, 'monitoring')}
//! Spans and events go wherever the application's subscriber sends them; with
//! tracing-opentelemetry they become OpenTelemetry spans, and the \`monotonic_counter.*\` and
//! \`histogram.*\` fields below become OpenTelemetry metrics (its MetricsLayer convention):
//! ${metric}.calls (counter, by operation and outcome) and ${metric}.duration_ms (histogram).
//! With tracing-subscriber's JSON formatter every call is one structured log line.
//!
//!     let user = monitored("get-user", async { client.get("/users/42").await }).await?;

use std::future::Future;
use std::time::Instant;

use tracing::Instrument;

/// Runs \`operation\` inside a span named after it, counting and timing it.
pub async fn monitored<T, E, F>(name: &'static str, operation: F) -> Result<T, E>
where
    F: Future<Output = Result<T, E>>,
    E: std::fmt::Display,
{
    let span = tracing::info_span!("${options.name}", operation = name, outcome = tracing::field::Empty);
    let started = Instant::now();
    let result = operation.instrument(span.clone()).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let _entered = span.enter();
    match &result {
        Ok(_) => {
            span.record("outcome", "ok");
            tracing::info!(monotonic_counter.${metric}.calls = 1u64, histogram.${metric}.duration_ms = ms, operation = name, outcome = "ok", "{}", name);
        }
        Err(error) => {
            span.record("outcome", "error");
            tracing::error!(monotonic_counter.${metric}.calls = 1u64, histogram.${metric}.duration_ms = ms, operation = name, outcome = "error", error = %error, "{}", name);
        }
    }
    result
}
`;
}

export function rustHealth(options: ResolvedOptions): string {
  const { env } = options;
  return `//! Health endpoint for "${options.name}". ${provenance(options, 'health-endpoint')}
//! GET /healthz: liveness, 200 while the process serves requests.
//! GET /readyz: readiness, runs every check in parallel (each with the policy's timeout); 200 when
//! all pass, 503 otherwise, with a JSON body naming each check's result. Checks come from
//! ${env['checkUrls']} (URLs that must answer below 400) and ${env['checkTcp']} (host:port pairs that must
//! accept a connection).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper::service::{make_service_fn, service_fn};
use hyper::{Body, Request, Response, Server, StatusCode};
use serde_json::json;

const CHECK_TIMEOUT: Duration = Duration::from_millis(${options.resilience.policy.timeoutMs});

#[derive(Clone, Debug)]
pub enum Check {
    Http(String),
    Tcp(String),
}

impl Check {
    fn name(&self) -> String {
        match self {
            Check::Http(url) => url.clone(),
            Check::Tcp(address) => format!("tcp://{}", address),
        }
    }

    async fn run(&self, http: &reqwest::Client) -> Result<(), String> {
        match self {
            Check::Http(url) => {
                let response = http.get(url).send().await.map_err(|e| e.to_string())?;
                if response.status().as_u16() >= 400 {
                    return Err(format!("HTTP {}", response.status().as_u16()));
                }
                Ok(())
            }
            Check::Tcp(address) => tokio::net::TcpStream::connect(address).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

/// The checks named in the environment.
pub fn checks_from_env() -> Vec<Check> {
    let list = |name: &str| std::env::var(name).unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let mut checks: Vec<Check> = list("${env['checkUrls']}").into_iter().map(Check::Http).collect();
    checks.extend(list("${env['checkTcp']}").into_iter().map(Check::Tcp));
    checks
}

/// Runs every check in parallel; (all passed, JSON body).
pub async fn readiness(checks: &[Check], http: &reqwest::Client) -> (bool, serde_json::Value) {
    let mut tasks = tokio::task::JoinSet::new();
    for check in checks.iter().cloned() {
        let http = http.clone();
        tasks.spawn(async move {
            let started = Instant::now();
            let outcome = match tokio::time::timeout(CHECK_TIMEOUT, check.run(&http)).await {
                Ok(result) => result,
                Err(_) => Err("timed out".to_string()),
            };
            (check.name(), outcome, started.elapsed().as_millis() as u64)
        });
    }
    let mut results = Vec::new();
    let mut all_ok = true;
    while let Some(joined) = tasks.join_next().await {
        let (name, outcome, ms) = joined.unwrap_or_else(|e| ("check".to_string(), Err(e.to_string()), 0));
        all_ok &= outcome.is_ok();
        results.push(match outcome {
            Ok(()) => json!({ "name": name, "ok": true, "ms": ms }),
            Err(error) => json!({ "name": name, "ok": false, "ms": ms, "error": error }),
        });
    }
    (all_ok, json!({ "status": if all_ok { "ok" } else { "unavailable" }, "checks": results }))
}

fn json_response(status: StatusCode, body: serde_json::Value) -> Response<Body> {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert("content-type", hyper::header::HeaderValue::from_static("application/json"));
    response.headers_mut().insert("cache-control", hyper::header::HeaderValue::from_static("no-store"));
    response
}

/// Serves /healthz and /readyz on \`addr\` (port from ${env['port']}, default 8081: see port_from_env).
pub async fn serve(addr: SocketAddr) -> Result<(), hyper::Error> {
    let checks = Arc::new(checks_from_env());
    let http = reqwest::Client::builder().timeout(CHECK_TIMEOUT).build().unwrap_or_default();
    let make = make_service_fn(move |_| {
        let (checks, http) = (checks.clone(), http.clone());
        async move {
            Ok::<_, Infallible>(service_fn(move |request: Request<Body>| {
                let (checks, http) = (checks.clone(), http.clone());
                async move {
                    Ok::<_, Infallible>(match request.uri().path() {
                        "/healthz" => json_response(StatusCode::OK, json!({ "status": "ok" })),
                        "/readyz" => {
                            let (ok, body) = readiness(&checks, &http).await;
                            json_response(if ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE }, body)
                        }
                        _ => json_response(StatusCode::NOT_FOUND, json!({ "error": "not found" })),
                    })
                }
            }))
        }
    });
    Server::bind(&addr).serve(make).await
}

pub fn port_from_env() -> u16 {
    std::env::var("${env['port']}").ok().and_then(|p| p.parse().ok()).unwrap_or(8081)
}
`;
}
