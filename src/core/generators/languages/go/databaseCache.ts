/** Go database access with a read-through cache: database/sql + pgx stdlib + redigo. */
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function goDatabaseCache(options: ResolvedOptions): string {
  const { env } = options;
  return `// PostgreSQL access with a Redis read-through cache for "${options.name}". ${provenance(options, 'database-cache')}
// Resilience: ${describePolicy(options.resilience)}.
// Reads try Redis first, then PostgreSQL, then fill Redis with a TTL. When Redis is down the
// repository keeps answering from PostgreSQL (the cache fails open). Writes are not retried unless
// marked idempotent, and delete the cache keys they name.
//
//	repo, err := OpenRepository(ctx)
//	rows, err := repo.CachedQuery(ctx, "user:42", "SELECT * FROM users WHERE id = $1", 42)
package ${options.layout.module}

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/gomodule/redigo/redis"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// MissingConfigError names an environment variable that is not set (never its value).
type MissingConfigError struct{ Name string }

func (e *MissingConfigError) Error() string { return "environment variable " + e.Name + " is not set" }

func required(name string) (string, error) {
	value := os.Getenv(name)
	if value == "" {
		return "", &MissingConfigError{Name: name}
	}
	return value, nil
}

// Row is one result row, column name to value.
type Row = map[string]any

// Repository reads through Redis to PostgreSQL.
type Repository struct {
	db        *sql.DB
	cache     *redis.Pool
	ttl       time.Duration
	policy    Policy
	keyPrefix string
}

// OpenRepository connects to ${env['databaseUrl']} and ${env['redisUrl']}; ${env['cacheTtl']} sets the TTL in seconds.
func OpenRepository(ctx context.Context) (*Repository, error) {
	dsn, err := required("${env['databaseUrl']}")
	if err != nil {
		return nil, err
	}
	redisURL, err := required("${env['redisUrl']}")
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetConnMaxIdleTime(5 * time.Minute)
	ttl := 300
	if value, err := strconv.Atoi(os.Getenv("${env['cacheTtl']}")); err == nil && value > 0 {
		ttl = value
	}
	policy := DefaultPolicy
	pool := &redis.Pool{
		MaxIdle:     4,
		IdleTimeout: time.Minute,
		Dial: func() (redis.Conn, error) {
			return redis.DialURL(redisURL, redis.DialConnectTimeout(policy.Timeout), redis.DialReadTimeout(policy.Timeout), redis.DialWriteTimeout(policy.Timeout))
		},
	}
	return &Repository{db: db, cache: pool, ttl: time.Duration(ttl) * time.Second, policy: policy, keyPrefix: "${options.name}:"}, nil
}

func isTransient(err error) bool {
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, ErrAttemptTimeout) {
		return true
	}
	// SQLSTATE classes 08 (connection), 57P (shutdown), 40001/40P01 (serialization, deadlock).
	var coded interface{ SQLState() string }
	if errors.As(err, &coded) {
		state := coded.SQLState()
		return len(state) == 5 && (state[:2] == "08" || state[:3] == "57P" || state == "40001" || state == "40P01")
	}
	return false
}

func scanRows(rows *sql.Rows) ([]Row, error) {
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []Row
	for rows.Next() {
		values := make([]any, len(columns))
		pointers := make([]any, len(columns))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			return nil, err
		}
		row := make(Row, len(columns))
		for i, column := range columns {
			row[column] = values[i]
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// Query runs a read with a per-attempt deadline, retries for transient failures and the breaker.
func (r *Repository) Query(ctx context.Context, query string, args ...any) ([]Row, error) {
	var result []Row
	err := Retry(ctx, r.policy, RetryOptions{IsRetryable: isTransient}, func(ctx context.Context, _ int) error {
		rows, err := r.db.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		result, err = scanRows(rows)
		return err
	})
	return result, err
}

// CachedQuery answers from Redis when it can, else runs the query and caches its rows for the TTL.
func (r *Repository) CachedQuery(ctx context.Context, key, query string, args ...any) ([]Row, error) {
	cacheKey := r.keyPrefix + key
	conn, err := r.cache.GetContext(ctx)
	if err == nil {
		defer conn.Close()
		if cached, err := redis.Bytes(conn.Do("GET", cacheKey)); err == nil {
			var rows []Row
			if json.Unmarshal(cached, &rows) == nil {
				logEvent("cache.hit", map[string]any{"key": key})
				return rows, nil
			}
		} else if !errors.Is(err, redis.ErrNil) {
			logEvent("cache.read_failed", map[string]any{"error": err.Error()})
		}
	} else {
		logEvent("cache.unavailable", map[string]any{"error": err.Error()})
	}
	logEvent("cache.miss", map[string]any{"key": key})
	rows, err := r.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	if conn != nil {
		if encoded, err := json.Marshal(rows); err == nil {
			if _, err := conn.Do("SETEX", cacheKey, int(r.ttl/time.Second), encoded); err != nil {
				logEvent("cache.write_failed", map[string]any{"error": err.Error()})
			}
		}
	}
	return rows, nil
}

// Exec runs a write; it is retried only when idempotent is true. The named cache keys are deleted afterwards.
func (r *Repository) Exec(ctx context.Context, idempotent bool, invalidate []string, query string, args ...any) (int64, error) {
	var affected int64
	err := Retry(ctx, r.policy, RetryOptions{
		IsRetryable:     func(err error) bool { return idempotent && isTransient(err) },
		CountsAsFailure: isTransient,
	}, func(ctx context.Context, _ int) error {
		result, err := r.db.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		affected, err = result.RowsAffected()
		return err
	})
	if err == nil && len(invalidate) > 0 {
		r.Invalidate(ctx, invalidate...)
	}
	return affected, err
}

// Invalidate deletes cache keys; a cache failure is logged, not returned.
func (r *Repository) Invalidate(ctx context.Context, keys ...string) {
	conn, err := r.cache.GetContext(ctx)
	if err != nil {
		logEvent("cache.invalidate_failed", map[string]any{"error": err.Error()})
		return
	}
	defer conn.Close()
	args := make([]any, len(keys))
	for i, key := range keys {
		args[i] = r.keyPrefix + key
	}
	if _, err := conn.Do("DEL", args...); err != nil {
		logEvent("cache.invalidate_failed", map[string]any{"error": err.Error()})
	}
}

// Close releases both connections.
func (r *Repository) Close() error {
	r.cache.Close()
	return r.db.Close()
}
`;
}
