/** Rust webhook receiver (hyper 0.14 + hmac/sha2) and OAuth2 PKCE client (reqwest + sha2 + rand). */
import type { ResolvedOptions } from '../../types';
import { provenance } from '../common';

export function rustWebhook(options: ResolvedOptions): string {
  const { env } = options;
  return `//! Webhook receiver for "${options.name}": POST /webhooks/${options.name}. ${provenance(options, 'webhook-receiver')}
//! Signature scheme: the sender puts the Unix time in seconds in X-Webhook-Timestamp and
//! "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + raw_body)) in X-Webhook-Signature. The
//! receiver recomputes it over the raw bytes, compares in constant time (Mac::verify_slice),
//! rejects timestamps more than the tolerance away from now, and rejects a signature already
//! accepted within the window (a replay). Answers 204, 401, 413, 400 or 500.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use hyper::body::HttpBody;
use hyper::service::{make_service_fn, service_fn};
use hyper::{Body, Method, Request, Response, Server, StatusCode};
use sha2::Sha256;

pub const TOLERANCE_SECONDS: u64 = 300;
const MAX_BODY_BYTES: usize = 1024 * 1024;

#[derive(Debug, PartialEq, Eq)]
pub enum VerifyError {
    MissingHeaders,
    Malformed,
    StaleTimestamp,
    BadSignature,
    Replayed,
}

/// The signature a sender computes.
pub fn sign(raw_body: &[u8], secret: &[u8], timestamp: u64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(format!("{}.", timestamp).as_bytes());
    mac.update(raw_body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Remembers accepted signatures for the tolerance window (in memory: share it across instances).
#[derive(Default)]
pub struct ReplayGuard {
    seen: Mutex<HashMap<String, u64>>,
}

impl ReplayGuard {
    pub fn first_use(&self, signature: &str, now: u64) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        seen.retain(|_, at| now.saturating_sub(*at) <= TOLERANCE_SECONDS);
        seen.insert(signature.to_string(), now).is_none()
    }
}

/// Checks one request; \`now\` is the Unix time in seconds.
pub fn verify(raw_body: &[u8], signature: Option<&str>, timestamp: Option<&str>, secret: &[u8], now: u64, guard: Option<&ReplayGuard>) -> Result<(), VerifyError> {
    let (signature, timestamp) = match (signature, timestamp) {
        (Some(s), Some(t)) => (s, t),
        _ => return Err(VerifyError::MissingHeaders),
    };
    let hex_part = signature.strip_prefix("sha256=").ok_or(VerifyError::Malformed)?;
    if hex_part.len() != 64 || timestamp.is_empty() || timestamp.len() > 12 || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(VerifyError::Malformed);
    }
    let given = hex::decode(hex_part).map_err(|_| VerifyError::Malformed)?;
    let seconds: u64 = timestamp.parse().map_err(|_| VerifyError::Malformed)?;
    if now.abs_diff(seconds) > TOLERANCE_SECONDS {
        return Err(VerifyError::StaleTimestamp);
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(format!("{}.", seconds).as_bytes());
    mac.update(raw_body);
    mac.verify_slice(&given).map_err(|_| VerifyError::BadSignature)?; // constant-time comparison
    if let Some(guard) = guard {
        if !guard.first_use(&hex_part.to_ascii_lowercase(), now) {
            return Err(VerifyError::Replayed);
        }
    }
    Ok(())
}

fn reply(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response
}

async fn read_limited(mut body: Body) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk.ok()?;
        if out.len() + chunk.len() > MAX_BODY_BYTES {
            return None;
        }
        out.extend_from_slice(&chunk);
    }
    Some(out)
}

/// Serves the receiver on \`addr\`; the secret comes from ${env['secret']}. \`handle\` gets the raw JSON body.
pub async fn serve<H>(addr: SocketAddr, handle: H) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
where
    H: Fn(serde_json::Value) -> Result<(), String> + Send + Sync + 'static,
{
    let secret = std::env::var("${env['secret']}").ok().filter(|s| !s.is_empty()).ok_or("environment variable ${env['secret']} is not set")?;
    let secret = Arc::new(secret.into_bytes());
    let guard = Arc::new(ReplayGuard::default());
    let handle = Arc::new(handle);
    let make = make_service_fn(move |_| {
        let (secret, guard, handle) = (secret.clone(), guard.clone(), handle.clone());
        async move {
            Ok::<_, Infallible>(service_fn(move |request: Request<Body>| {
                let (secret, guard, handle) = (secret.clone(), guard.clone(), handle.clone());
                async move {
                    if request.method() != Method::POST || request.uri().path() != "/webhooks/${options.name}" {
                        return Ok::<_, Infallible>(reply(StatusCode::NOT_FOUND, "not found"));
                    }
                    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
                    let (signature, timestamp) = (header("x-webhook-signature"), header("x-webhook-timestamp"));
                    let raw = match read_limited(request.into_body()).await {
                        Some(raw) => raw,
                        None => return Ok(reply(StatusCode::PAYLOAD_TOO_LARGE, "body too large")),
                    };
                    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
                    if verify(&raw, signature.as_deref(), timestamp.as_deref(), &secret, now, Some(&guard)).is_err() {
                        return Ok(reply(StatusCode::UNAUTHORIZED, "invalid signature"));
                    }
                    let event: serde_json::Value = match serde_json::from_slice(&raw) {
                        Ok(event) => event,
                        Err(_) => return Ok(reply(StatusCode::BAD_REQUEST, "body is not JSON")),
                    };
                    match handle(event) {
                        Ok(()) => Ok(reply(StatusCode::NO_CONTENT, "")),
                        Err(_) => Ok(reply(StatusCode::INTERNAL_SERVER_ERROR, "handler failed")),
                    }
                }
            }))
        }
    });
    Server::bind(&addr).serve(make).await?;
    Ok(())
}

/// The port from ${env['port']} (default 8080).
pub fn port_from_env() -> u16 {
    std::env::var("${env['port']}").ok().and_then(|p| p.parse().ok()).unwrap_or(8080)
}
`;
}

