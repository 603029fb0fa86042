/**
 * Exact decimal arithmetic for money. Amounts travel as decimal strings and become integer units
 * (`bigint`, see SCALE) for sums and comparisons, so no binary floating point ever touches a money value.
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

/**
 * Amounts are held as integer thousandths ("mills"): QuickBooks amounts carry two decimals for
 * most currencies and three for dinar-style ones (KWD, BHD, OMR), so three covers both exactly.
 */
const SCALE = 3;
const UNIT = 10n ** BigInt(SCALE);

/** Converts a decimal text to integer mills; throws when it has non-zero digits past the third. */
export function toMills(text: string): bigint {
  const { units, scale } = parseDecimal(text);
  if (scale <= SCALE) return units * 10n ** BigInt(SCALE - scale);
  const divisor = 10n ** BigInt(scale - SCALE);
  if (units % divisor !== 0n) throw new RangeError(`"${text}" has more than three decimals`);
  return units / divisor;
}

/** Rounds an exact decimal to mills, half away from zero (the way invoices round). */
export function roundToMills(d: Decimal): bigint {
  if (d.scale <= SCALE) return d.units * 10n ** BigInt(SCALE - d.scale);
  const divisor = 10n ** BigInt(d.scale - SCALE);
  const abs = d.units < 0n ? -d.units : d.units;
  const rounded = (abs + divisor / 2n) / divisor;
  return d.units < 0n ? -rounded : rounded;
}

/** `a × b` rounded to mills, e.g. quantity × unit price. */
export function multiplyToMills(a: string, b: string): bigint {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return roundToMills({ units: x.units * y.units, scale: x.scale + y.scale });
}

/** Formats mills as a decimal string with two decimals, or three when the third is not zero. */
export function formatMills(mills: bigint): string {
  const abs = mills < 0n ? -mills : mills;
  let frac = (abs % UNIT).toString().padStart(SCALE, '0');
  if (frac.endsWith('0')) frac = frac.slice(0, 2);
  const text = `${abs / UNIT}.${frac}`;
  return mills < 0n ? `-${text}` : text;
}

/** Normalises a money text (`150` → `150.00`, `1.2345` stays as it is). */
export function normaliseMoney(text: string): string {
  try {
    return formatMills(toMills(text));
  } catch {
    return text;
  }
}

/** Sums decimal strings exactly, in mills. */
export function sumMills(texts: readonly string[]): bigint {
  return texts.reduce((acc, t) => acc + toMills(t), 0n);
}
