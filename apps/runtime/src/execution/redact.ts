import { redactCardData } from '@braid/flow-schema';

/**
 * Prepares a value for a step record or a log line: card numbers masked, CVV/CSC fields
 * removed, and anything larger than `capBytes` replaced by a visible marker with a preview.
 */
export function sanitizeForRecord(value: unknown, capBytes: number): unknown {
  if (value === undefined) return undefined;
  const redacted = redactCardData(value);
  const text = JSON.stringify(redacted);
  if (text === undefined || text.length <= capBytes) return redacted;
  return {
    $truncated: true,
    bytes: Buffer.byteLength(text),
    capBytes,
    preview: text.slice(0, Math.min(1024, capBytes)),
  };
}
