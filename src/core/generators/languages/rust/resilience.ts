/** The Rust resilience module copied into each integration module (tokio + rand). */
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function rustResilience(options: ResolvedOptions): string {
  const p = options.resilience.policy;
  const breaker = p.circuitBreaker
    ? `Some(BreakerPolicy { failure_threshold: ${p.circuitBreaker.failureThreshold}, half_open_after: Duration::from_millis(${p.circuitBreaker.halfOpenAfterMs}) })`
    : 'None';
  const log = options.monitoring
    ? `/// One JSON object per line on stderr: monitoring is on for this integration.
pub fn log_event(event: &str, fields: serde_json::Value) {
    let mut record = serde_json::json!({ "integration": ${JSON.stringify(options.name)}, "event": event, "unix_ms": std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0) });
    if let (Some(target), serde_json::Value::Object(extra)) = (record.as_object_mut(), fields) {
        target.extend(extra);
    }
    eprintln!("{}", record);
}`
    : `/// Monitoring is off for this integration: events are dropped. Route them to your logger to see them.
pub fn log_event(_event: &str, _fields: serde_json::Value) {}`;
  return `//! Resilience primitives for "${options.name}". ${provenance(options, 'resilience')}
//! ${describePolicy(options.resilience)}.
//!
//! Semantics: \`max_retries\` counts retries, not attempts (3 means at most 4 calls). Delays follow
//! exponential backoff with decorrelated jitter (Polly's DecorrelatedJitterBackoffV2), capped at
//! \`max_delay\`. Each attempt runs under \`tokio::time::timeout\`; an overrun is \`RetryError::Timeout\`.

use std::fmt;
use std::future::Future;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub struct BreakerPolicy {
    pub failure_threshold: u32,
    pub half_open_after: Duration,
}

pub struct Policy {
    pub timeout: Duration,
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    pub breaker: Option<BreakerPolicy>,
}

/// The policy chosen when the code was generated.
pub const POLICY: Policy = Policy {
    timeout: Duration::from_millis(${p.timeoutMs}),
    max_retries: ${p.maxRetries},
    base_delay: Duration::from_millis(${p.baseDelayMs}),
    max_delay: Duration::from_millis(${p.maxDelayMs}),
    breaker: ${breaker},
};

${log}

/// Successive backoff delays (an endless iterator).
pub struct Backoff {
    attempt: f64,
    previous: f64,
    base_ms: f64,
    max_ms: f64,
}

impl Backoff {
    pub fn new(policy: &Policy) -> Self {
        Backoff { attempt: 0.0, previous: 0.0, base_ms: policy.base_delay.as_millis() as f64, max_ms: policy.max_delay.as_millis() as f64 }
    }
}

impl Iterator for Backoff {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        let t = self.attempt + rand::random::<f64>();
        let next = 2f64.powf(t) * (4.0 * t).sqrt().tanh();
        let delay = ((next - self.previous).max(0.0) / 1.4 * self.base_ms).min(self.max_ms);
        self.attempt += 1.0;
        self.previous = next;
        Some(Duration::from_millis(delay as u64))
    }
}

/// The delay before retry number \`retry_index\` (0-based) when no state is kept between tries.
pub fn backoff_delay(retry_index: u32, policy: &Policy) -> Duration {
    Backoff::new(policy).nth(retry_index as usize).unwrap_or(policy.max_delay)
}

#[derive(Debug)]
pub enum RetryError<E> {
    /// The last attempt ran past the policy's timeout.
    Timeout,
    /// The circuit is open: the call was rejected without being attempted.
    BrokenCircuit,
    /// The last attempt failed with this error.
    Failed(E),
}

impl<E: fmt::Display> fmt::Display for RetryError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryError::Timeout => write!(f, "attempt timed out"),
            RetryError::BrokenCircuit => write!(f, "circuit open: failing fast without calling"),
            RetryError::Failed(error) => write!(f, "{}", error),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for RetryError<E> {}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CircuitState {
    Closed,
    Open,
    HalfOpen,
}

struct BreakerState {
    state: CircuitState,
    failures: u32,
    opened_at: Option<Instant>,
    trial_in_flight: bool,
}

/// Closed, then open after N consecutive failures, then half-open after a pause (one trial call).
pub struct CircuitBreaker {
    failure_threshold: u32,
    half_open_after: Duration,
    inner: Mutex<BreakerState>,
}

impl CircuitBreaker {
    pub fn new(policy: &BreakerPolicy) -> Self {
        CircuitBreaker {
            failure_threshold: policy.failure_threshold,
            half_open_after: policy.half_open_after,
            inner: Mutex::new(BreakerState { state: CircuitState::Closed, failures: 0, opened_at: None, trial_in_flight: false }),
        }
    }

    fn transition(inner: &mut BreakerState, state: CircuitState) {
        if inner.state != state {
            inner.state = state;
            log_event("breaker.state", serde_json::json!({ "state": format!("{:?}", state) }));
        }
    }

    /// Asks to make a call: Some(is_trial) when allowed, None when the circuit is open.
    pub fn try_acquire(&self) -> Option<bool> {
        let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if inner.state == CircuitState::Open && inner.opened_at.map_or(false, |at| at.elapsed() >= self.half_open_after) {
            Self::transition(&mut inner, CircuitState::HalfOpen);
        }
        match inner.state {
            CircuitState::Closed => Some(false),
            CircuitState::HalfOpen if !inner.trial_in_flight => {
                inner.trial_in_flight = true;
                Some(true)
            }
            _ => None,
        }
    }

    /// Records the outcome of an acquired call; \`failed\` only for failures that count against the circuit.
    pub fn record(&self, trial: bool, failed: bool) {
        let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if trial {
            inner.trial_in_flight = false;
        }
        if failed {
            inner.failures += 1;
            if trial || inner.failures >= self.failure_threshold {
                inner.opened_at = Some(Instant::now());
                Self::transition(&mut inner, CircuitState::Open);
            }
        } else {
            inner.failures = 0;
            Self::transition(&mut inner, CircuitState::Closed);
        }
    }
}

/// One breaker per integration, shared by every call through this module.
pub fn breaker() -> Option<&'static CircuitBreaker> {
    static BREAKER: OnceLock<Option<CircuitBreaker>> = OnceLock::new();
    BREAKER.get_or_init(|| POLICY.breaker.as_ref().map(CircuitBreaker::new)).as_ref()
}

/// How retry() treats a failure.
pub struct Classify<'a, E> {
    pub is_retryable: &'a dyn Fn(&E) -> bool,
    /// Whether the failure counts against the breaker (default: is_retryable).
    pub counts_as_failure: Option<&'a dyn Fn(&E) -> bool>,
    /// A delay the failure asks for (Retry-After): Some(Ok(delay)), or Some(Err(())) to give up.
    pub delay_for: Option<&'a dyn Fn(&E) -> Option<Result<Duration, ()>>>,
}

/// Calls \`op(attempt)\` until it succeeds, a failure is not retryable, or the retries run out.
pub async fn retry<T, E, F, Fut>(policy: &Policy, classify: Classify<'_, E>, mut op: F) -> Result<T, RetryError<E>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut backoff = Backoff::new(policy);
    let mut attempt = 0u32;
    loop {
        let trial = match breaker() {
            Some(b) => match b.try_acquire() {
                Some(trial) => Some(trial),
                None => return Err(RetryError::BrokenCircuit),
            },
            None => None,
        };
        let started = Instant::now();
        let outcome = tokio::time::timeout(policy.timeout, op(attempt)).await;
        let (error, retryable, counts) = match outcome {
            Ok(Ok(value)) => {
                if let (Some(b), Some(trial)) = (breaker(), trial) {
                    b.record(trial, false);
                }
                log_event("attempt.ok", serde_json::json!({ "attempt": attempt, "ms": started.elapsed().as_millis() as u64 }));
                return Ok(value);
            }
            Ok(Err(error)) => {
                let retryable = (classify.is_retryable)(&error);
                let counts = classify.counts_as_failure.map_or(retryable, |f| f(&error));
                (RetryError::Failed(error), retryable, counts)
            }
            Err(_) => (RetryError::Timeout, true, true),
        };
        if let (Some(b), Some(trial)) = (breaker(), trial) {
            b.record(trial, counts);
        }
        log_event("attempt.failed", serde_json::json!({ "attempt": attempt, "retryable": retryable }));
        if !retryable || attempt >= policy.max_retries {
            return Err(error);
        }
        let mut delay = backoff.next().unwrap_or(policy.max_delay);
        if let (RetryError::Failed(failure), Some(delay_for)) = (&error, classify.delay_for) {
            match delay_for(failure) {
                Some(Ok(asked)) => delay = asked,
                Some(Err(())) => return Err(error),
                None => {}
            }
        }
        log_event("retry", serde_json::json!({ "attempt": attempt + 1, "delay_ms": delay.as_millis() as u64 }));
        tokio::time::sleep(delay).await;
        attempt += 1;
    }
}
`;
}
