/**
 * Shopify's REST payloads carry 64-bit integer ids (`"id": 820982911946154508`) that
 * `JSON.parse` would silently round. These helpers keep them exact by treating them as strings.
 */

/** Keys whose integer values are identifiers: `id`, `order_id`, `ids`, `line_item_ids`, ... */
const ID_KEY = /(?:^|_)ids?$/;

interface Frame {
  kind: 'object' | 'array';
  /** For objects: the key most recently read. For arrays: the key the array sits under. */
  key: string | undefined;
  expectKey: boolean;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Index just past the string literal that starts at `start` (a `"`), honouring escapes. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i += 1;
  }
  return text.length;
}

/**
 * Rewrites JSON text so integer literals under id keys, and any integer beyond
 * Number.MAX_SAFE_INTEGER, become strings. It walks the tokens rather than using a regex so
 * digits inside string values (notes, addresses) are never touched. Invalid JSON passes through
 * unchanged for `JSON.parse` to reject.
 */
export function quoteIntegerIds(text: string): string {
  const stack: Frame[] = [];
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = endOfString(text, i);
      if (top?.kind === 'object' && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end)) as string;
        top.expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      // An array inherits the key it sits under so `"line_item_ids": [1, 2]` is covered.
      const key = top?.kind === 'object' ? top.key : top?.key;
      stack.push({ kind: c === '{' ? 'object' : 'array', key, expectKey: c === '{' });
      i += 1;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i += 1;
    } else if (c === ',') {
      if (top?.kind === 'object') top.expectKey = true;
      i += 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)?.[0] ?? c;
      const isInteger = /^-?\d+$/.test(literal);
      const underIdKey = top?.key !== undefined && ID_KEY.test(top.key);
      if (isInteger && (underIdKey || !Number.isSafeInteger(Number(literal)))) {
        out += `${text.slice(copied, i)}"${literal}"`;
        copied = i + literal.length;
      }
      i += literal.length;
    } else {
      i += 1;
    }
  }
  return out + text.slice(copied);
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
