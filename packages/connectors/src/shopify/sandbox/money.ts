/** Decimal-string money in minor units, so the sandbox never adds floats. */

/** Digits after the decimal point for a currency (ISO 4217 minor units, as `Intl` knows them). */
export function decimalsOf(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/**
 * "10.5" → 1050 (USD), from the decimal text, never through a float. Extra precision is rounded
 * half away from zero.
 */
export function toMinor(amount: string | number, currency: string): number {
  const decimals = decimalsOf(currency);
  const text = String(amount).trim();
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new Error(`"${text}" is not an amount`);
  const [, sign = '', whole = '0', frac = ''] = m;
  const kept = frac.padEnd(decimals, '0').slice(0, decimals);
  let minor = Number(whole + kept);
  if ((frac[decimals] ?? '0') >= '5') minor += 1;
  return sign === '-' ? -minor : minor;
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
