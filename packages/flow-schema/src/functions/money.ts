import {
  Dec,
  describe,
  fail,
  parseDecimal,
  parseRoundingMode,
  plain,
  type DecimalInput,
  type RoundingMode,
} from './args.js';
import type { BraidFunction } from './types.js';

const minorUnitsCache = new Map<string, number>();
let supportedCurrencies: ReadonlySet<string> | undefined;

// Intl formats any well-formed three-letter code (even "ABC"), so membership in the list of
// currencies Intl knows is what makes a code valid.
function isSupportedCurrency(code: string): boolean {
  supportedCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return supportedCurrencies.has(code);
}

/** Validates a currency argument and returns it upper-cased ("usd" → "USD"). */
export function normalizeCurrency(currency: unknown): string {
  if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency.trim())) {
    return fail('INVALID_CURRENCY', `currency must be an ISO 4217 code, got ${describe(currency)}`);
  }
  const code = currency.trim().toUpperCase();
  if (!isSupportedCurrency(code)) fail('INVALID_CURRENCY', `unknown currency ${code}`);
  return code;
}

/**
 * Minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, KWD 3) as Intl/CLDR reports them.
 * CLDR differs from ISO 4217 for a few currencies (e.g. HUF, IDR, COP, IQD report 0).
 */
export function minorUnitsOf(currency: string): number {
  return digitsOf(currency);
}

function digitsOf(currency: unknown): number {
  const code = normalizeCurrency(currency);
  let digits = minorUnitsCache.get(code);
  if (digits === undefined) {
    const options = new Intl.NumberFormat('en', {
      style: 'currency',
      currency: code,
    }).resolvedOptions();
    digits = options.maximumFractionDigits ?? 2;
    minorUnitsCache.set(code, digits);
  }
  return digits;
}

function moneyOf(amount: unknown, currency: unknown, mode: unknown): string {
  const digits = digitsOf(currency);
  const rm = parseRoundingMode(mode);
  return plain(parseDecimal(amount).value.round(digits, rm), digits);
}

function toMinorOf(amount: unknown, currency: unknown, mode: unknown): number {
  const digits = digitsOf(currency);
  const rm = parseRoundingMode(mode);
  const minor = parseDecimal(amount).value.round(digits, rm).times(new Dec(10).pow(digits));
  if (minor.abs().gt(Number.MAX_SAFE_INTEGER)) {
    fail('OUT_OF_RANGE', `${plain(minor)} minor units exceed Number.MAX_SAFE_INTEGER`);
  }
  return Number(plain(minor));
}

function fromMinorOf(minor: unknown, currency: unknown): string {
  const digits = digitsOf(currency);
  const trimmed = typeof minor === 'string' ? minor.trim() : minor;
  const valid =
    typeof trimmed === 'number'
      ? Number.isSafeInteger(trimmed)
      : typeof trimmed === 'string' && /^[+-]?\d{1,300}$/.test(trimmed);
  if (!valid) {
    fail('INVALID_DECIMAL', `minor units must be a safe integer, got ${describe(minor)}`);
  }
  return plain(new Dec(trimmed as number | string).div(10 ** digits), digits);
}

/** Rounds an amount to the currency's minor units, as a decimal string ("10.005" USD → "10.01"). */
export function roundMoney(amount: DecimalInput, currency: string, mode?: RoundingMode): string {
  return moneyOf(amount, currency, mode);
}

/** Converts an amount to integer minor units (10.01 USD → 1001), within Number.MAX_SAFE_INTEGER. */
export function toMinorUnits(amount: DecimalInput, currency: string, mode?: RoundingMode): number {
  return toMinorOf(amount, currency, mode);
}

/** Converts integer minor units back to a decimal string (1235 KWD → "1.235"). */
export function fromMinorUnits(minor: number | string, currency: string): string {
  return fromMinorOf(minor, currency);
}

