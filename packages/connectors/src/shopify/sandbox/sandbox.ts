import type { Clock } from '@braid/engine';
import type { SandboxDefinition, SandboxRequest, SandboxResponse } from '../../sandbox/server.js';
import { CostBucket } from './cost-bucket.js';
import { GraphqlSyntaxError, parseOperation, requestedCost } from './graphql-document.js';
import { type GraphqlError, execute } from './graphql-execute.js';
import { shopifyResolvers } from './resolvers.js';
import { type ShopifySeed, ShopifyStore } from './store.js';
import { sendWebhook, type SendWebhookOptions } from './webhook-sender.js';

/** Options of the Shopify sandbox. */
export interface ShopifySandboxOptions {
  /** Time for the cost bucket and timestamps. */
  clock: Clock;
  /** When set, requests must carry this X-Shopify-Access-Token; otherwise any token passes. */
  accessToken?: string;
  /** Bucket size in points (default 1000, Shopify's standard). */
  maximumAvailable?: number;
  /** Points restored per second (default 50; Shopify's standard plan restores 100). */
  restoreRate?: number;
  seed?: ShopifySeed;
}

/** The Shopify sandbox definition plus test controls. */
export interface ShopifySandbox extends SandboxDefinition {
  store: ShopifyStore;
  /** Sets the bucket's available points (e.g. 0 to force THROTTLED). */
  setAvailablePoints(points: number): void;
}

const INVALID_TOKEN =
  '[API] Invalid API key or access token (unrecognized login or wrong password)';

// Shopify's REST-style error bodies for statuses the fault injection produces.
const FAULT_BODIES: Record<number, string> = {
  400: 'Bad Request',
  401: INVALID_TOKEN,
  402: 'Unavailable Shop',
  403: '[API] This action requires merchant approval for the required access scope.',
  404: 'Not Found',
  423: 'This shop is unavailable',
  429: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function header(req: SandboxRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A faithful fake of the Shopify Admin GraphQL API subset Braid uses, with a cost bucket. */
export function createShopifySandbox(options: ShopifySandboxOptions): ShopifySandbox {
  const store = new ShopifyStore(options.clock);
  const bucket = new CostBucket(
    options.maximumAvailable ?? 1000,
    options.restoreRate ?? 50,
    options.clock,
  );
  const resolvers = shopifyResolvers(store);
  if (options.seed) store.seed(options.seed);

  function answer(status: number, body: Record<string, unknown>, version: string): SandboxResponse {
    return { status, headers: { 'x-shopify-api-version': version }, body };
  }

  function graphql(req: SandboxRequest): SandboxResponse {
    const version = req.params.version ?? '';
    if (!/^\d{4}-\d{2}$/.test(version) && version !== 'unstable') {
      return { status: 404, body: { errors: 'Not Found' } };
    }
    const token = header(req, 'x-shopify-access-token');
    if (!token || (options.accessToken !== undefined && token !== options.accessToken)) {
      return { status: 401, body: { errors: INVALID_TOKEN } };
    }
    let query: unknown;
    let variables: unknown;
    try {
      ({ query, variables } = JSON.parse(req.rawBody.toString('utf8')) as Record<string, unknown>);
    } catch {
      return { status: 400, body: { errors: 'Bad Request: the body is not JSON' } };
    }
    if (typeof query !== 'string') {
      return answer(200, { errors: [{ message: 'No query string was present' }] }, version);
    }
    let op;
    try {
      op = parseOperation(query);
    } catch (err) {
      if (!(err instanceof GraphqlSyntaxError)) throw err;
      return answer(
        200,
        { errors: [{ message: err.message, extensions: { code: 'parseError' } }] },
        version,
      );
    }
    const requested = requestedCost(op);
    const cost = (actual: number | null): Record<string, unknown> => ({
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: actual,
        throttleStatus: bucket.status(),
      },
    });
    if (!bucket.take(requested)) {
      const throttled: GraphqlError = {
        message: 'Throttled',
        extensions: {
          code: 'THROTTLED',
          documentation: 'https://shopify.dev/api/usage/rate-limits',
        },
      };
      return answer(200, { errors: [throttled], extensions: cost(null) }, version);
    }
    const vars =
      variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {};
    const before = store.snapshot();
    const result = execute(op, vars, resolvers);
    const invalid = result.errors.some((e) =>
      ['undefinedField', 'selectionMismatch'].includes(String(e.extensions?.code)),
    );
    if (invalid || result.data === null) {
      // A document that fails validation never runs at Shopify: undo whatever resolvers did.
      store.restore(before);
      bucket.refund(requested - 1);
      return answer(200, { errors: result.errors, extensions: cost(1) }, version);
    }
    bucket.refund(requested - result.actualCost);
    const body: Record<string, unknown> = { data: result.data };
    if (result.errors.length > 0) body.errors = result.errors;
    body.extensions = cost(Math.min(requested, result.actualCost));
    return answer(200, body, version);
  }

  async function webhooks(req: SandboxRequest): Promise<SandboxResponse> {
    const input = JSON.parse(req.rawBody.toString('utf8')) as Omit<SendWebhookOptions, 'clock'>;
    const report = await sendWebhook({ ...input, clock: options.clock });
    return { status: 200, body: report };
  }

  return {
    name: 'shopify',
    store,
    routes: [
      { method: 'POST', pattern: '/admin/api/:version/graphql.json', handler: graphql },
      // Admin extras, under /__sandbox like the generic admin API.
      { method: 'POST', pattern: '/__sandbox/shopify/webhooks', handler: webhooks },
      {
        method: 'POST',
        pattern: '/__sandbox/shopify/throttle',
        handler: (req) => {
          const body = JSON.parse(req.rawBody.toString('utf8')) as { currentlyAvailable?: number };
          bucket.set(body.currentlyAvailable ?? 0);
          return { status: 200, body: bucket.status() };
        },
      },
    ],
    reset() {
      store.reset();
      bucket.reset();
    },
    seed(data: ShopifySeed | undefined) {
      store.seed(data ?? {});
    },
    state: () => ({ ...store.view(), throttleStatus: bucket.status() }),
    faultResponse: (status) => ({
      status,
      body: { errors: FAULT_BODIES[status] ?? `HTTP ${status}` },
    }),
    setAvailablePoints: (points) => bucket.set(points),
  };
}
