import { quoteNumbers } from '../kit/json-numbers.js';

/**
 * Shopify's REST payloads carry 64-bit integer ids (`"id": 820982911946154508`) that
 * `JSON.parse` would silently round. These helpers keep them exact by treating them as strings.
 */

/** Keys whose integer values are identifiers: `id`, `order_id`, `ids`, `line_item_ids`, ... */
const ID_KEY = /(?:^|_)ids?$/;

/**
 * Rewrites JSON text so integer literals under id keys, and any integer beyond
 * Number.MAX_SAFE_INTEGER, become strings (digits inside string values are never touched).
 */
export function quoteIntegerIds(text: string): string {
  return quoteNumbers(
    text,
    (literal, key) =>
      /^-?\d+$/.test(literal) &&
      ((key !== undefined && ID_KEY.test(key)) || !Number.isSafeInteger(Number(literal))),
  );
}

/** Parses a Shopify REST/webhook body with every id as an exact string. */
export function parseShopifyJson(text: string): unknown {
  return JSON.parse(quoteIntegerIds(text)) as unknown;
}

/**
 * Serialises a payload the way Shopify sends it: numeric-string values under id keys become bare
 * integer literals again (the inverse of `quoteIntegerIds`), everything else as JSON.stringify.
 */
export function stringifyWithRawIds(value: unknown, key?: string): string {
  const idKey = key !== undefined && ID_KEY.test(key);
  if (idKey && typeof value === 'string' && /^\d+$/.test(value)) return value;
  if (Array.isArray(value)) {
    return `[${value.map((v) => stringifyWithRawIds(v === undefined ? null : v, key)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${stringifyWithRawIds(v, k)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
