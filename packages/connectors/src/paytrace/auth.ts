import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../kit/types.js';
import { httpStatusFailure, parseRetryAfter } from '../kit/errors.js';
import type { PayTraceConfig } from './config.js';

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Tokens are renewed this long before PayTrace's expiry (7200 s) so no call races it. */
export const RENEW_BEFORE_MS = 5 * 60_000;

// Keyed by connection id, base URL and username: one token per PayTrace login and connection.
const tokens = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();

function cacheKey(ctx: ConnectorContext, config: PayTraceConfig): string {
  return `${ctx.connection.id}\u0000${config.baseUrl}\u0000${config.username}`;
}

/** Forgets every cached token (tests, credential rotation). */
export function clearPayTraceTokens(): void {
  tokens.clear();
  inFlight.clear();
}

/** A valid access token for the connection: cached, renewed near expiry, fetched once at a time. */
export async function accessToken(ctx: ConnectorContext, config: PayTraceConfig): Promise<string> {
  const key = cacheKey(ctx, config);
  const cached = tokens.get(key);
  if (cached && ctx.clock.now() < cached.expiresAt - RENEW_BEFORE_MS) return cached.token;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchToken(ctx, config).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const fresh = await pending;
  tokens.set(key, fresh);
  return fresh.token;
}

/** Drops `token` after PayTrace answered `invalid_token`, unless a newer one replaced it already. */
export function discardToken(ctx: ConnectorContext, config: PayTraceConfig, token: string): void {
  const key = cacheKey(ctx, config);
  if (tokens.get(key)?.token === token) tokens.delete(key);
}

async function fetchToken(ctx: ConnectorContext, config: PayTraceConfig): Promise<CachedToken> {
  const requestedAt = ctx.clock.now();
  const form = new URLSearchParams({
    grant_type: 'password',
    username: config.username,
    password: config.password,
  });
  // No caller signal: several calls may share this request, and one caller's abort must not fail
  // the others. The timeout bounds it.
  const res = await ctx.http.request({
    method: 'POST',
    url: `${config.baseUrl}/oauth/token`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: form.toString(),
    timeoutMs: config.timeoutMs,
  });
  let body: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(res.body) as unknown;
    if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Non-JSON answers are classified by status below.
  }
  const error = typeof body.error === 'string' ? body.error : undefined;
  if (res.status === 429 || res.status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], ctx.clock.now());
    throw httpStatusFailure(
      'paytrace',
      res.status,
      `PayTrace token request answered ${res.status}`,
      {
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      },
    );
  }
  if (error || typeof body.access_token !== 'string') {
    throw new StepFailure({
      kind: 'fatal',
      code: 'PAYTRACE_AUTH',
      message:
        error === 'invalid_grant'
          ? 'PayTrace rejected the username or password (invalid_grant)'
          : `PayTrace token request failed (${error ?? `status ${res.status}`})`,
      details: { status: res.status, ...(error ? { error } : {}) },
    });
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 7200;
  return { token: body.access_token, expiresAt: requestedAt + expiresIn * 1000 };
}
