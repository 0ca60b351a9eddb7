/** Python REST client: requests + the resilience module. */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

function auth(options: ResolvedOptions): string {
  const { env } = options;
  switch (options.auth) {
    case 'bearer': return `        session.headers["Authorization"] = "Bearer " + _required(env, "${env['token']}")\n`;
    case 'api-key': return `        session.headers["X-API-Key"] = _required(env, "${env['apiKey']}")\n`;
    case 'basic': return `        session.auth = (_required(env, "${env['username']}"), _required(env, "${env['password']}"))\n`;
    default: return '';
  }
}

export function pyRestClient(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const { env } = options;
  return `"""HTTP client for "${options.name}". ${provenance(options, 'rest-client')}

Resilience: ${describePolicy(options.resilience)}.
Retries only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) unless the request carries
an Idempotency-Key; retried statuses: 408, 429, 500, 502, 503, 504, and connection errors and
timeouts. Retry-After (seconds or HTTP-date) is honoured up to max_delay; a longer wait gives up.
"""
from __future__ import annotations

import os
import time
from email.utils import parsedate_to_datetime
from typing import Any, Mapping, Optional
from urllib.parse import urljoin

import requests

from .resilience import POLICY, Policy, retry

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class MissingConfigError(Exception):
    """A required environment variable is not set (its value is never printed)."""


class ${cls}HttpError(Exception):
    """The API answered with a non-2xx status (after any retries)."""

    def __init__(self, status: int, body: str, retry_after: Optional[float] = None) -> None:
        super().__init__(f"${options.name} answered HTTP {status}")
        self.status = status
        self.body = body
        self.retry_after = retry_after


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "")
    if not value:
        raise MissingConfigError(f"environment variable {name} is not set")
    return value


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Retry-After in seconds: delta-seconds or an HTTP-date; None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, ${cls}HttpError):
        return error.status in RETRY_STATUSES
    return isinstance(error, (requests.ConnectionError, requests.Timeout))


class ${cls}Client:
    """Reads ${env['baseUrl']} and the credentials from the environment, never from code."""

    def __init__(self, env: Optional[Mapping[str, str]] = None, policy: Policy = POLICY) -> None:
        env = os.environ if env is None else env
        self.base_url = _required(env, "${env['baseUrl']}").rstrip("/") + "/"
        self.policy = policy
        session = requests.Session()
        session.headers["Accept"] = "application/json"
${auth(options)}        self.session = session

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> Any:
        return self.request("POST", path, json=json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any) -> Any:
        return self.request("PUT", path, json=json, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.request("DELETE", path, **kwargs)

    def request(
        self,
        method: str,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        json: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        idempotency_key: Optional[str] = None,
    ) -> Any:
        """One logical request (possibly several attempts); returns the parsed JSON body, or None."""
        method = method.upper()
        url = urljoin(self.base_url, path.lstrip("/"))
        all_headers = dict(headers or {})
        if idempotency_key:
            all_headers["Idempotency-Key"] = idempotency_key
        retryable = method in IDEMPOTENT or "Idempotency-Key" in all_headers

        def attempt(_: int) -> Any:
            response = self.session.request(method, url, params=params, json=json, headers=all_headers, timeout=self.policy.timeout)
            if response.status_code >= 400:
                raise ${cls}HttpError(response.status_code, response.text[:2000], parse_retry_after(response.headers.get("Retry-After")))
            if response.status_code == 204 or method == "HEAD" or not response.content:
                return None
            return response.json()

        def delay_for(error: BaseException) -> Optional[float]:
            if isinstance(error, ${cls}HttpError) and error.retry_after is not None:
                if error.retry_after > self.policy.max_delay:
                    raise error  # the server asks for a longer wait than the policy allows: give up now
                return error.retry_after
            return None

        return retry(
            attempt,
            is_retryable=lambda error: retryable and _is_transient(error),
            counts_as_failure=_is_transient,
            delay_for=delay_for,
            policy=self.policy,
        )
`;
}
