import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../kit/types.js';
import { httpStatusFailure, parseRetryAfter } from '../kit/errors.js';
import { parseJsonBody } from '../kit/http-client.js';
import { type ThrottleStatus, msUntilAvailable, observe, pace } from './throttle.js';

/** Connection settings of the Shopify connector (secrets live apart). */
export interface ShopifyConnectionConfig {
  /** `my-shop.myshopify.com`. */
  shopDomain: string;
  /** Overrides `https://{shopDomain}`, e.g. the sandbox URL. */
  baseUrl?: string;
  /** `YYYY-MM`; default {@link DEFAULT_API_VERSION}. */
  apiVersion?: string;
}

/** The Admin API version Braid is written against. */
export const DEFAULT_API_VERSION = '2025-10';

/** One `userErrors` entry as Shopify returns it. */
export interface ShopifyUserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/** A GraphQL call: the document, its variables and the root field whose result is wanted. */
export interface GraphqlCall {
  query: string;
  variables: Record<string, unknown>;
  /** Root field, e.g. `orderMarkAsPaid`; its `userErrors` are checked. */
  root: string;
  /** Points the call is expected to cost, for pacing before Shopify has to throttle us. */
  expectedCost: number;
}

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string } }[] | string;
  extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: ThrottleStatus } };
}

/** The GraphQL endpoint of a connection. */
export function graphqlEndpoint(config: ShopifyConnectionConfig): string {
  if (!config.shopDomain && !config.baseUrl) {
    throw new StepFailure({
      kind: 'fatal',
      code: 'SHOPIFY_CONFIG',
      message: 'the Shopify connection has no shopDomain',
    });
  }
  const base = (config.baseUrl ?? `https://${config.shopDomain}`).replace(/\/+$/, '');
  return `${base}/admin/api/${config.apiVersion ?? DEFAULT_API_VERSION}/graphql.json`;
}

// Top-level error codes that clear up by themselves; everything else needs a person.
const RETRYABLE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'TIMEOUT']);

function topLevelFailure(body: GraphqlBody, call: GraphqlCall): StepFailure {
  const errors = Array.isArray(body.errors) ? body.errors : [{ message: String(body.errors) }];
  const first = errors[0];
  const code = first?.extensions?.code;
  const message = errors.map((e) => e.message ?? 'error').join('; ');
  if (code === 'THROTTLED') {
    const cost = body.extensions?.cost;
    const status = cost?.throttleStatus;
    const needed = cost?.requestedQueryCost ?? call.expectedCost;
    return new StepFailure({
      kind: 'retryable',
      code: 'SHOPIFY_THROTTLED',
      message: `shopify: ${call.root} was throttled`,
      // Without a throttle status Shopify's bucket refills within about a second.
      retryAfterMs: status ? msUntilAvailable(status, needed) : 1000,
      details: { requestedQueryCost: needed, ...(status ? { throttleStatus: status } : {}) },
    });
  }
  return new StepFailure({
    kind: code && RETRYABLE_CODES.has(code) ? 'retryable' : 'fatal',
    code: 'SHOPIFY_GRAPHQL_ERROR',
    message: `shopify: ${call.root} failed: ${message}`,
    details: { errors: errors.map((e) => ({ message: e.message, code: e.extensions?.code })) },
  });
}

/** Turns non-empty `userErrors` into a fatal failure naming the field path. */
export function userErrorFailure(root: string, userErrors: ShopifyUserError[]): StepFailure {
  const first = userErrors[0];
  const field = first?.field ?? [];
  return new StepFailure({
    kind: 'fatal',
    code: 'SHOPIFY_USER_ERROR',
    message: `shopify: ${root} refused: ${userErrors.map((e) => e.message).join('; ')}`,
    details: {
      field,
      path: field.join('.'),
      message: first?.message ?? '',
      userErrors: userErrors.map((e) => ({
        field: e.field ?? [],
        message: e.message,
        code: e.code,
      })),
    },
  });
}

function failureMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (typeof parsed.errors === 'string') return parsed.errors;
    if (parsed.errors !== undefined) return JSON.stringify(parsed.errors).slice(0, 500);
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 500);
}

/**
 * Calls the Admin GraphQL API and returns `data[root]`, after pacing on the last throttle status
 * and classifying every failure (transport, HTTP status, THROTTLED, other errors, userErrors).
 */
export async function shopifyGraphql<T>(ctx: ConnectorContext, call: GraphqlCall): Promise<T> {
  const config = ctx.connection.config as unknown as ShopifyConnectionConfig;
  const url = graphqlEndpoint(config);
  const token = ctx.connection.secrets.accessToken;
  if (!token) {
    throw new StepFailure({
      kind: 'fatal',
      code: 'SHOPIFY_CONFIG',
      message: 'the Shopify connection has no accessToken',
    });
  }
  await pace(ctx, call.expectedCost);
  const res = await ctx.http.request({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-shopify-access-token': token,
    },
    body: JSON.stringify({ query: call.query, variables: call.variables }),
    signal: ctx.signal,
  });
  if (res.status < 200 || res.status >= 300) {
    const retryAfterMs =
      res.status === 429
        ? (parseRetryAfter(res.headers['retry-after'], ctx.clock.now()) ?? 1000)
        : undefined;
    throw httpStatusFailure(
      'shopify',
      res.status,
      `shopify: ${call.root} answered ${res.status}: ${failureMessage(res.body)}`,
      retryAfterMs !== undefined ? { retryAfterMs } : {},
    );
  }
  const body = (parseJsonBody('shopify', res.status, res.body) ?? {}) as GraphqlBody;
  observe(ctx, body.extensions?.cost?.throttleStatus);
  if (body.errors !== undefined) throw topLevelFailure(body, call);
  const result = body.data?.[call.root] as { userErrors?: ShopifyUserError[] } | null | undefined;
  if (result?.userErrors && result.userErrors.length > 0) {
    throw userErrorFailure(call.root, result.userErrors);
  }
  return result as T;
}