export function rustOAuth2(options: ResolvedOptions): string {
  const { env } = options;
  return `//! OAuth2 / OIDC authorization code flow with PKCE for "${options.name}". ${provenance(options, 'oauth2-client')}
//! Flow: begin() returns the URL to send the browser to plus the state and code verifier, which the
//! app keeps server-side (session), never in the URL. On the redirect back, complete() checks the
//! returned state in constant time, then exchanges the code with the PKCE verifier (S256). The
//! token request is not retried: a code is single-use.

use std::fmt;
use std::time::Duration;

use rand::RngCore;
use reqwest::Url;
use serde_json::Value;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

const TOKEN_TIMEOUT: Duration = Duration::from_millis(${options.resilience.policy.timeoutMs});

pub struct Config {
    pub authorize_url: String,
    pub token_url: String,
    pub client_id: String,
    /// Empty for a public client (PKCE alone); sent with HTTP Basic auth when set.
    pub client_secret: String,
    pub redirect_uri: String,
    pub scopes: String,
}

pub struct Pending {
    pub url: String,
    pub state: String,
    pub code_verifier: String,
}

#[derive(Debug)]
pub enum OAuthError {
    MissingConfig(&'static str),
    StateMismatch,
    Provider { error: String, description: Option<String>, status: u16 },
    Transport(reqwest::Error),
    InvalidUrl(String),
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OAuthError::MissingConfig(name) => write!(f, "environment variable {} is not set", name),
            OAuthError::StateMismatch => write!(f, "state does not match the login that was started"),
            OAuthError::Provider { error, description, .. } => write!(f, "OAuth error {}: {}", error, description.as_deref().unwrap_or("")),
            OAuthError::Transport(error) => write!(f, "transport error: {}", error),
            OAuthError::InvalidUrl(reason) => write!(f, "invalid URL: {}", reason),
        }
    }
}

impl std::error::Error for OAuthError {}

fn required(name: &'static str) -> Result<String, OAuthError> {
    std::env::var(name).ok().filter(|v| !v.is_empty()).ok_or(OAuthError::MissingConfig(name))
}

impl Config {
    pub fn from_env() -> Result<Self, OAuthError> {
        Ok(Config {
            authorize_url: required("${env['authorizeUrl']}")?,
            token_url: required("${env['tokenUrl']}")?,
            client_id: required("${env['clientId']}")?,
            client_secret: std::env::var("${env['clientSecret']}").unwrap_or_default(),
            redirect_uri: required("${env['redirectUri']}")?,
            scopes: std::env::var("${env['scopes']}").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "openid profile".to_string()),
        })
    }
}

/// Base64url without padding (RFC 4648 section 5), as PKCE requires.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity((bytes.len() * 4 + 2) / 3);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn random_url_safe(len: usize) -> String {
    let mut buffer = vec![0u8; len];
    rand::thread_rng().fill_bytes(&mut buffer);
    base64url(&buffer)
}

/// The S256 challenge of a verifier (RFC 7636).
pub fn pkce_challenge(verifier: &str) -> String {
    base64url(&Sha256::digest(verifier.as_bytes()))
}

/// Starts a login: keep state and code_verifier in the session, redirect to url.
pub fn begin(config: &Config) -> Result<Pending, OAuthError> {
    let code_verifier = random_url_safe(32);
    let state = random_url_safe(16);
    let url = Url::parse_with_params(&config.authorize_url, &[
        ("response_type", "code"),
        ("client_id", config.client_id.as_str()),
        ("redirect_uri", config.redirect_uri.as_str()),
        ("scope", config.scopes.as_str()),
        ("state", state.as_str()),
        ("code_challenge", pkce_challenge(&code_verifier).as_str()),
        ("code_challenge_method", "S256"),
    ])
    .map_err(|e| OAuthError::InvalidUrl(e.to_string()))?;
    Ok(Pending { url: url.to_string(), state, code_verifier })
}

/// Handles the redirect back; returns the token response as JSON.
pub async fn complete(config: &Config, code: &str, returned_state: &str, pending: &Pending) -> Result<Value, OAuthError> {
    if returned_state.is_empty() || !bool::from(returned_state.as_bytes().ct_eq(pending.state.as_bytes())) {
        return Err(OAuthError::StateMismatch);
    }
    token_request(config, vec![
        ("grant_type", "authorization_code".to_string()),
        ("code", code.to_string()),
        ("redirect_uri", config.redirect_uri.clone()),
        ("code_verifier", pending.code_verifier.clone()),
    ])
    .await
}

/// Exchanges a refresh token for new tokens.
pub async fn refresh(config: &Config, refresh_token: &str) -> Result<Value, OAuthError> {
    token_request(config, vec![("grant_type", "refresh_token".to_string()), ("refresh_token", refresh_token.to_string())]).await
}

async fn token_request(config: &Config, mut form: Vec<(&'static str, String)>) -> Result<Value, OAuthError> {
    let client = reqwest::Client::builder().timeout(TOKEN_TIMEOUT).build().map_err(OAuthError::Transport)?;
    let mut request = client.post(&config.token_url).header("Accept", "application/json");
    if config.client_secret.is_empty() {
        form.push(("client_id", config.client_id.clone()));
    } else {
        request = request.basic_auth(&config.client_id, Some(&config.client_secret));
    }
    let response = request.form(&form).send().await.map_err(OAuthError::Transport)?;
    let status = response.status().as_u16();
    let payload: Value = response.json().await.unwrap_or(Value::Null);
    if status >= 400 || !payload.get("access_token").map_or(false, Value::is_string) {
        return Err(OAuthError::Provider {
            error: payload.get("error").and_then(Value::as_str).unwrap_or("invalid_response").to_string(),
            description: payload.get("error_description").and_then(Value::as_str).map(str::to_string),
            status,
        });
    }
    Ok(payload)
}
`;
}
