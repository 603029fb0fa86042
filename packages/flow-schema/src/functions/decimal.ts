import Big from 'big.js';
import {
  Dec,
  fail,
  parseDecimal,
  parsePlaces,
  parseRoundingMode,
  plain,
  type DecimalInput,
  type RoundingMode,
} from './args.js';
import type { BraidFunction } from './types.js';

// Results keep the scale of their inputs, as SQL DECIMAL does, so "10.00" + "5" is "15.00" and
// money strings stay ready for APIs that expect a fixed number of digits.

function addOf(a: unknown, b: unknown, sign: 1 | -1): string {
  const x = parseDecimal(a, 'a');
  const y = parseDecimal(b, 'b');
  const sum = sign === 1 ? x.value.plus(y.value) : x.value.minus(y.value);
  return plain(sum, Math.max(x.scale, y.scale));
}

function mulOf(a: unknown, b: unknown): string {
  const x = parseDecimal(a, 'a');
  const y = parseDecimal(b, 'b');
  return plain(x.value.times(y.value), x.scale + y.scale);
}

// A dedicated constructor whose DP/RM are set per call: big.js rounds quotients with the
// settings of the constructor the dividend belongs to.
const Quotient = Big();

function divOf(a: unknown, b: unknown, places: unknown, mode: unknown): string {
  const x = parseDecimal(a, 'a');
  const y = parseDecimal(b, 'b');
  if (y.value.eq(0)) fail('DIVISION_BY_ZERO', 'division by zero');
  const dp = places === undefined || places === null ? undefined : parsePlaces(places);
  Quotient.DP = dp ?? 20;
  Quotient.RM = parseRoundingMode(mode);
  const quotient = new Quotient(x.value).div(new Quotient(y.value));
  return plain(quotient, dp);
}

function roundOf(a: unknown, places: unknown, mode: unknown): string {
  const x = parseDecimal(a, 'a');
  const dp = parsePlaces(places);
  return plain(x.value.round(dp, parseRoundingMode(mode)), dp);
}

function cmpOf(a: unknown, b: unknown): number {
  return parseDecimal(a, 'a').value.cmp(parseDecimal(b, 'b').value);
}

function sumOf(values: unknown): string {
  // JSONata collapses a one-item sequence to the item, so a lone value is a one-item list.
  const list = Array.isArray(values) ? (values as unknown[]) : [values];
  let total = new Dec(0);
  let scale = 0;
  list.forEach((item, i) => {
    const d = parseDecimal(item, `item ${i}`);
    total = total.plus(d.value);
    scale = Math.max(scale, d.scale);
  });
  return plain(total, scale);
}

/** Exact a + b; the result has as many fraction digits as the longer input. */
export function decAdd(a: DecimalInput, b: DecimalInput): string {
  return addOf(a, b, 1);
}

/** Exact a − b; the result has as many fraction digits as the longer input. */
export function decSub(a: DecimalInput, b: DecimalInput): string {
  return addOf(a, b, -1);
}

/** Exact a × b; the result's fraction digits are the sum of the inputs'. */
export function decMul(a: DecimalInput, b: DecimalInput): string {
  return mulOf(a, b);
}

/** a ÷ b rounded to `places` (default: up to 20 digits, trailing zeros dropped). */
export function decDiv(
  a: DecimalInput,
  b: DecimalInput,
  places?: number,
  mode?: RoundingMode,
): string {
  return divOf(a, b, places, mode);
}

/** Rounds to exactly `places` fraction digits (half away from zero unless a mode is given). */
export function decRound(a: DecimalInput, places: number, mode?: RoundingMode): string {
  return roundOf(a, places, mode);
}

/** Compares two decimals: -1, 0 or 1. */
export function decCmp(a: DecimalInput, b: DecimalInput): number {
  return cmpOf(a, b);
}

/** Exact sum of a list of decimals ("0" for an empty list). */
export function decSum(values: readonly DecimalInput[]): string {
  return sumOf(values);
}

const twoDecimals = [
  { name: 'a', type: 'string | number', description: 'Decimal string or number.' },
  { name: 'b', type: 'string | number', description: 'Decimal string or number.' },
];

