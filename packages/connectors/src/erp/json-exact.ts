/**
 * JSON at the money edge. QBO's JSON carries amounts as numbers; parsing those into JS numbers
 * would route money through binary floats. `parseExact` keeps every number as its source text and
 * `stringifyExact` writes `JsonDecimal`s back as number literals, digit for digit.
 */

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
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j] ?? '')) j += 1;
      out += `"${text.slice(i, j)}"`;
      i = j;
    } else {
      out += ch;
      i += 1;
    }
  }
  return JSON.parse(out) as unknown;
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
