import Big from 'big.js';
import { FunctionError } from './types.js';

/** Stable error codes thrown by Braid functions; flows and tests may match on them. */
export const FUNCTION_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'INVALID_DECIMAL',
  'INVALID_CURRENCY',
  'INVALID_ROUNDING_MODE',
  'INVALID_PLACES',
  'DIVISION_BY_ZERO',
  'OUT_OF_RANGE',
  'UNKNOWN_STATUS',
  'UNKNOWN_COUNTRY',
  'INVALID_ZIP',
  'INVALID_REFERENCE',
] as const;

/** One of the stable error codes of the function library. */
export type FunctionErrorCode = (typeof FUNCTION_ERROR_CODES)[number];

/** Throws a `FunctionError` whose code is one of the library's stable codes. */
export function fail(code: FunctionErrorCode, message: string): never {
  throw new FunctionError(code, message);
}

/** A decimal as accepted by the TypeScript helpers: a decimal string or a finite number. */
export type DecimalInput = string | number;

/** Rounding modes; `half-up` and `up` round away from zero, `down` toward zero. */
export const ROUNDING_MODES = ['half-up', 'half-even', 'down', 'up'] as const;

/** A rounding mode name as accepted by `$money`, `$toMinor`, `$decRound` and `$decDiv`. */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

// big.js rounds magnitudes, so its "half up" and "up" are away from zero for negatives too.
const BIG_MODES: Record<RoundingMode, Big.RoundingMode> = {
  'half-up': Big.roundHalfUp,
  'half-even': Big.roundHalfEven,
  down: Big.roundDown,
  up: Big.roundUp,
};

/**
 * A private big.js constructor, so global settings changed elsewhere (DP, RM, strict) never
 * alter the results of this library.
 */
export const Dec = Big();
Dec.DP = 20;
Dec.RM = Big.roundHalfUp;

/** A parsed decimal and the number of fraction digits it was written with ("1.50" → 2). */
export interface Decimal {
  value: Big;
  scale: number;
}

const DECIMAL_PATTERN = /^[+-]?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
// Bounds keep a hostile "1e999999" from producing megabytes of digits.
const MAX_DECIMAL_LENGTH = 1000;
const MAX_EXPONENT = 1000;

/** Describes a value for error messages without echoing long or sensitive input. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * Parses a decimal string (optionally with an exponent, e.g. "1e2") or a finite number. Numbers
 * go through their shortest round-trip string, so 10.005 is exactly "10.005".
 */
export function parseDecimal(value: unknown, what = 'amount'): Decimal {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('INVALID_DECIMAL', `${what} must be finite, got ${value}`);
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return fail(
      'INVALID_DECIMAL',
      `${what} must be a decimal string or number, got ${describe(value)}`,
    );
  }
  if (text.length > MAX_DECIMAL_LENGTH) {
    fail('OUT_OF_RANGE', `${what} has more than ${MAX_DECIMAL_LENGTH} characters`);
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) fail('INVALID_DECIMAL', `${what} is not a decimal number: ${describe(value)}`);
  const fraction = match[2] ?? match[3] ?? '';
  const exponent = Number(match[4] ?? '0');
  if (Math.abs(exponent) > MAX_EXPONENT) {
    fail('OUT_OF_RANGE', `${what} exponent is beyond ±${MAX_EXPONENT}: ${describe(value)}`);
  }
  const parsed = new Dec(text.startsWith('+') ? text.slice(1) : text);
  if (!parsed.eq(0) && Math.abs(parsed.e) > MAX_EXPONENT) {
    fail('OUT_OF_RANGE', `${what} magnitude is beyond 1e±${MAX_EXPONENT}: ${describe(value)}`);
  }
  return { value: parsed, scale: Math.max(0, fraction.length - exponent) };
}

/** Reads an optional rounding mode argument; missing (or null) means half away from zero. */
export function parseRoundingMode(value: unknown): Big.RoundingMode {
  if (value === undefined || value === null) return Big.roundHalfUp;
  if (typeof value === 'string' && Object.hasOwn(BIG_MODES, value)) {
    return BIG_MODES[value as RoundingMode];
  }
  return fail(
    'INVALID_ROUNDING_MODE',
    `rounding mode must be one of ${ROUNDING_MODES.join(', ')}; got ${describe(value)}`,
  );
}

/** Decimal places are whole numbers from 0 to 100. */
export function parsePlaces(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100) {
    return value;
  }
  return fail('INVALID_PLACES', `places must be an integer from 0 to 100, got ${describe(value)}`);
}

/** Formats without exponent notation and without a negative zero. */
export function plain(value: Big, places?: number): string {
  const text = places === undefined ? value.toFixed() : value.toFixed(places);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** True for a plain JSON-like object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a string-ish field: strings are trimmed, numbers stringified, anything else is absent. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return trimmed === '' ? undefined : trimmed;
}
