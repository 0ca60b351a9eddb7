/** Python database access with a read-through cache: psycopg 3 + redis-py. */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function pyDatabaseCache(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const { env } = options;
  return `"""PostgreSQL access with a Redis read-through cache for "${options.name}". ${provenance(options, 'database-cache')}

Resilience: ${describePolicy(options.resilience)}.
Reads try Redis first, then PostgreSQL, then fill Redis with a TTL. When Redis is down the
repository keeps answering from PostgreSQL (the cache fails open). Writes are not retried unless
marked idempotent, and delete the cache keys they name. One connection, guarded by a lock and
reopened after a connection failure; for many threads use psycopg_pool.ConnectionPool instead.

    repo = ${cls}Repository()
    rows = repo.cached_query("user:42", "SELECT * FROM users WHERE id = %s", (42,))
    repo.execute("UPDATE users SET name = %s WHERE id = %s", ("Ada", 42), invalidate=["user:42"])
"""
from __future__ import annotations

import json
import os
import threading
from typing import Any, Mapping, Optional, Sequence

import psycopg
import redis
from psycopg.rows import dict_row

from .resilience import POLICY, Policy, log_event, retry


class MissingConfigError(Exception):
    """A required environment variable is not set (its value is never printed)."""


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "")
    if not value:
        raise MissingConfigError(f"environment variable {name} is not set")
    return value


def _is_transient(error: BaseException) -> bool:
    # Connection failures, server shutdown, serialization conflicts and deadlocks succeed when tried again.
    return isinstance(error, (psycopg.OperationalError, psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected))


class ${cls}Repository:
    def __init__(self, env: Optional[Mapping[str, str]] = None, policy: Policy = POLICY) -> None:
        env = os.environ if env is None else env
        self._dsn = _required(env, "${env['databaseUrl']}")
        self.policy = policy
        ttl = env.get("${env['cacheTtl']}", "300")
        self.ttl_seconds = int(ttl) if ttl.isdigit() and int(ttl) > 0 else 300
        self._key_prefix = "${options.name}:"
        self._lock = threading.Lock()
        self._conn: Optional[psycopg.Connection[Any]] = None
        self._redis = redis.Redis.from_url(
            _required(env, "${env['redisUrl']}"),
            socket_timeout=policy.timeout,
            socket_connect_timeout=policy.timeout,
            decode_responses=True,
        )

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed:
            timeout_ms = int(self.policy.timeout * 1000)
            self._conn = psycopg.connect(
                self._dsn,
                connect_timeout=max(1, int(self.policy.timeout)),
                options=f"-c statement_timeout={timeout_ms}",
                autocommit=True,
                row_factory=dict_row,
            )
        return self._conn

    def _run(self, sql: str, params: Sequence[Any], fetch: bool) -> Any:
        with self._lock:
            try:
                with self._connection().cursor() as cursor:
                    cursor.execute(sql, params)
                    return cursor.fetchall() if fetch else cursor.rowcount
            except psycopg.OperationalError:
                if self._conn is not None:
                    self._conn.close()  # reconnect on the next attempt
                raise

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """A read query with statement timeout, retries for transient failures and the circuit breaker."""
        return retry(lambda _: self._run(sql, params, True), is_retryable=_is_transient, policy=self.policy)

    def cached_query(self, key: str, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """A read through the cache: Redis hit, else the query, whose rows are then cached for the TTL."""
        cache_key = self._key_prefix + key
        try:
            hit = self._redis.get(cache_key)
        except redis.RedisError as error:
            log_event("cache.read_failed", error=type(error).__name__)
            hit = None
        if isinstance(hit, str):
            log_event("cache.hit", key=key)
            return list(json.loads(hit))
        log_event("cache.miss", key=key)
        rows = self.query(sql, params)
        try:
            self._redis.setex(cache_key, self.ttl_seconds, json.dumps(rows, default=str))
        except redis.RedisError as error:
            log_event("cache.write_failed", error=type(error).__name__)
        return rows

    def execute(self, sql: str, params: Sequence[Any] = (), invalidate: Sequence[str] = (), idempotent: bool = False) -> int:
        """A write. Retried only when idempotent=True; deletes the named cache keys afterwards."""
        count = retry(
            lambda _: self._run(sql, params, False),
            is_retryable=lambda error: idempotent and _is_transient(error),
            counts_as_failure=_is_transient,
            policy=self.policy,
        )
        if invalidate:
            self.invalidate(*invalidate)
        return int(count)

    def invalidate(self, *keys: str) -> None:
        try:
            self._redis.delete(*(self._key_prefix + key for key in keys))
        except redis.RedisError as error:
            log_event("cache.invalidate_failed", keys=list(keys), error=type(error).__name__)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._redis.close()
`;
}
