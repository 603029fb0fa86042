/**
 * JSON at the money edge. QBO's JSON carries amounts as numbers; parsing those into JS numbers
 * would route money through binary floats. `parseExact` keeps every number as its source text and
 * `stringifyExact` writes `JsonDecimal`s back as number literals, digit for digit.
 */

import { quoteNumbers } from '../kit/json-numbers.js';

/** A decimal written into JSON as a number literal exactly as given. */
export class JsonDecimal {
  constructor(readonly text: string) {
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
      throw new RangeError(`"${text}" is not a JSON number`);
    }
  }
}

/** Parses JSON, turning every number into a string holding its exact source text. */
export function parseExact(text: string): unknown {
  return JSON.parse(quoteNumbers(text, () => true)) as unknown;
}

/** Serialises a value like JSON.stringify, writing `JsonDecimal`s as raw number literals. */
export function stringifyExact(value: unknown): string {
  if (value instanceof JsonDecimal) return value.text;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => stringifyExact(v)).join(',')}]`;
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${stringifyExact(v)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}
