import { describe, expect, it } from 'vitest';
import { WebhookRejected } from '../kit/types.js';
import { shopifyHmac, verifyShopifyWebhook } from './webhook.js';
import { createConnectorRegistry } from '../kit/registry.js';
import { createShopifyConnector } from './connector.js';
import { buildOrder, buildRefund } from './sandbox/order-fixtures.js';
import { buildCustomer } from './sandbox/fixtures.js';

const secret = 'shpss_webhook_secret';
const connection = {
  config: { shopDomain: 'braid-test.myshopify.com' },
  secrets: { clientSecret: secret },
};
const body = '{"id":5820982911946154508,"name":"#1001","customer":{"id":115310627314723954}}';

function headers(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const all: Record<string, string | undefined> = {
    'x-shopify-topic': 'orders/create',
    'x-shopify-hmac-sha256': shopifyHmac(body, secret),
    'x-shopify-shop-domain': 'braid-test.myshopify.com',
    'x-shopify-api-version': '2025-10',
    'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
    'x-shopify-triggered-at': '2025-10-01T16:00:00.000Z',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

function rejection(h: Record<string, string>, raw = body): WebhookRejected {
  try {
    verifyShopifyWebhook({ headers: h, rawBody: Buffer.from(raw) }, connection);
  } catch (err) {
    if (err instanceof WebhookRejected) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('verifyShopifyWebhook', () => {
  it('accepts a correctly signed delivery and keeps 64-bit ids exact', () => {
    const delivery = verifyShopifyWebhook(
      { headers: headers(), rawBody: Buffer.from(body) },
      connection,
    );
    expect(delivery).toEqual({
      event: 'orders/create',
      dedupeKey: '98880550-7158-44d4-b7cd-2c97c8a091b5',
      occurredAt: '2025-10-01T16:00:00.000Z',
      payload: { id: '5820982911946154508', name: '#1001', customer: { id: '115310627314723954' } },
    });
  });

  it('reads headers whatever their case', () => {
    const mixed = Object.fromEntries(
      Object.entries(headers()).map(([k, v]) => [
        k.replace(/(^|-)(\w)/g, (m) => m.toUpperCase()),
        v,
      ]),
    );
    expect(
      verifyShopifyWebhook({ headers: mixed, rawBody: Buffer.from(body) }, connection).event,
    ).toBe('orders/create');
  });

  it('rejects a forged HMAC with 401', () => {
    const forged = rejection(
      headers({ 'x-shopify-hmac-sha256': shopifyHmac(body, 'not-the-secret') }),
    );
    expect([forged.status, forged.code]).toEqual([401, 'webhook.bad-signature']);
  });

  it('rejects a body changed after signing with 401', () => {
    const tampered = body.replace('#1001', '#1002');
    expect(rejection(headers(), tampered).status).toBe(401);
  });

  it('rejects a missing or malformed HMAC with 401', () => {
    expect(rejection(headers({ 'x-shopify-hmac-sha256': undefined })).code).toBe(
      'webhook.unsigned',
    );
    expect(rejection(headers({ 'x-shopify-hmac-sha256': 'abc' })).status).toBe(401);
  });

  it('rejects when the connection has no client secret', () => {
    expect(() =>
      verifyShopifyWebhook(
        { headers: headers(), rawBody: Buffer.from(body) },
        { config: {}, secrets: {} },
      ),
    ).toThrow(WebhookRejected);
  });

  it.each(['x-shopify-topic', 'x-shopify-shop-domain', 'x-shopify-webhook-id'])(
    'rejects a delivery without %s with 400',
    (name) => {
      const r = rejection(headers({ [name]: undefined }));
      expect([r.status, r.code]).toEqual([400, 'webhook.headers']);
    },
  );

  it('rejects a signed body that is not JSON with 400', () => {
    const raw = 'not json';
    const r = rejection(headers({ 'x-shopify-hmac-sha256': shopifyHmac(raw, secret) }), raw);
    expect([r.status, r.code]).toEqual([400, 'webhook.malformed']);
  });

  it('rejects an unsupported topic with 400', () => {
    const r = rejection(headers({ 'x-shopify-topic': 'products/create' }));
    expect([r.status, r.code]).toEqual([400, 'webhook.topic']);
  });

  it('falls back to the webhook id for dedupe when there is no event id', () => {
    const delivery = verifyShopifyWebhook(
      { headers: headers({ 'x-shopify-event-id': undefined }), rawBody: Buffer.from(body) },
      connection,
    );
    expect(delivery.dedupeKey).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
  });
});

describe('shopify webhook payload schemas', () => {
  const registry = createConnectorRegistry([createShopifyConnector()], {
    clock: { now: () => 0 },
  });
  const order = JSON.parse(JSON.stringify(buildOrder())) as Record<string, unknown>;

  it('accept what Shopify sends for every topic', () => {
    const refund = buildRefund({ order, lineItems: [] });
    const customer = buildCustomer();
    for (const [topic, payload] of [
      ['orders/create', order],
      ['orders/cancelled', { ...order, cancelled_at: '2025-10-02T09:00:00-04:00' }],
      ['refunds/create', refund],
      ['customers/update', customer],
    ] as const) {
      expect(registry.checkWebhookPayload('shopify@1', topic, payload)).toEqual([]);
    }
  });

  it('name the missing or malformed field', () => {
    const { total_price: _dropped, ...withoutTotal } = order;
    expect(registry.checkWebhookPayload('shopify@1', 'orders/create', withoutTotal)).toEqual([
      "/total_price must have required property 'total_price'",
    ]);
    expect(
      registry.checkWebhookPayload('shopify@1', 'refunds/create', {
        id: 1,
        order_id: '2',
        transactions: [],
      }),
    ).toEqual(['/id must be string']);
  });
});
