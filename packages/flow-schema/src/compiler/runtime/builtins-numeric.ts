import { fail } from './errors.js';
import { formatNumber } from './format-number.js';

/** Numeric built-ins. Arguments arrive already validated against the jsonata signature. */

const NUMERIC_STRING = /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;
const PREFIXED_STRING = /^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$/;

function toNumber(arg: unknown): number | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg === 'number') return arg;
  if (
    typeof arg === 'string' &&
    NUMERIC_STRING.test(arg) &&
    !Number.isNaN(parseFloat(arg)) &&
    Number.isFinite(Number(arg))
  ) {
    return parseFloat(arg);
  }
  if (typeof arg === 'string' && PREFIXED_STRING.test(arg)) return Number(arg);
  if (arg === true) return 1;
  if (arg === false) return 0;
  return fail('D3030', arg, 1);
}

function shift(value: number, places: number): number {
  const [mantissa, exp] = value.toString().split('e');
  return Number(`${mantissa}e${exp !== undefined ? Number(exp) + places : places}`);
}

/** `$round`: half to even, shifting the decimal point in the string form to avoid float error. */
export function roundHalfEven(arg: number | undefined, precision?: number): number | undefined {
  if (arg === undefined) return undefined;
  const p = precision ?? 0;
  const value = p ? shift(arg, p) : arg;
  let result = Math.round(value);
  if (Math.abs(result - value) === 0.5 && Math.abs(result % 2) === 1) result -= 1;
  if (p) result = shift(result, -p);
  return Object.is(result, -0) ? 0 : result;
}

function unary(op: (n: number) => number): (n: number | undefined) => number | undefined {
  return (n) => (n === undefined ? undefined : op(n));
}

function sqrt(n: number | undefined): number | undefined {
  if (n === undefined) return undefined;
  if (n < 0) fail('D3060', n, 1);
  return Math.sqrt(n);
}

function power(base: number | undefined, exp: number): number | undefined {
  if (base === undefined) return undefined;
  const result = Math.pow(base, exp);
  if (!Number.isFinite(result)) fail('D3061', base, 1);
  return result;
}

function sum(nums: number[] | undefined): number | undefined {
  if (nums === undefined) return undefined;
  let total = 0;
  for (const n of nums) total += n;
  return total;
}

function average(nums: number[] | undefined): number | undefined {
  if (nums === undefined || nums.length === 0) return undefined;
  return (sum(nums) as number) / nums.length;
}

type Impl = (...args: never[]) => unknown;

/** name → [signature, arity as jsonata reports it to higher-order functions, implementation]. */
export const numericBuiltins: Record<string, [string, number, Impl]> = {
  number: ['<(nsb)-:n>', 1, toNumber],
  abs: ['<n-:n>', 1, unary(Math.abs)],
  floor: ['<n-:n>', 1, unary(Math.floor)],
  ceil: ['<n-:n>', 1, unary(Math.ceil)],
  round: ['<n-n?:n>', 2, roundHalfEven],
  sqrt: ['<n-:n>', 1, sqrt],
  power: ['<n-n:n>', 2, power],
  sum: ['<a<n>:n>', 1, sum],
  count: ['<a:n>', 1, (arr: unknown[] | undefined) => (arr === undefined ? 0 : arr.length)],
  max: [
    '<a<n>:n>',
    1,
    (arr: number[] | undefined) =>
      arr === undefined || arr.length === 0 ? undefined : Math.max(...arr),
  ],
  min: [
    '<a<n>:n>',
    1,
    (arr: number[] | undefined) =>
      arr === undefined || arr.length === 0 ? undefined : Math.min(...arr),
  ],
  average: ['<a<n>:n>', 1, average],
  formatNumber: ['<n-so?:s>', 3, formatNumber],
};
