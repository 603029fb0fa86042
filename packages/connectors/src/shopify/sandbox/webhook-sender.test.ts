import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifiedDelivery } from '../../kit/types.js';
import { verifyShopifyWebhook } from '../webhook.js';
import { buildOrder } from './order-fixtures.js';
import { sendWebhook } from './webhook-sender.js';

const secret = 'shpss_sender_secret';
const clock = { now: (): number => Date.now() };

interface Received {
  headers: IncomingMessage['headers'];
  delivery?: VerifiedDelivery;
  rejected?: number;
}

/** A receiver that verifies with the connector and answers from a script of statuses. */
async function receiver(
  statuses: number[],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: Received = { headers: req.headers };
      try {
        entry.delivery = verifyShopifyWebhook(
          { headers: req.headers, rawBody: Buffer.concat(chunks) },
          { config: {}, secrets: { clientSecret: secret } },
        );
      } catch (err) {
        entry.rejected = (err as { status: number }).status;
      }
      received.push(entry);
      res.writeHead(statuses[received.length - 1] ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks/shopify`, received, server };
}

describe('sendWebhook', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('signs like Shopify, keeps 64-bit ids exact, and retries the same delivery after a 500', async () => {
    const r = await receiver([500, 200]);
    server = r.server;
    const order = buildOrder({ id: '5820982911946159999' });
    const report = await sendWebhook({
      url: r.url,
      topic: 'orders/paid',
      payload: order,
      secret,
      shopDomain: 'braid-test.myshopify.com',
      clock,
      eventId: 'evt-1',
      baseDelayMs: 5,
    });
    expect(report.deliveries).toHaveLength(1);
    expect(report.deliveries[0]).toMatchObject({
      delivered: true,
      attempts: [{ status: 500 }, { status: 200 }],
    });
    expect(r.received).toHaveLength(2);
    const [first, retry] = r.received;
    expect(first?.rejected).toBeUndefined();
    expect(retry?.headers['x-shopify-webhook-id']).toBe(first?.headers['x-shopify-webhook-id']);
    expect(retry?.delivery).toMatchObject({ event: 'orders/paid', dedupeKey: 'evt-1' });
    expect((retry?.delivery?.payload as { id: string }).id).toBe('5820982911946159999');
    expect(retry?.headers).toMatchObject({
      'x-shopify-shop-domain': 'braid-test.myshopify.com',
      'x-shopify-api-version': '2025-10',
      'x-shopify-triggered-at': report.triggeredAt,
    });
  });

  it('sends duplicates with the same event id and distinct webhook ids', async () => {
    const r = await receiver([]);
    server = r.server;
    const report = await sendWebhook({
      url: r.url,
      topic: 'orders/create',
      payload: buildOrder(),
      secret,
      shopDomain: 'braid-test.myshopify.com',
      clock,
      duplicates: 2,
    });
    expect(report.deliveries.map((d) => d.delivered)).toEqual([true, true, true]);
    const keys = r.received.map((x) => x.delivery?.dedupeKey);
    expect(new Set(keys)).toEqual(new Set([report.eventId]));
    expect(new Set(r.received.map((x) => x.headers['x-shopify-webhook-id'])).size).toBe(3);
  });

  it('gives up after the bounded number of retries', async () => {
    const r = await receiver([500, 500, 500, 500]);
    server = r.server;
    const report = await sendWebhook({
      url: r.url,
      topic: 'orders/create',
      payload: { id: '1' },
      secret,
      shopDomain: 'braid-test.myshopify.com',
      clock,
      retries: 2,
      baseDelayMs: 1,
    });
    expect(report.deliveries[0]).toMatchObject({ delivered: false });
    expect(report.deliveries[0]?.attempts).toHaveLength(3);
  });
});
