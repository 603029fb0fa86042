import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import type { Clock } from '@braid/engine';
import { sleep } from '../../kit/rate-limiter.js';
import { stringifyWithRawIds } from '../safe-json.js';
import { shopifyHmac } from '../webhook.js';

/** Options of {@link sendWebhook}. */
export interface SendWebhookOptions {
  url: string;
  topic: string;
  /** The REST payload; numeric-string ids are sent as bare 64-bit integers, as Shopify does. */
  payload: unknown;
  /** The app's client secret. */
  secret: string;
  shopDomain: string;
  /** Time for X-Shopify-Triggered-At. */
  clock: Clock;
  /** Shared by every delivery of this event (default: a fresh UUID). */
  eventId?: string;
  /** Extra deliveries of the same event, each with its own webhook id (default 0). */
  duplicates?: number;
  /** Wait before the first delivery, to simulate late webhooks (default 0). */
  delayMs?: number;
  apiVersion?: string;
  /** X-Shopify-Name, sent when the subscription has a name. */
  name?: string;
  /** Retries after the first attempt (default 8, as Shopify). */
  retries?: number;
  /** First backoff; doubles per retry (default 1000 ms; tests use a few ms). */
  baseDelayMs?: number;
  /** Shopify counts an answer slower than this as failed (default 5000 ms). */
  timeoutMs?: number;
}

/** One attempt of one delivery. */
export interface DeliveryAttempt {
  status?: number;
  error?: string;
}

/** What happened to each delivery of the event. */
export interface SendWebhookReport {
  eventId: string;
  triggeredAt: string;
  deliveries: { webhookId: string; delivered: boolean; attempts: DeliveryAttempt[] }[];
}

async function attempt(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<DeliveryAttempt> {
  try {
    const res = await request(url, {
      method: 'POST',
      headers,
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await res.body.dump();
    return { status: res.statusCode };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/**
 * Delivers a webhook exactly as Shopify does: the raw payload signed with base64 HMAC-SHA256,
 * all X-Shopify-* headers, retries of non-2xx answers with exponential backoff (resending the
 * original bytes and webhook id), and optional duplicate deliveries sharing the event id.
 */
export async function sendWebhook(options: SendWebhookOptions): Promise<SendWebhookReport> {
  const eventId = options.eventId ?? randomUUID();
  const triggeredAt = new Date(options.clock.now()).toISOString();
  const body = stringifyWithRawIds(options.payload);
  const hmac = shopifyHmac(body, options.secret);
  const retries = options.retries ?? 8;
  const baseDelay = options.baseDelayMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 5000;
  if (options.delayMs) await sleep(options.delayMs);
  const report: SendWebhookReport = { eventId, triggeredAt, deliveries: [] };
  for (let d = 0; d <= (options.duplicates ?? 0); d += 1) {
    const webhookId = randomUUID();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-shopify-topic': options.topic,
      'x-shopify-hmac-sha256': hmac,
      'x-shopify-shop-domain': options.shopDomain,
      'x-shopify-api-version': options.apiVersion ?? '2025-10',
      'x-shopify-webhook-id': webhookId,
      'x-shopify-event-id': eventId,
      'x-shopify-triggered-at': triggeredAt,
      ...(options.name ? { 'x-shopify-name': options.name } : {}),
    };
    const attempts: DeliveryAttempt[] = [];
    let delivered = false;
    for (let n = 0; n <= retries && !delivered; n += 1) {
      if (n > 0) await sleep(baseDelay * 2 ** (n - 1));
      const result = await attempt(options.url, headers, body, timeoutMs);
      attempts.push(result);
      delivered = result.status !== undefined && result.status >= 200 && result.status < 300;
    }
    report.deliveries.push({ webhookId, delivered, attempts });
  }
  return report;
}
