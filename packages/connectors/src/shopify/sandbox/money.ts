/** Decimal-string money in minor units, so the sandbox never adds floats. */

// ISO 4217 currencies without minor units that shops commonly sell in.
const ZERO_DECIMAL = new Set([
  'JPY',
  'KRW',
  'VND',
  'CLP',
  'ISK',
  'HUF',
  'TWD',
  'UGX',
  'XAF',
  'XOF',
]);

/** Digits after the decimal point for a currency. */
export function decimalsOf(currency: string): number {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

/** "10.5" → 1050 (USD). Extra precision is rounded half away from zero. */
export function toMinor(amount: string | number, currency: string): number {
  const decimals = decimalsOf(currency);
  const value = Number(amount);
  if (!Number.isFinite(value)) throw new Error(`"${String(amount)}" is not an amount`);
  return Math.sign(value) * Math.round(Math.abs(value) * 10 ** decimals);
}

/** 1050 → "10.50" (USD); 1050 → "1050" (JPY). */
export function fromMinor(minor: number, currency: string): string {
  const decimals = decimalsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(minor))).padStart(decimals + 1, '0');
  if (decimals === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** A REST `*_set` object (shop and presentment money) for an amount in minor units. */
export function moneySet(
  minor: number,
  currency: string,
  presentment: { currency: string; rate: number } = { currency, rate: 1 },
): {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
} {
  const presentmentMinor = Math.round(
    (minor / 10 ** decimalsOf(currency)) *
      presentment.rate *
      10 ** decimalsOf(presentment.currency),
  );
  return {
    shop_money: { amount: fromMinor(minor, currency), currency_code: currency },
    presentment_money: {
      amount: fromMinor(presentmentMinor, presentment.currency),
      currency_code: presentment.currency,
    },
  };
}
