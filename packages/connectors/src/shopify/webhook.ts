import { SHOPIFY_WEBHOOK_PAYLOADS } from './webhook-payloads.js';
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type InboundRequest,
  type VerifiedDelivery,
  type WebhookTriggerDeclaration,
  WebhookRejected,
} from '../kit/types.js';
import { parseShopifyJson } from './safe-json.js';

/** Webhook topics the Shopify trigger accepts. */
export const SHOPIFY_WEBHOOK_TOPICS = [
  'orders/create',
  'orders/paid',
  'orders/updated',
  'orders/cancelled',
  'refunds/create',
  'customers/create',
  'customers/update',
] as const;

/** One of {@link SHOPIFY_WEBHOOK_TOPICS}. */
export type ShopifyWebhookTopic = (typeof SHOPIFY_WEBHOOK_TOPICS)[number];

const TOPICS: ReadonlySet<string> = new Set(SHOPIFY_WEBHOOK_TOPICS);

/** Reads a header whatever the case of its name (Shopify documents them as case-insensitive). */
function header(req: InboundRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== '') return first.trim();
  }
  return undefined;
}

/** The base64 HMAC-SHA256 Shopify puts in X-Shopify-Hmac-Sha256 for a body. */
export function shopifyHmac(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/**
 * Verifies a Shopify delivery: the HMAC over the raw bytes in constant time first, then the
 * required headers, the JSON body (64-bit ids kept as strings) and the topic.
 */
export function verifyShopifyWebhook(
  req: InboundRequest,
  connection: { config: Record<string, unknown>; secrets: Record<string, string> },
): VerifiedDelivery {
  const secret = connection.secrets.clientSecret;
  if (!secret) {
    throw new WebhookRejected(
      401,
      'webhook.no-secret',
      'the Shopify connection has no clientSecret to verify deliveries with',
    );
  }
  const given = header(req, 'x-shopify-hmac-sha256');
  if (!given) throw new WebhookRejected(401, 'webhook.unsigned', 'missing X-Shopify-Hmac-Sha256');
  const expected = createHmac('sha256', secret).update(req.rawBody).digest();
  const actual = Buffer.from(given, 'base64');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new WebhookRejected(401, 'webhook.bad-signature', 'the HMAC does not match the body');
  }
  const topic = header(req, 'x-shopify-topic');
  const shop = header(req, 'x-shopify-shop-domain');
  const webhookId = header(req, 'x-shopify-webhook-id');
  const missing = [
    topic ? undefined : 'X-Shopify-Topic',
    shop ? undefined : 'X-Shopify-Shop-Domain',
    webhookId ? undefined : 'X-Shopify-Webhook-Id',
  ].filter((h): h is string => h !== undefined);
  if (!topic || !shop || !webhookId) {
    throw new WebhookRejected(400, 'webhook.headers', `missing ${missing.join(', ')}`);
  }
  let payload: unknown;
  try {
    payload = parseShopifyJson(req.rawBody.toString('utf8'));
  } catch {
    throw new WebhookRejected(400, 'webhook.malformed', 'the body is not JSON');
  }
  if (!TOPICS.has(topic)) {
    throw new WebhookRejected(400, 'webhook.topic', `topic ${topic} is not supported`);
  }
  // The event id is shared by every delivery of one event; the webhook id only by retries.
  const dedupeKey = header(req, 'x-shopify-event-id') ?? webhookId;
  const occurredAt = header(req, 'x-shopify-triggered-at');
  return { event: topic, dedupeKey, payload, ...(occurredAt ? { occurredAt } : {}) };
}

/** The Shopify webhook trigger declaration. */
export const shopifyWebhook: WebhookTriggerDeclaration = {
  events: [...SHOPIFY_WEBHOOK_TOPICS],
  payloads: SHOPIFY_WEBHOOK_PAYLOADS,
  verify: verifyShopifyWebhook,
};
