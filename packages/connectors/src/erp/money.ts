/**
 * Exact decimal arithmetic for money. Amounts travel as decimal strings and become integer cents
 * (`bigint`) for sums and comparisons, so no binary floating point ever touches a money value.
 */

/** An exact decimal: `units × 10^-scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

/** Parses a decimal text (JSON number syntax, exponent allowed) without going through a float. */
export function parseDecimal(text: string): Decimal {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a decimal number`);
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  let units = BigInt(int + frac);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

/** Converts a decimal text to integer cents; throws when it has non-zero digits past the cent. */
export function toCents(text: string): bigint {
  const { units, scale } = parseDecimal(text);
  if (scale <= 2) return units * 10n ** BigInt(2 - scale);
  const divisor = 10n ** BigInt(scale - 2);
  if (units % divisor !== 0n) throw new RangeError(`"${text}" has more than two decimals`);
  return units / divisor;
}

/** Rounds an exact decimal to cents, half away from zero (the way invoices round). */
export function roundToCents(d: Decimal): bigint {
  if (d.scale <= 2) return d.units * 10n ** BigInt(2 - d.scale);
  const divisor = 10n ** BigInt(d.scale - 2);
  const abs = d.units < 0n ? -d.units : d.units;
  const rounded = (abs + divisor / 2n) / divisor;
  return d.units < 0n ? -rounded : rounded;
}

/** `a × b` rounded to cents, e.g. quantity × unit price. */
export function multiplyToCents(a: string, b: string): bigint {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return roundToCents({ units: x.units * y.units, scale: x.scale + y.scale });
}

/** Formats cents as a decimal string with exactly two decimals (`-12.30`). */
export function formatCents(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return cents < 0n ? `-${text}` : text;
}

/** Normalises a money text to two decimals (`150` → `150.00`); more precise values stay as they are. */
export function normaliseMoney(text: string): string {
  try {
    return formatCents(toCents(text));
  } catch {
    return text;
  }
}

/** Sums decimal strings exactly, in cents. */
export function sumCents(texts: readonly string[]): bigint {
  return texts.reduce((acc, t) => acc + toCents(t), 0n);
}
