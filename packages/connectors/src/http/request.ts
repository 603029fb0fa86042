import { StepFailure } from '@braid/engine';
import type { ConnectorContext, OperationDeclaration } from '../kit/types.js';
import { httpStatusFailure, parseRetryAfter } from '../kit/errors.js';
import { defineOperation } from '../kit/registry.js';

/** Input of `http.request`. */
export interface HttpRequestInput {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  timeoutMs?: number;
  expectStatus?: number[];
}

/** Output of `http.request`. */
export interface HttpRequestOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Connection settings of the generic HTTP connector. */
export interface HttpConnectionConfig {
  baseUrl?: string;
  defaultHeaders?: Record<string, string>;
  auth?: { type: 'none' | 'bearer' | 'basic' | 'apiKey'; headerName?: string };
  /** Send `Idempotency-Key` on writes (default true). */
  idempotencyHeader?: boolean;
}

function authHeaders(
  config: HttpConnectionConfig,
  secrets: Record<string, string>,
): Record<string, string> {
  const auth = config.auth ?? { type: 'none' };
  switch (auth.type) {
    case 'bearer':
      return { authorization: `Bearer ${secrets.token ?? ''}` };
    case 'basic':
      return {
        authorization: `Basic ${Buffer.from(`${secrets.username ?? ''}:${secrets.password ?? ''}`).toString('base64')}`,
      };
    case 'apiKey':
      return { [(auth.headerName ?? 'x-api-key').toLowerCase()]: secrets.apiKey ?? '' };
    default:
      return {};
  }
}

function resolveUrl(input: HttpRequestInput, config: HttpConnectionConfig): URL {
  let url: URL;
  try {
    url = config.baseUrl
      ? new URL(input.url, config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`)
      : new URL(input.url);
  } catch {
    throw new StepFailure({
      kind: 'fatal',
      code: 'HTTP_BAD_URL',
      message: `"${input.url}" is not a URL${config.baseUrl ? '' : ' (and the connection has no baseUrl)'}`,
    });
  }
  if (config.baseUrl && input.url.startsWith('/')) {
    // A leading slash is relative to the base URL's path, not the host root.
    const base = new URL(config.baseUrl);
    url = new URL(`${base.pathname.replace(/\/$/, '')}${input.url}`, base);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StepFailure({
      kind: 'fatal',
      code: 'HTTP_BAD_URL',
      message: `only http and https URLs are allowed (got ${url.protocol})`,
    });
  }
  for (const [k, v] of Object.entries(input.query ?? {})) url.searchParams.set(k, String(v));
  return url;
}

function normaliseHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const key = k.toLowerCase();
    if (key === 'set-cookie' || v === undefined) continue;
    out[key] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

async function run(input: HttpRequestInput, ctx: ConnectorContext): Promise<HttpRequestOutput> {
  const config = ctx.connection.config as HttpConnectionConfig;
  const url = resolveUrl(input, config);
  const headers: Record<string, string> = {
    ...lower(config.defaultHeaders),
    ...lower(input.headers),
    ...authHeaders(config, ctx.connection.secrets),
  };
  let body: string | undefined;
  if (input.body !== undefined && input.method !== 'GET') {
    body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
    headers['content-type'] ??=
      typeof input.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  }
  if (input.method !== 'GET' && config.idempotencyHeader !== false)
    headers['idempotency-key'] ??= ctx.idempotencyKey;
  const res = await ctx.http.request({
    method: input.method,
    url: url.toString(),
    headers,
    body,
    timeoutMs: input.timeoutMs,
    signal: ctx.signal,
  });
  const resHeaders = normaliseHeaders(res.headers);
  const isJson = /\bjson\b/i.test(resHeaders['content-type'] ?? '');
  let parsed: unknown = res.body;
  if (isJson && res.body !== '') {
    try {
      parsed = JSON.parse(res.body) as unknown;
    } catch {
      parsed = res.body;
    }
  }
  const accepted = input.expectStatus
    ? input.expectStatus.includes(res.status)
    : res.status >= 200 && res.status < 300;
  if (!accepted) {
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], ctx.clock.now());
    throw httpStatusFailure(
      'http',
      res.status,
      `${input.method} ${url.origin}${url.pathname} answered ${res.status}`,
      {
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        details: { body: typeof parsed === 'string' ? parsed.slice(0, 2000) : parsed },
      },
    );
  }
  return { status: res.status, headers: resHeaders, body: parsed };
}

function lower(h: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

/** `http.request`: one HTTP call with the connection's base URL and auth. */
export const requestOperation: OperationDeclaration<HttpRequestInput, HttpRequestOutput> =
  defineOperation({
    id: 'request',
    label: 'HTTP request',
    description:
      'Calls an HTTP endpoint. 2xx (or `expectStatus`) is a result; 408, 429 and 5xx are retried; other statuses fail the step.',
    effect: 'write',
    input: {
      type: 'object',
      required: ['method', 'url'],
      additionalProperties: false,
      properties: {
        method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
        url: {
          type: 'string',
          minLength: 1,
          description: 'Absolute, or relative to the connection baseUrl.',
        },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        query: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
        body: { description: 'JSON value (sent as application/json) or a string.' },
        timeoutMs: { type: 'integer', minimum: 1, maximum: 300000 },
        expectStatus: { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 } },
      },
    },
    output: {
      type: 'object',
      required: ['status', 'headers', 'body'],
      properties: { status: { type: 'integer' }, headers: { type: 'object' }, body: {} },
    },
    sample: {
      input: { method: 'POST', url: '/orders', body: { id: '1001' } },
      output: { status: 201, headers: { 'content-type': 'application/json' }, body: { ok: true } },
    },
    run,
  });