export const decimalFunctions: readonly BraidFunction[] = [
  {
    name: 'decAdd',
    category: 'decimal',
    implementation: (a: unknown, b: unknown) =>
      a === undefined || b === undefined ? undefined : addOf(a, b, 1),
    doc: {
      summary: 'Exact decimal addition. The result keeps the larger number of fraction digits.',
      params: twoDecimals,
      returns: 'decimal string',
      examples: [
        { expression: '$decAdd("0.1", "0.2")', result: '0.3' },
        { expression: '$decAdd(0.1, 0.2)', result: '0.3' },
        { expression: '$decAdd("10.00", "5")', result: '15.00' },
        { expression: '$decAdd("-3.5", "1e2")', result: '96.5' },
      ],
    },
  },
  {
    name: 'decSub',
    category: 'decimal',
    implementation: (a: unknown, b: unknown) =>
      a === undefined || b === undefined ? undefined : addOf(a, b, -1),
    doc: {
      summary:
        'Exact decimal subtraction a − b. The result keeps the larger number of fraction digits.',
      params: twoDecimals,
      returns: 'decimal string',
      examples: [
        { expression: '$decSub("10.00", "10.01")', result: '-0.01' },
        { expression: '$decSub("1.10", "1.1")', result: '0.00' },
      ],
    },
  },
  {
    name: 'decMul',
    category: 'decimal',
    implementation: (a: unknown, b: unknown) =>
      a === undefined || b === undefined ? undefined : mulOf(a, b),
    doc: {
      summary:
        'Exact decimal multiplication; fraction digits add up ("2.50" × "3" = "7.50"). Round with `$money` or `$decRound`.',
      params: twoDecimals,
      returns: 'decimal string',
      examples: [
        { expression: '$decMul("19.99", "3")', result: '59.97' },
        { expression: '$decMul("10.00", "0.0825")', result: '0.825000' },
        { expression: '$money($decMul("10.00", "0.0825"), "USD")', result: '0.83' },
      ],
    },
  },
  {
    name: 'decDiv',
    category: 'decimal',
    implementation: (a: unknown, b: unknown, places?: unknown, mode?: unknown) =>
      a === undefined || b === undefined ? undefined : divOf(a, b, places, mode),
    doc: {
      summary:
        'Decimal division. With `places`, the quotient is rounded (mode as for `$money`) and padded to exactly that many digits; without, it has at most 20 fraction digits and no trailing zeros. Division by zero fails with DIVISION_BY_ZERO.',
      params: [
        ...twoDecimals,
        { name: 'places', type: 'number', optional: true, description: 'Integer 0–100.' },
        {
          name: 'mode',
          type: 'string',
          optional: true,
          description: 'Rounding mode; default `half-up`.',
        },
      ],
      returns: 'decimal string',
      examples: [
        { expression: '$decDiv("10", "4")', result: '2.5' },
        { expression: '$decDiv("1", "3")', result: '0.33333333333333333333' },
        { expression: '$decDiv("100.00", "3", 2)', result: '33.33' },
        { expression: '$decDiv("1", "8", 2, "half-even")', result: '0.12' },
        { expression: '$decDiv("-1", "8", 2)', result: '-0.13' },
      ],
    },
  },
  {
    name: 'decRound',
    category: 'decimal',
    implementation: (a: unknown, places: unknown, mode?: unknown) =>
      a === undefined || places === undefined ? undefined : roundOf(a, places, mode),
    doc: {
      summary: 'Rounds to exactly `places` fraction digits (padding with zeros).',
      params: [
        { name: 'a', type: 'string | number', description: 'Decimal string or number.' },
        { name: 'places', type: 'number', description: 'Integer 0–100.' },
        {
          name: 'mode',
          type: 'string',
          optional: true,
          description: 'Rounding mode; default `half-up`.',
        },
      ],
      returns: 'decimal string',
      examples: [
        { expression: '$decRound("2.345", 2)', result: '2.35' },
        { expression: '$decRound("-2.345", 2)', result: '-2.35' },
        { expression: '$decRound("2.345", 2, "half-even")', result: '2.34' },
        { expression: '$decRound("2.355", 2, "half-even")', result: '2.36' },
        { expression: '$decRound("2.349", 2, "down")', result: '2.34' },
        { expression: '$decRound("2.341", 2, "up")', result: '2.35' },
        { expression: '$decRound("7", 2)', result: '7.00' },
      ],
    },
  },
  {
    name: 'decCmp',
    category: 'decimal',
    implementation: (a: unknown, b: unknown) =>
      a === undefined || b === undefined ? undefined : cmpOf(a, b),
    doc: {
      summary: 'Compares two decimals exactly: -1 when a < b, 0 when equal, 1 when a > b.',
      params: twoDecimals,
      returns: 'number (-1, 0 or 1)',
      examples: [
        { expression: '$decCmp("10.00", "10")', result: 0 },
        { expression: '$decCmp("0.1", 0.2)', result: -1 },
        {
          expression: '$decCmp(total, paid) = 1',
          input: { total: '20.00', paid: '19.99' },
          result: true,
        },
      ],
    },
  },
  {
    name: 'decSum',
    category: 'decimal',
    implementation: (values: unknown) => (values === undefined ? undefined : sumOf(values)),
    doc: {
      summary:
        'Exact sum of an array of decimals ("0" for an empty array); a single value counts as a one-item array.',
      params: [{ name: 'values', type: 'array', description: 'Decimal strings or numbers.' }],
      returns: 'decimal string',
      examples: [
        { expression: '$decSum(["0.1", "0.2", "0.30"])', result: '0.60' },
        {
          expression: '$decSum(line_items.price)',
          input: { line_items: [{ price: '19.99' }, { price: '5.01' }] },
          result: '25.00',
        },
        {
          expression: '$decSum(line_items.price)',
          input: { line_items: [{ price: '7.5' }] },
          result: '7.5',
        },
        { expression: '$decSum([])', result: '0' },
      ],
    },
  },
];
