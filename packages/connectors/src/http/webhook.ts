import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  type InboundRequest,
  type VerifiedDelivery,
  type WebhookTriggerDeclaration,
  WebhookRejected,
} from '../kit/types.js';

/** How a generic webhook source signs its deliveries. */
export interface HmacConfig {
  header: string;
  algorithm: 'sha256' | 'sha1';
  encoding: 'hex' | 'base64';
  /** Text before the digest in the header, e.g. `sha256=`. */
  prefix?: string;
}

function header(req: InboundRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Verifies an HMAC (when configured) over the raw bytes in constant time, before parsing. */
export function verifyHttpWebhook(
  req: InboundRequest,
  connection: { config: Record<string, unknown>; secrets: Record<string, string> },
): VerifiedDelivery {
  const hmac = connection.config.hmac as HmacConfig | undefined;
  if (hmac) {
    const secret = connection.secrets.hmacSecret;
    if (!secret)
      throw new WebhookRejected(
        401,
        'webhook.no-secret',
        'the connection has no hmacSecret to verify signatures with',
      );
    const given = header(req, hmac.header);
    if (!given)
      throw new WebhookRejected(401, 'webhook.unsigned', `missing signature header ${hmac.header}`);
    const text =
      hmac.prefix && given.startsWith(hmac.prefix) ? given.slice(hmac.prefix.length) : given;
    const expected = createHmac(hmac.algorithm, secret).update(req.rawBody).digest();
    const actual = Buffer.from(text.trim(), hmac.encoding);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new WebhookRejected(
        401,
        'webhook.bad-signature',
        'the signature does not match the body',
      );
    }
  }
  let payload: unknown;
  try {
    payload = JSON.parse(req.rawBody.toString('utf8')) as unknown;
  } catch {
    throw new WebhookRejected(400, 'webhook.malformed', 'the body is not JSON');
  }
  const dedupeHeader = connection.config.dedupeHeader as string | undefined;
  const eventHeader = connection.config.eventHeader as string | undefined;
  const dedupeKey =
    (dedupeHeader && header(req, dedupeHeader)) ||
    createHash('sha256').update(req.rawBody).digest('hex');
  if (dedupeKey.length > 500)
    throw new WebhookRejected(
      400,
      'webhook.dedupe-key',
      'the dedupe header is longer than 500 characters',
    );
  return { event: (eventHeader && header(req, eventHeader)) || '*', dedupeKey, payload };
}

/** The generic webhook trigger: any event, optional HMAC, dedupe by header or body hash. */
export const httpWebhook: WebhookTriggerDeclaration = { events: ['*'], verify: verifyHttpWebhook };
