import { describe, expect, it } from 'vitest';
import type { ResolvedConnection } from '@braid/engine';
import { createConnectorRegistry } from '../kit/registry.js';
import type { HttpClient } from '../kit/types.js';
import { createShopifyConnector } from './connector.js';
import { graphqlEndpoint } from './graphql.js';
import { MAX_PACE_WAIT_MS } from './throttle.js';
import { actionContext, clock, failureOf } from './test-support/harness.js';

const connection: ResolvedConnection = {
  id: 'conn-pace',
  connector: 'shopify@1',
  config: { shopDomain: 'braid-test.myshopify.com' },
  secrets: { accessToken: 'shpat_x' },
};

const customer = {
  id: 'gid://shopify/Customer/1',
  email: 'a@example.com',
  firstName: 'A',
  lastName: 'B',
  phone: null,
  tags: [],
  numberOfOrders: '0',
  createdAt: '2025-10-01T00:00:00Z',
  updatedAt: '2025-10-01T00:00:00Z',
  amountSpent: { amount: '0.0', currencyCode: 'USD' },
  defaultAddress: null,
};

/** An HTTP client answering every call with the given throttle status; records call times. */
function fakeShopify(status: { currentlyAvailable: number; restoreRate: number }): HttpClient & {
  calls: { at: number; url: string; headers: Record<string, string> }[];
} {
  const calls: { at: number; url: string; headers: Record<string, string> }[] = [];
  return {
    calls,
    request(req) {
      calls.push({ at: Date.now(), url: req.url, headers: req.headers ?? {} });
      const body = {
        data: { customer },
        extensions: {
          cost: {
            requestedQueryCost: 3,
            actualQueryCost: 3,
            throttleStatus: { maximumAvailable: 1000, ...status },
          },
        },
      };
      return Promise.resolve({ status: 200, headers: {}, body: JSON.stringify(body) });
    },
  };
}

describe('shopifyGraphql pacing', () => {
  it('sends to the versioned endpoint with the access token', async () => {
    const http = fakeShopify({ currentlyAvailable: 1000, restoreRate: 100 });
    const registry = createConnectorRegistry([createShopifyConnector()], {
      clock,
      http: () => http,
    });
    await registry.invoke(
      connection,
      'getCustomer',
      { customerId: '1' },
      actionContext(connection),
    );
    expect(http.calls[0]?.url).toBe(
      'https://braid-test.myshopify.com/admin/api/2025-10/graphql.json',
    );
    expect(http.calls[0]?.headers['x-shopify-access-token']).toBe('shpat_x');
  });

  it('waits for points when the last throttle status says the bucket is short', async () => {
    // 0 points left, 100 restored per second: a 3-point call must wait about 30 ms.
    const http = fakeShopify({ currentlyAvailable: 0, restoreRate: 100 });
    const registry = createConnectorRegistry([createShopifyConnector()], {
      clock,
      http: () => http,
    });
    const ctx = actionContext(connection);
    await registry.invoke(connection, 'getCustomer', { customerId: '1' }, ctx);
    await registry.invoke(connection, 'getCustomer', { customerId: '1' }, ctx);
    const [first, second] = http.calls;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(25);
  });

  it('gives the step back as retryable instead of waiting longer than the cap', async () => {
    const http = fakeShopify({ currentlyAvailable: 0, restoreRate: 0.1 });
    const registry = createConnectorRegistry([createShopifyConnector()], {
      clock,
      http: () => http,
    });
    const ctx = actionContext(connection);
    await registry.invoke(connection, 'getCustomer', { customerId: '1' }, ctx);
    const err = await failureOf(() =>
      registry.invoke(connection, 'getCustomer', { customerId: '1' }, ctx),
    );
    expect(err).toMatchObject({ kind: 'retryable', code: 'SHOPIFY_THROTTLED' });
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(MAX_PACE_WAIT_MS);
    expect(http.calls).toHaveLength(1);
  });

  it('stops waiting when the step is aborted', async () => {
    const http = fakeShopify({ currentlyAvailable: 0, restoreRate: 1 });
    const registry = createConnectorRegistry([createShopifyConnector()], {
      clock,
      http: () => http,
    });
    await registry.invoke(
      connection,
      'getCustomer',
      { customerId: '1' },
      actionContext(connection),
    );
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const err = await failureOf(() =>
      registry.invoke(
        connection,
        'getCustomer',
        { customerId: '1' },
        actionContext(connection, abort.signal),
      ),
    );
    expect(err).toMatchObject({ kind: 'retryable', code: 'NETWORK_ABORTED' });
    expect(http.calls).toHaveLength(1);
  });

  it('keeps pacing state per connection', async () => {
    const http = fakeShopify({ currentlyAvailable: 0, restoreRate: 0.1 });
    const registry = createConnectorRegistry([createShopifyConnector()], {
      clock,
      http: () => http,
    });
    await registry.invoke(
      connection,
      'getCustomer',
      { customerId: '1' },
      actionContext(connection),
    );
    const other = { ...connection, id: 'conn-other' };
    await expect(
      registry.invoke(other, 'getCustomer', { customerId: '1' }, actionContext(other)),
    ).resolves.toMatchObject({ legacyId: '1' });
  });
});

describe('graphqlEndpoint', () => {
  it('prefers baseUrl and defaults the version', () => {
    expect(graphqlEndpoint({ shopDomain: 's.myshopify.com', baseUrl: 'http://127.0.0.1:9/' })).toBe(
      'http://127.0.0.1:9/admin/api/2025-10/graphql.json',
    );
    expect(graphqlEndpoint({ shopDomain: 's.myshopify.com', apiVersion: '2026-01' })).toBe(
      'https://s.myshopify.com/admin/api/2026-01/graphql.json',
    );
  });
});
