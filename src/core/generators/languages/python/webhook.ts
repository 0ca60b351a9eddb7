/** Python webhook receiver: http.server + hmac, standard library only. */
import { snakeCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { provenance } from '../common';

const SCHEME = `Signature scheme: the sender puts the Unix time in seconds in X-Webhook-Timestamp and
"sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + raw_body)) in X-Webhook-Signature. The receiver
recomputes it over the raw bytes, compares in constant time (hmac.compare_digest), rejects timestamps
more than the tolerance away from now, and rejects a signature already accepted within the window.`;

export function pyWebhookVerify(options: ResolvedOptions): string {
  return `"""Webhook signature verification for "${options.name}". ${provenance(options, 'webhook-receiver')}

${SCHEME}
"""
from __future__ import annotations

import hashlib
import hmac
import re
import threading
import time
from collections import OrderedDict
from typing import Mapping, Optional

SIGNATURE_HEADER = "X-Webhook-Signature"
TIMESTAMP_HEADER = "X-Webhook-Timestamp"
DEFAULT_TOLERANCE_SECONDS = 300
_SIGNATURE = re.compile(r"^sha256=[0-9a-fA-F]{64}$")
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")


def sign(raw_body: bytes, secret: str, timestamp: int) -> str:
    """The signature a sender computes."""
    digest = hmac.new(secret.encode("utf-8"), str(timestamp).encode("ascii") + b"." + raw_body, hashlib.sha256).hexdigest()
    return "sha256=" + digest


class ReplayGuard:
    """Remembers accepted signatures for the tolerance window (in memory: share it across instances)."""

    def __init__(self, tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS, max_entries: int = 100_000) -> None:
        self._tolerance = tolerance_seconds
        self._max = max_entries
        self._seen: "OrderedDict[str, int]" = OrderedDict()
        self._lock = threading.Lock()

    def first_use(self, signature: str, now: int) -> bool:
        with self._lock:
            while self._seen:
                oldest_key, oldest_at = next(iter(self._seen.items()))
                if oldest_at >= now - self._tolerance and len(self._seen) < self._max:
                    break
                del self._seen[oldest_key]
            if signature in self._seen:
                return False
            self._seen[signature] = now
            return True


def verify_webhook(
    raw_body: bytes,
    headers: Mapping[str, str],
    secret: str,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: Optional[float] = None,
    replay_guard: Optional[ReplayGuard] = None,
) -> Optional[str]:
    """None when the request is authentic; otherwise the reason it is not."""
    lowered = {key.lower(): value for key, value in headers.items()}
    signature = lowered.get(SIGNATURE_HEADER.lower())
    timestamp = lowered.get(TIMESTAMP_HEADER.lower())
    if signature is None or timestamp is None:
        return "missing-headers"
    if not _TIMESTAMP.match(timestamp) or not _SIGNATURE.match(signature):
        return "malformed"
    now_seconds = int(time.time() if now is None else now)
    if abs(now_seconds - int(timestamp)) > tolerance_seconds:
        return "stale-timestamp"
    expected = sign(raw_body, secret, int(timestamp))
    if not hmac.compare_digest(expected.encode("ascii"), signature.lower().encode("ascii")):
        return "bad-signature"
    if replay_guard is not None and not replay_guard.first_use(signature.lower(), now_seconds):
        return "replayed"
    return None
`;
}

export function pyWebhookServer(options: ResolvedOptions): string {
  const fn = snakeCase(options.name);
  const { env } = options;
  return `"""HTTP receiver for "${options.name}" webhooks: POST /webhooks/${options.name}. ${provenance(options, 'webhook-receiver')}

Answers 204 once the handler returned, 401 for a missing, wrong, stale or replayed signature, 413
for bodies over the limit, 400 for a body that is not JSON, 500 if the handler raises (so the sender
retries). The secret comes from ${env['secret']}, the port from ${env['port']}.

    python -m <package>.server    # serves until interrupted
"""
from __future__ import annotations

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Mapping, Optional

from .verify import ReplayGuard, verify_webhook

MAX_BODY_BYTES = 1024 * 1024
WebhookHandler = Callable[[Any], None]


class MissingConfigError(Exception):
    """A required environment variable is not set (its value is never printed)."""


def create_${fn}_server(handler: WebhookHandler, env: Optional[Mapping[str, str]] = None, host: str = "0.0.0.0", port: Optional[int] = None) -> ThreadingHTTPServer:
    """Builds the server; call serve_forever() on it. Port 0 picks a free port (server.server_address)."""
    env = os.environ if env is None else env
    secret = env.get("${env['secret']}", "")
    if not secret:
        raise MissingConfigError("environment variable ${env['secret']} is not set")
    replay_guard = ReplayGuard()

    class Receiver(BaseHTTPRequestHandler):
        def _reply(self, status: int, text: str = "") -> None:
            body = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802 - the name http.server dispatches to
            if self.path.split("?")[0] != "/webhooks/${options.name}":
                return self._reply(404, "not found")
            try:
                length = int(self.headers.get("Content-Length", "0"))
            except ValueError:
                return self._reply(400, "bad Content-Length")
            if length < 0 or length > MAX_BODY_BYTES:
                return self._reply(413, "body too large")
            raw_body = self.rfile.read(length)
            if verify_webhook(raw_body, dict(self.headers.items()), secret, replay_guard=replay_guard) is not None:
                return self._reply(401, "invalid signature")
            try:
                event = json.loads(raw_body)
            except ValueError:
                return self._reply(400, "body is not JSON")
            try:
                handler(event)
            except Exception as error:  # noqa: BLE001 - reported as 500 so the sender retries
                print(f"${options.name} webhook handler failed: {type(error).__name__}", file=sys.stderr)
                return self._reply(500, "handler failed")
            return self._reply(204)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keeps request lines off stdout
            sys.stderr.write("webhook %s\\n" % (format % args))

    return ThreadingHTTPServer((host, int(env.get("${env['port']}", "8080")) if port is None else port), Receiver)


if __name__ == "__main__":
    server = create_${fn}_server(lambda event: print(json.dumps(event)))
    print(f"listening on {server.server_address[0]}:{server.server_address[1]}", flush=True)
    server.serve_forever()
`;
}
