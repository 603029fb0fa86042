import { redactCardData } from '@braid/flow-schema';

const CARD_HINT = /(?<![A-Za-z0-9/_])\d[\d -]{11,}\d|cvv|cvc|csc|security.?code|card.?code/i;

/**
 * Prepares a value for a step record or a log line: card numbers masked, CVV/CSC fields
 * removed, and anything larger than `capBytes` replaced by a visible marker with a preview.
 */
export function sanitizeForRecord(value: unknown, capBytes: number): unknown {
  if (value === undefined) return undefined;
  const raw = JSON.stringify(value);
  if (raw === undefined) return undefined;
  // Most records hold no 13+ digit run and no card-code field: skip the deep walk for them.
  const redacted = CARD_HINT.test(raw) ? redactCardData(value) : value;
  const text = redacted === value ? raw : JSON.stringify(redacted);
  if (text === undefined || text.length <= capBytes) return redacted;
  return {
    $truncated: true,
    bytes: Buffer.byteLength(text),
    capBytes,
    preview: text.slice(0, Math.min(1024, capBytes)),
  };
}