export const moneyFunctions: readonly BraidFunction[] = [
  {
    name: 'money',
    category: 'money',
    implementation: (amount: unknown, currency: unknown, mode?: unknown) =>
      amount === undefined || currency === undefined ? undefined : moneyOf(amount, currency, mode),
    doc: {
      summary:
        "Rounds an amount to the currency's minor units (from Intl/CLDR) and returns a decimal string with exactly that many digits. Never uses binary floating point.",
      params: [
        { name: 'amount', type: 'string | number', description: 'Decimal string or number.' },
        { name: 'currency', type: 'string', description: 'ISO 4217 code, case-insensitive.' },
        {
          name: 'mode',
          type: 'string',
          optional: true,
          description: '`half-up` (default, half away from zero), `half-even`, `down`, `up`.',
        },
      ],
      returns: 'string, or undefined when amount or currency is undefined',
      examples: [
        { expression: '$money("10.005", "USD")', result: '10.01' },
        { expression: '$money(10.005, "USD")', result: '10.01' },
        { expression: '$money("-10.005", "USD")', result: '-10.01' },
        { expression: '$money("10.005", "USD", "half-even")', result: '10.00' },
        { expression: '$money("999.5", "JPY")', result: '1000' },
        { expression: '$money("1.2345", "KWD")', result: '1.235' },
        {
          expression: '$money(total, currency)',
          input: { total: '5', currency: 'usd' },
          result: '5.00',
        },
        { expression: '$money(missing, "USD")', result: undefined },
      ],
    },
  },
  {
    name: 'toMinor',
    category: 'money',
    implementation: (amount: unknown, currency: unknown, mode?: unknown) =>
      amount === undefined || currency === undefined
        ? undefined
        : toMinorOf(amount, currency, mode),
    doc: {
      summary:
        "Rounds an amount to the currency's minor units and returns them as an integer (cents). Fails with OUT_OF_RANGE beyond Number.MAX_SAFE_INTEGER.",
      params: [
        { name: 'amount', type: 'string | number', description: 'Decimal string or number.' },
        { name: 'currency', type: 'string', description: 'ISO 4217 code.' },
        {
          name: 'mode',
          type: 'string',
          optional: true,
          description: 'Rounding mode, as for `$money`.',
        },
      ],
      returns: 'integer number',
      examples: [
        { expression: '$toMinor("10.01", "USD")', result: 1001 },
        { expression: '$toMinor(0.1 + 0.2, "USD")', result: 30 },
        { expression: '$toMinor("1000", "JPY")', result: 1000 },
        { expression: '$toMinor("-1.2345", "KWD")', result: -1235 },
        { expression: '$toMinor("0.015", "USD", "down")', result: 1 },
      ],
    },
  },
  {
    name: 'fromMinor',
    category: 'money',
    implementation: (minor: unknown, currency: unknown) =>
      minor === undefined || currency === undefined ? undefined : fromMinorOf(minor, currency),
    doc: {
      summary:
        "Converts integer minor units to a decimal string with the currency's digits. Integer strings are accepted for values beyond the safe range.",
      params: [
        { name: 'minor', type: 'number | string', description: 'Integer minor units.' },
        { name: 'currency', type: 'string', description: 'ISO 4217 code.' },
      ],
      returns: 'string',
      examples: [
        { expression: '$fromMinor(1001, "USD")', result: '10.01' },
        { expression: '$fromMinor(-5, "USD")', result: '-0.05' },
        { expression: '$fromMinor(1000, "JPY")', result: '1000' },
        { expression: '$fromMinor(1235, "KWD")', result: '1.235' },
      ],
    },
  },
  {
    name: 'minorUnits',
    category: 'money',
    implementation: (currency: unknown) =>
      currency === undefined ? undefined : digitsOf(currency),
    doc: {
      summary:
        'Number of minor-unit digits of a currency, from Intl/CLDR. Unknown codes fail with INVALID_CURRENCY. CLDR follows ISO 4217 except for a few currencies whose minor unit is unused in practice (HUF, IDR, COP, IQD and some others give 0).',
      params: [{ name: 'currency', type: 'string', description: 'ISO 4217 code.' }],
      returns: 'number',
      examples: [
        { expression: '$minorUnits("USD")', result: 2 },
        { expression: '$minorUnits("JPY")', result: 0 },
        { expression: '$minorUnits("KWD")', result: 3 },
      ],
    },
  },
];
