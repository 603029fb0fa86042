/**
 * Money without binary floating point. PayTrace takes amounts as decimal strings but exports
 * them as JSON numbers, so responses are parsed with the number text of money fields kept.
 */

import { quoteNumbers } from '../kit/json-numbers.js';

/**
 * JSON Schema pattern of an amount input: a decimal string in the minor units of the merchant
 * account's currency — two places for USD ("10.00"), none for JPY ("1000"), three for KWD.
 */
export const AMOUNT_PATTERN = '^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,3})?$';

/** Keys whose JSON number values are money and must keep their exact text. */
export const MONEY_KEYS: ReadonlySet<string> = new Set([
  'amount',
  'original_amount',
  'tax_amount',
  'discount_amount',
  'freight_amount',
  'net_amount',
  'sales_amount',
  'refund_amount',
  'refunded_amount',
]);

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Formats a JSON number's text as a decimal string with at least two places, exactly: digits are
 * shifted for exponents, never rounded. `10.5` → `"10.50"`, `1.005e2` → `"100.50"`.
 */
export function decimalFromNumberText(text: string): string {
  const m = NUMBER_TEXT.exec(text.trim());
  if (!m) throw new Error(`not a JSON number: ${text}`);
  const [, sign = '', int = '0', frac = '', exp = '0'] = m;
  let digits = int + frac;
  let point = int.length + Number(exp);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  let fraction = digits.slice(point).replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  const negative = sign === '-' && /[1-9]/.test(whole + fraction);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Whether two decimal strings denote the same amount ("10.5" and "10.50" do). */
export function sameAmount(a: string, b: string): boolean {
  return decimalFromNumberText(a) === decimalFromNumberText(b);
}

/** Normalises an amount that may arrive as number text or a decimal string. */
export function toDecimalString(value: unknown): string | undefined {
  if (typeof value !== 'string' || !NUMBER_TEXT.test(value.trim())) return undefined;
  return decimalFromNumberText(value);
}

/**
 * Rewrites money numbers (keys in `keys`) as JSON strings holding their exact source text, so
 * `JSON.parse` never turns them into floats.
 */
export function quoteMoneyNumbers(text: string, keys: ReadonlySet<string> = MONEY_KEYS): string {
  return quoteNumbers(text, (_literal, key) => key !== undefined && keys.has(key));
}

/** Parses a PayTrace JSON body with money numbers kept as decimal strings. */
export function parseMoneyJson(text: string): unknown {
  const parsed = JSON.parse(quoteMoneyNumbers(text)) as unknown;
  return normaliseMoney(parsed);
}

function normaliseMoney(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => normaliseMoney(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normaliseMoney(v, k)]),
    );
  }
  if (key !== undefined && MONEY_KEYS.has(key) && typeof value === 'string') {
    return toDecimalString(value) ?? value;
  }
  return value;
}

/** Formats integer thousandths as a decimal string: two places, or three when the third is set. */
export function fromMills(mills: number): string {
  const sign = mills < 0 ? '-' : '';
  const abs = Math.abs(mills);
  let frac = String(abs % 1000).padStart(3, '0');
  if (frac.endsWith('0')) frac = frac.slice(0, 2);
  return `${sign}${Math.floor(abs / 1000)}.${frac}`;
}
