import { fail } from './errors.js';
import { toStr } from './values.js';

/** String built-ins. Arguments arrive already validated against the jsonata signature. */

function chars(str: string): string[] {
  return Array.from(str);
}

function substring(str: string | undefined, start: number, length?: number): string | undefined {
  if (str === undefined) return undefined;
  const all = chars(str);
  let from = start;
  if (all.length + from < 0) from = 0;
  if (length !== undefined) {
    if (length <= 0) return '';
    const end = from >= 0 ? from + length : all.length + from + length;
    return all.slice(from, end).join('');
  }
  return all.slice(from).join('');
}

function length(str: string | undefined): number | undefined {
  return str === undefined ? undefined : chars(str).length;
}

function trim(str: string | undefined): string | undefined {
  if (str === undefined) return undefined;
  let result = str.replace(/[ \t\n\r]+/gm, ' ');
  if (result.startsWith(' ')) result = result.substring(1);
  if (result.endsWith(' ')) result = result.substring(0, result.length - 1);
  return result;
}

function pad(str: string | undefined, width: number, padChar?: string): string | undefined {
  if (str === undefined) return undefined;
  const fill = padChar === undefined || padChar.length === 0 ? ' ' : padChar;
  const w = Math.trunc(width);
  const missing = Math.abs(w) - (length(str) as number);
  if (!(missing > 0)) return str;
  let padding = new Array(missing + 1).join(fill);
  if (fill.length > 1) padding = substring(padding, 0, missing) as string;
  return w > 0 ? str + padding : padding + str;
}

function unsupportedMatcher(matcher: unknown): never {
  // Regex literals never compile, so a function here is a lambda used as a matcher (documented
  // divergence). jsonata fails on a missing pattern with a plain TypeError, and so do we.
  if (typeof matcher === 'function') return fail('T1006');
  throw new TypeError('pattern is not a string or a matcher function');
}

function contains(str: string | undefined, token: unknown): boolean | undefined {
  if (str === undefined || token === undefined) return undefined;
  if (typeof token !== 'string') unsupportedMatcher(token);
  return str.includes(token);
}

function split(str: string | undefined, separator: unknown, limit?: number): string[] | undefined {
  if (str === undefined) return undefined;
  if (limit !== undefined && limit < 0) fail('D3020', limit, 3);
  if (limit !== undefined && !(limit > 0)) return [];
  if (typeof separator !== 'string') unsupportedMatcher(separator);
  return str.split(separator, limit);
}

function replace(
  str: string | undefined,
  pattern: unknown,
  replacement: unknown,
  limit?: number,
): string | undefined {
  if (str === undefined) return undefined;
  if (pattern === '') fail('D3010', pattern, 2);
  if (limit !== undefined && limit < 0) fail('D3011', limit, 4);
  if (limit !== undefined && !(limit > 0)) return str;
  if (typeof pattern !== 'string') unsupportedMatcher(pattern);
  let result = '';
  let position = 0;
  let count = 0;
  let index = str.indexOf(pattern, position);
  while (index !== -1 && (limit === undefined || count < limit)) {
    result += str.substring(position, index);
    result += String(replacement);
    position = index + pattern.length;
    count += 1;
    index = str.indexOf(pattern, position);
  }
  return result + str.substring(position);
}

function join(strs: string[] | undefined, separator?: string): string | undefined {
  if (strs === undefined) return undefined;
  return strs.join(separator ?? '');
}

function before(str: string | undefined, chars2: string): string | undefined {
  if (str === undefined) return undefined;
  const pos = str.indexOf(chars2);
  return pos > -1 ? str.substring(0, pos) : str;
}

function after(str: string | undefined, chars2: string): string | undefined {
  if (str === undefined) return undefined;
  const pos = str.indexOf(chars2);
  return pos > -1 ? str.substring(pos + chars2.length) : str;
}

type Impl = (...args: never[]) => unknown;

/** name → [signature, arity as jsonata reports it to higher-order functions, implementation]. */
export const textBuiltins: Record<string, [string, number, Impl]> = {
  string: ['<x-b?:s>', 1, (arg: unknown, prettify?: boolean) => toStr(arg, prettify === true)],
  substring: ['<s-nn?:s>', 3, substring],
  substringBefore: ['<s-s:s>', 2, before],
  substringAfter: ['<s-s:s>', 2, after],
  lowercase: ['<s-:s>', 1, (s: string | undefined) => s?.toLowerCase()],
  uppercase: ['<s-:s>', 1, (s: string | undefined) => s?.toUpperCase()],
  length: ['<s-:n>', 1, length],
  trim: ['<s-:s>', 1, trim],
  pad: ['<s-ns?:s>', 3, pad],
  contains: ['<s-(sf):b>', 2, contains],
  split: ['<s-(sf)n?:a<s>>', 3, split],
  replace: ['<s-(sf)(sf)n?:s>', 4, replace],
  join: ['<a<s>s?:s>', 2, join],
};
