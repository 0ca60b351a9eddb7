/** TypeScript REST client: fetch + the resilience module. */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

function authHeaderCode(options: ResolvedOptions): { fields: string; read: string; apply: string } {
  const { env } = options;
  switch (options.auth) {
    case 'bearer': return {
      fields: '  /** Bearer token, from ' + env['token'] + '. */\n  token: string;\n',
      read: `    token: required(env, '${env['token']}'),\n`,
      apply: "    headers.set('Authorization', 'Bearer ' + this.config.token);\n",
    };
    case 'api-key': return {
      fields: '  /** API key, from ' + env['apiKey'] + '. */\n  apiKey: string;\n',
      read: `    apiKey: required(env, '${env['apiKey']}'),\n`,
      apply: "    headers.set('X-API-Key', this.config.apiKey);\n",
    };
    case 'basic': return {
      fields: '  username: string;\n  /** From ' + env['password'] + '. */\n  password: string;\n',
      read: `    username: required(env, '${env['username']}'),\n    password: required(env, '${env['password']}'),\n`,
      apply: "    headers.set('Authorization', 'Basic ' + Buffer.from(this.config.username + ':' + this.config.password).toString('base64'));\n",
    };
    default: return { fields: '', read: '', apply: '' };
  }
}

export function tsRestClient(options: ResolvedOptions): string {
  const cls = pascalCase(options.name);
  const auth = authHeaderCode(options);
  return `/**
 * HTTP client for "${options.name}". ${provenance(options, 'rest-client')}
 * Resilience: ${describePolicy(options.resilience)}.
 * Retries only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) unless the request
 * carries an Idempotency-Key; retried statuses: 408, 429, 500, 502, 503, 504 and network errors.
 * Retry-After (seconds or HTTP-date) is honoured up to maxDelayMs; a longer wait gives up.
 */
import { POLICY, retry, type Policy } from './resilience';

export interface ${cls}Config {
  /** Base URL, from ${options.env['baseUrl']}. */
  baseUrl: string;
${auth.fields}}

/** Thrown when a required env var is missing; names the variable, never prints values. */
export class MissingConfigError extends Error {
  override readonly name = 'MissingConfigError';
}

/** The API answered with a non-2xx status (after any retries). */
export class ${cls}HttpError extends Error {
  override readonly name = '${cls}HttpError';
  constructor(readonly status: number, readonly body: string, readonly retryAfterMs?: number) {
    super('${options.name} answered HTTP ' + status);
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new MissingConfigError('environment variable ' + name + ' is not set');
  return value;
}

/** Reads the configuration from the environment (never from source code). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ${cls}Config {
  return {
    baseUrl: required(env, '${options.env['baseUrl']}'),
${auth.read}  };
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/** Retry-After as milliseconds: delta-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isNetworkError(error: unknown): boolean {
  // fetch rejects with TypeError('fetch failed') whose cause carries the socket error code.
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return error instanceof TypeError && typeof cause?.code === 'string' && RETRY_CODES.has(cause.code);
}

/** A failure that says the service (not the request) is in trouble. */
function isTransient(error: unknown): boolean {
  return (error instanceof ${cls}HttpError && RETRY_STATUSES.has(error.status)) || isNetworkError(error);
}

export interface RequestOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Makes a POST/PATCH safe to retry: the server must de-duplicate on this key. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export class ${cls}Client {
  constructor(
    private readonly config: ${cls}Config = configFromEnv(),
    private readonly policy: Policy = POLICY,
  ) {}

  get<T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'GET' });
  }

  post<T>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'POST', body });
  }

  put<T>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'PUT', body });
  }

  delete<T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'DELETE' });
  }

  /** Sends one logical request (possibly several attempts); resolves with the parsed JSON body (or undefined for 204). */
  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const method = (options.method ?? 'GET').toUpperCase();
    const url = new URL(path.replace(/^\\//, ''), this.config.baseUrl.endsWith('/') ? this.config.baseUrl : this.config.baseUrl + '/');
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers = new Headers(options.headers);
    headers.set('Accept', 'application/json');
${auth.apply}    if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
    let body: string | undefined;
    if (options.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(options.body);
    }
    const retryable = IDEMPOTENT.has(method) || headers.has('Idempotency-Key');

    return retry<T>(async (signal) => {
      const response = await fetch(url, { method, headers, body, signal });
      if (!response.ok) {
        const text = await response.text(); // drains the body so the connection is reused
        throw new ${cls}HttpError(response.status, text.slice(0, 2000), parseRetryAfter(response.headers.get('Retry-After')));
      }
      if (response.status === 204 || method === 'HEAD') return undefined as T;
      const text = await response.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    }, {
      policy: this.policy,
      signal: options.signal,
      isRetryable: (error) => retryable && isTransient(error),
      countsAsFailure: isTransient,
      delayFor: (error) => {
        if (!(error instanceof ${cls}HttpError) || error.retryAfterMs === undefined) return undefined;
        // A server asking for a longer wait than the policy allows: give up now rather than hang.
        if (error.retryAfterMs > this.policy.maxDelayMs) throw error;
        return error.retryAfterMs;
      },
    });
  }
}
`;
}
