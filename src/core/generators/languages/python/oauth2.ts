/** Python OAuth2 authorization code + PKCE client: requests + secrets/hashlib/hmac. */
import type { ResolvedOptions } from '../../types';
import { provenance } from '../common';

export function pyOAuth2(options: ResolvedOptions): string {
  const { env } = options;
  return `"""OAuth2 / OIDC authorization code flow with PKCE for "${options.name}". ${provenance(options, 'oauth2-client')}

Flow: begin_authorization() returns the URL to send the browser to plus state and code_verifier,
which the app keeps server-side (session), never in the URL. On the redirect back,
complete_authorization() checks the returned state in constant time, then exchanges the code with
the PKCE verifier (S256). The token request is not retried: a code is single-use.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from typing import Any, Mapping, Optional
from urllib.parse import urlencode, urlsplit, urlunsplit

import requests

TOKEN_TIMEOUT_SECONDS = ${options.resilience.policy.timeoutMs / 1000}


class MissingConfigError(Exception):
    """A required environment variable is not set (its value is never printed)."""


class StateMismatchError(Exception):
    """The returned state does not match the one issued: a forged or mixed-up callback."""


class OAuthError(Exception):
    """The provider answered with an OAuth error (RFC 6749 section 5.2)."""

    def __init__(self, error: str, description: Optional[str], status: int) -> None:
        super().__init__(f"OAuth error {error}" + (f": {description}" if description else ""))
        self.error = error
        self.description = description
        self.status = status


@dataclass(frozen=True)
class OAuthConfig:
    authorize_url: str
    token_url: str
    client_id: str
    client_secret: Optional[str]
    redirect_uri: str
    scopes: str


@dataclass(frozen=True)
class PendingAuthorization:
    url: str
    state: str
    code_verifier: str


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "")
    if not value:
        raise MissingConfigError(f"environment variable {name} is not set")
    return value


def config_from_env(env: Optional[Mapping[str, str]] = None) -> OAuthConfig:
    env = os.environ if env is None else env
    return OAuthConfig(
        authorize_url=_required(env, "${env['authorizeUrl']}"),
        token_url=_required(env, "${env['tokenUrl']}"),
        client_id=_required(env, "${env['clientId']}"),
        client_secret=env.get("${env['clientSecret']}") or None,
        redirect_uri=_required(env, "${env['redirectUri']}"),
        scopes=env.get("${env['scopes']}") or "openid profile",
    )


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def create_pkce_pair() -> tuple[str, str]:
    """PKCE (RFC 7636): a 43-character verifier and its S256 challenge."""
    verifier = _base64url(secrets.token_bytes(32))
    return verifier, _base64url(hashlib.sha256(verifier.encode("ascii")).digest())


def begin_authorization(config: Optional[OAuthConfig] = None) -> PendingAuthorization:
    """Starts a login: keep state and code_verifier in the user's session, redirect to url."""
    config = config or config_from_env()
    verifier, challenge = create_pkce_pair()
    state = _base64url(secrets.token_bytes(16))
    query = urlencode({
        "response_type": "code",
        "client_id": config.client_id,
        "redirect_uri": config.redirect_uri,
        "scope": config.scopes,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    })
    parts = urlsplit(config.authorize_url)
    url = urlunsplit(parts._replace(query=(parts.query + "&" if parts.query else "") + query))
    return PendingAuthorization(url=url, state=state, code_verifier=verifier)


def _token_request(config: OAuthConfig, form: dict[str, str]) -> dict[str, Any]:
    auth = None
    if config.client_secret:
        auth = (config.client_id, config.client_secret)
    else:
        form = {**form, "client_id": config.client_id}
    response = requests.post(config.token_url, data=form, auth=auth, headers={"Accept": "application/json"}, timeout=TOKEN_TIMEOUT_SECONDS)
    try:
        payload = response.json()
    except ValueError:
        payload = {}
    if response.status_code >= 400 or not isinstance(payload.get("access_token"), str):
        raise OAuthError(str(payload.get("error", "invalid_response")), payload.get("error_description"), response.status_code)
    return dict(payload)


def complete_authorization(query: Mapping[str, str], pending: PendingAuthorization, config: Optional[OAuthConfig] = None) -> dict[str, Any]:
    """Handles the redirect back; query holds the callback's query parameters. Returns the token response."""
    config = config or config_from_env()
    returned = query.get("state", "")
    if not returned or not hmac.compare_digest(returned.encode("utf-8"), pending.state.encode("utf-8")):
        raise StateMismatchError("state does not match the login that was started")
    if query.get("error"):
        raise OAuthError(query["error"], query.get("error_description"), 400)
    code = query.get("code")
    if not code:
        raise OAuthError("invalid_request", "the callback carries no code", 400)
    return _token_request(config, {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": config.redirect_uri,
        "code_verifier": pending.code_verifier,
    })


def refresh_tokens(refresh_token: str, config: Optional[OAuthConfig] = None) -> dict[str, Any]:
    return _token_request(config or config_from_env(), {"grant_type": "refresh_token", "refresh_token": refresh_token})
`;
}
