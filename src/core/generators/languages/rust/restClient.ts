/** Rust REST client: reqwest 0.11 + the resilience module. */
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

function auth(options: ResolvedOptions): { fields: string; read: string; init: string; apply: string } {
  const { env } = options;
  switch (options.auth) {
    case 'bearer': return {
      fields: '    token: String,\n',
      read: `        let token = required("${env['token']}")?;\n`,
      init: ', token',
      apply: '            let request = request.bearer_auth(&self.token);\n',
    };
    case 'api-key': return {
      fields: '    api_key: String,\n',
      read: `        let api_key = required("${env['apiKey']}")?;\n`,
      init: ', api_key',
      apply: '            let request = request.header("X-API-Key", &self.api_key);\n',
    };
    case 'basic': return {
      fields: '    username: String,\n    password: String,\n',
      read: `        let username = required("${env['username']}")?;\n        let password = required("${env['password']}")?;\n`,
      init: ', username, password',
      apply: '            let request = request.basic_auth(&self.username, Some(&self.password));\n',
    };
    default: return { fields: '', read: '', init: '', apply: '' };
  }
}

export function rustRestClient(options: ResolvedOptions): string {
  const a = auth(options);
  return `//! HTTP client for "${options.name}". ${provenance(options, 'rest-client')}
//! Resilience: ${describePolicy(options.resilience)}.
//! Retries only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) unless the request
//! carries an Idempotency-Key; retried statuses: 408, 429, 500, 502, 503, 504, connection errors
//! and timeouts. Retry-After (seconds or HTTP-date) is honoured up to max_delay; a longer wait gives up.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use super::resilience::{retry, Classify, Policy, RetryError, POLICY};

#[derive(Debug)]
pub enum ClientError {
    /// A required environment variable is not set (its value is never printed).
    MissingConfig(&'static str),
    InvalidUrl(String),
    /// A non-2xx answer after any retries.
    Status { status: u16, body: String, retry_after: Option<Duration> },
    Transport(reqwest::Error),
    Decode(serde_json::Error),
    Timeout,
    BrokenCircuit,
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::MissingConfig(name) => write!(f, "environment variable {} is not set", name),
            ClientError::InvalidUrl(reason) => write!(f, "invalid URL: {}", reason),
            ClientError::Status { status, .. } => write!(f, "${options.name} answered HTTP {}", status),
            ClientError::Transport(error) => write!(f, "transport error: {}", error),
            ClientError::Decode(error) => write!(f, "invalid JSON: {}", error),
            ClientError::Timeout => write!(f, "attempt timed out"),
            ClientError::BrokenCircuit => write!(f, "circuit open: failing fast without calling"),
        }
    }
}

impl std::error::Error for ClientError {}

fn required(name: &'static str) -> Result<String, ClientError> {
    std::env::var(name).ok().filter(|value| !value.is_empty()).ok_or(ClientError::MissingConfig(name))
}

/// Retry-After: delta-seconds or an HTTP-date.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

fn is_transient(error: &ClientError) -> bool {
    match error {
        ClientError::Status { status, .. } => matches!(status, 408 | 429 | 500 | 502 | 503 | 504),
        ClientError::Transport(error) => error.is_connect() || error.is_timeout() || error.is_request(),
        _ => false,
    }
}

pub struct Client {
    http: reqwest::Client,
    base_url: Url,
    policy: &'static Policy,
${a.fields}}

impl Client {
    /// Reads ${options.env['baseUrl']} and the credentials from the environment.
    pub fn from_env() -> Result<Self, ClientError> {
        let base = required("${options.env['baseUrl']}")?;
        let base_url = Url::parse(&format!("{}/", base.trim_end_matches('/'))).map_err(|e| ClientError::InvalidUrl(e.to_string()))?;
${a.read}        let http = reqwest::Client::builder().connect_timeout(POLICY.timeout).build().map_err(ClientError::Transport)?;
        Ok(Client { http, base_url, policy: &POLICY${a.init} })
    }

    pub async fn get(&self, path: &str) -> Result<Option<Value>, ClientError> {
        self.request(Method::GET, path, None, None).await
    }

    pub async fn post(&self, path: &str, body: &Value, idempotency_key: Option<&str>) -> Result<Option<Value>, ClientError> {
        self.request(Method::POST, path, Some(body), idempotency_key).await
    }

    /// One logical request (possibly several attempts); the parsed JSON body, or None when empty.
    pub async fn request(&self, method: Method, path: &str, body: Option<&Value>, idempotency_key: Option<&str>) -> Result<Option<Value>, ClientError> {
        let url = self.base_url.join(path.trim_start_matches('/')).map_err(|e| ClientError::InvalidUrl(e.to_string()))?;
        let retryable = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::TRACE) || idempotency_key.is_some();
        let max_delay = self.policy.max_delay;
        let is_retryable = move |error: &ClientError| retryable && is_transient(error);
        let delay_for = move |error: &ClientError| match error {
            ClientError::Status { retry_after: Some(wait), .. } if *wait > max_delay => Some(Err(())),
            ClientError::Status { retry_after: Some(wait), .. } => Some(Ok(*wait)),
            _ => None,
        };
        let classify = Classify { is_retryable: &is_retryable, counts_as_failure: Some(&is_transient), delay_for: Some(&delay_for) };
        let outcome = retry(self.policy, classify, |_| {
            let request = self.http.request(method.clone(), url.clone()).timeout(self.policy.timeout).header("Accept", "application/json");
${a.apply}            let mut request = request;
            if let Some(key) = idempotency_key {
                request = request.header("Idempotency-Key", key);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            async move {
                let response = request.send().await.map_err(ClientError::Transport)?;
                let status = response.status();
                let retry_after = response.headers().get("Retry-After").and_then(|v| v.to_str().ok()).and_then(|v| parse_retry_after(v, SystemTime::now()));
                let text = response.text().await.map_err(ClientError::Transport)?; // read fully: the connection is reused
                if status.is_client_error() || status.is_server_error() {
                    return Err(ClientError::Status { status: status.as_u16(), body: text.chars().take(2000).collect(), retry_after });
                }
                if status == StatusCode::NO_CONTENT || text.is_empty() {
                    return Ok(None);
                }
                serde_json::from_str(&text).map(Some).map_err(ClientError::Decode)
            }
        })
        .await;
        outcome.map_err(|error| match error {
            RetryError::Failed(error) => error,
            RetryError::Timeout => ClientError::Timeout,
            RetryError::BrokenCircuit => ClientError::BrokenCircuit,
        })
    }
}
`;
}
