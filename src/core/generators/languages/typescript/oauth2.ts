/** TypeScript OAuth2 authorization code + PKCE client: fetch + node:crypto. */
import type { ResolvedOptions } from '../../types';
import { formatDuration } from '../../duration';
import { provenance } from '../common';

export const OAUTH_DOC = `Flow: beginAuthorization() returns the URL to send the browser to plus { state, codeVerifier },
 * which the app keeps server-side (session), never in the URL. On the redirect back,
 * completeAuthorization() checks the returned state in constant time, then exchanges the code
 * with the PKCE verifier (S256). The token request is not retried: a code is single-use.`;

export function tsOAuth2(options: ResolvedOptions): string {
  const { env } = options;
  const timeout = options.resilience.policy.timeoutMs;
  return `/**
 * OAuth2 / OIDC authorization code flow with PKCE for "${options.name}". ${provenance(options, 'oauth2-client')}
 * ${OAUTH_DOC}
 * Token request timeout: ${formatDuration(timeout)}.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface OAuthConfig {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  /** Empty for a public client (PKCE alone); sent with HTTP Basic auth when set. */
  clientSecret?: string;
  redirectUri: string;
  scopes: string;
}

export interface PendingAuthorization {
  url: string;
  state: string;
  codeVerifier: string;
}

export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

export class MissingConfigError extends Error {
  override readonly name = 'MissingConfigError';
}

/** The returned state does not match the one issued: a forged or mixed-up callback. */
export class StateMismatchError extends Error {
  override readonly name = 'StateMismatchError';
}

/** The provider answered with an OAuth error (RFC 6749 §5.2). */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(readonly error: string, readonly description: string | undefined, readonly status: number) {
    super('OAuth error ' + error + (description ? ': ' + description : ''));
  }
}

const TOKEN_TIMEOUT_MS = ${timeout};

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new MissingConfigError('environment variable ' + name + ' is not set');
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): OAuthConfig {
  return {
    authorizeUrl: required(env, '${env['authorizeUrl']}'),
    tokenUrl: required(env, '${env['tokenUrl']}'),
    clientId: required(env, '${env['clientId']}'),
    clientSecret: env['${env['clientSecret']}'] || undefined,
    redirectUri: required(env, '${env['redirectUri']}'),
    scopes: env['${env['scopes']}'] || 'openid profile',
  };
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/** PKCE (RFC 7636): a 43-character verifier and its S256 challenge. */
export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = base64url(randomBytes(32));
  return { codeVerifier, codeChallenge: base64url(createHash('sha256').update(codeVerifier).digest()) };
}

/** Starts a login: keep \`state\` and \`codeVerifier\` in the user's session, redirect to \`url\`. */
export function beginAuthorization(config: OAuthConfig = configFromEnv()): PendingAuthorization {
  const { codeVerifier, codeChallenge } = createPkcePair();
  const state = base64url(randomBytes(16));
  const url = new URL(config.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', config.redirectUri);
  url.searchParams.set('scope', config.scopes);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), state, codeVerifier };
}

function sameState(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function tokenRequest(config: OAuthConfig, form: Record<string, string>, signal?: AbortSignal): Promise<TokenSet> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  const body = new URLSearchParams(form);
  if (config.clientSecret) {
    const user = encodeURIComponent(config.clientId) + ':' + encodeURIComponent(config.clientSecret);
    headers['Authorization'] = 'Basic ' + Buffer.from(user).toString('base64');
  } else {
    body.set('client_id', config.clientId);
  }
  const timeout = AbortSignal.timeout(TOKEN_TIMEOUT_MS);
  const response = await fetch(config.tokenUrl, { method: 'POST', headers, body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof payload['access_token'] !== 'string') {
    throw new OAuthError(typeof payload['error'] === 'string' ? payload['error'] : 'invalid_response',
      typeof payload['error_description'] === 'string' ? payload['error_description'] : undefined, response.status);
  }
  return payload as unknown as TokenSet;
}

/** Handles the redirect back: \`query\` is the callback's query string parameters. */
export async function completeAuthorization(
  query: { code?: string | null; state?: string | null; error?: string | null; error_description?: string | null },
  pending: Pick<PendingAuthorization, 'state' | 'codeVerifier'>,
  config: OAuthConfig = configFromEnv(),
  signal?: AbortSignal,
): Promise<TokenSet> {
  if (!query.state || !sameState(query.state, pending.state)) throw new StateMismatchError('state does not match the login that was started');
  if (query.error) throw new OAuthError(query.error, query.error_description ?? undefined, 400);
  if (!query.code) throw new OAuthError('invalid_request', 'the callback carries no code', 400);
  return tokenRequest(config, {
    grant_type: 'authorization_code',
    code: query.code,
    redirect_uri: config.redirectUri,
    code_verifier: pending.codeVerifier,
  }, signal);
}

/** Exchanges a refresh token for new tokens. */
export function refreshTokens(refreshToken: string, config: OAuthConfig = configFromEnv(), signal?: AbortSignal): Promise<TokenSet> {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken }, signal);
}
`;
}
