/** TypeScript database access with a read-through cache: pg + redis (node-redis) + the resilience module. */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

export function tsDatabaseCache(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const { env } = options;
  return `/**
 * PostgreSQL access with a Redis read-through cache for "${options.name}". ${provenance(options, 'database-cache')}
 * Resilience: ${describePolicy(options.resilience)}.
 * Reads try Redis first, then PostgreSQL, then fill Redis with a TTL. When Redis is down the
 * repository keeps answering from PostgreSQL (the cache fails open). Writes are not retried
 * unless marked idempotent, and invalidate the cache keys they name.
 *
 *   const repo = await ${cls}Repository.connect();
 *   const user = await repo.cachedQuery<User>('user:42', 'SELECT * FROM users WHERE id = $1', [42]);
 *   await repo.execute('UPDATE users SET name = $1 WHERE id = $2', ['Ada', 42], { invalidate: ['user:42'] });
 */
import { Pool, type QueryResultRow } from 'pg';
import { createClient } from 'redis';
import { logEvent, POLICY, retry, type Policy } from './resilience';

/** The Redis commands this repository uses: any node-redis v4-v6 client has them. */
export interface CacheClient {
  readonly isReady: boolean;
  readonly isOpen: boolean;
  get(key: string): Promise<unknown>;
  setEx(key: string, seconds: number, value: string): Promise<unknown>;
  del(keys: string[]): Promise<unknown>;
  quit(): Promise<unknown>;
}

export class MissingConfigError extends Error {
  override readonly name = 'MissingConfigError';
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new MissingConfigError('environment variable ' + name + ' is not set');
  return value;
}

// Connection-level failures and conflicts that succeed when tried again (SQLSTATE classes 08, 57P, 40).
const TRANSIENT_SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '40001', '40P01']);
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_CODES.has(code))) return true;
  return error instanceof Error && /Connection terminated|timeout/i.test(error.message);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('cache timed out after ' + ms + ' ms')), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class ${cls}Repository {
  private readonly keyPrefix = '${options.name}:';

  constructor(
    private readonly pool: Pool,
    private readonly redis: CacheClient,
    private readonly ttlSeconds: number,
    private readonly policy: Policy = POLICY,
  ) {}

  /** Connects both stores from ${env['databaseUrl']}, ${env['redisUrl']} and ${env['cacheTtl']}. */
  static async connect(env: NodeJS.ProcessEnv = process.env): Promise<${cls}Repository> {
    const pool = new Pool({
      connectionString: required(env, '${env['databaseUrl']}'),
      connectionTimeoutMillis: POLICY.timeoutMs,
      query_timeout: POLICY.timeoutMs,
      statement_timeout: POLICY.timeoutMs,
    });
    // No offline queue: while Redis is unreachable, cache calls fail at once and reads go to PostgreSQL.
    const redis = createClient({ url: required(env, '${env['redisUrl']}'), disableOfflineQueue: true, socket: { connectTimeout: POLICY.timeoutMs } });
    redis.on('error', (error: unknown) => logEvent('cache.error', { error: error instanceof Error ? error.message : String(error) }));
    await redis.connect().catch((error: unknown) => logEvent('cache.unavailable', { error: error instanceof Error ? error.message : String(error) }));
    const ttl = Number(env['${env['cacheTtl']}'] ?? '300');
    return new ${cls}Repository(pool, redis, Number.isFinite(ttl) && ttl > 0 ? ttl : 300);
  }

  /** Runs a read query with timeout, retries for transient failures and the circuit breaker. */
  async query<T extends QueryResultRow>(sql: string, params: unknown[] = [], signal?: AbortSignal): Promise<T[]> {
    return retry(async () => (await this.pool.query<T>(sql, params)).rows, { policy: this.policy, isRetryable: isTransient, signal });
  }

  /** A read through the cache: Redis hit, else the query, whose rows are then cached for the TTL. */
  async cachedQuery<T extends QueryResultRow>(key: string, sql: string, params: unknown[] = [], signal?: AbortSignal): Promise<T[]> {
    const cacheKey = this.keyPrefix + key;
    const hit = await this.cacheGet(cacheKey);
    if (hit !== undefined) {
      logEvent('cache.hit', { key });
      return JSON.parse(hit) as T[];
    }
    logEvent('cache.miss', { key });
    const rows = await this.query<T>(sql, params, signal);
    await this.cacheSet(cacheKey, JSON.stringify(rows));
    return rows;
  }

  /** A write. Retried only with \`idempotent: true\`; deletes the named cache keys afterwards. */
  async execute(sql: string, params: unknown[] = [], options: { invalidate?: string[]; idempotent?: boolean; signal?: AbortSignal } = {}): Promise<number> {
    const result = await retry(() => this.pool.query(sql, params), {
      policy: this.policy,
      isRetryable: (error) => options.idempotent === true && isTransient(error),
      countsAsFailure: isTransient,
      signal: options.signal,
    });
    if (options.invalidate && options.invalidate.length > 0) await this.invalidate(...options.invalidate);
    return result.rowCount ?? 0;
  }

  async invalidate(...keys: string[]): Promise<void> {
    if (!this.redis.isReady) return;
    await withTimeout(this.redis.del(keys.map((key) => this.keyPrefix + key)), this.policy.timeoutMs)
      .catch((error: unknown) => logEvent('cache.invalidate_failed', { keys, error: error instanceof Error ? error.message : String(error) }));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.pool.end(), this.redis.isOpen ? this.redis.quit() : Promise.resolve()]);
  }

  private async cacheGet(key: string): Promise<string | undefined> {
    if (!this.redis.isReady) return undefined;
    try {
      const value = await withTimeout(this.redis.get(key), this.policy.timeoutMs);
      return typeof value === 'string' ? value : undefined;
    } catch (error) {
      logEvent('cache.read_failed', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  private async cacheSet(key: string, value: string): Promise<void> {
    if (!this.redis.isReady) return;
    await withTimeout(this.redis.setEx(key, this.ttlSeconds, value), this.policy.timeoutMs)
      .catch((error: unknown) => logEvent('cache.write_failed', { error: error instanceof Error ? error.message : String(error) }));
  }
}
`;
}
