/**
 * JSON numbers kept exact. `JSON.parse` turns every number into a binary float, which rounds
 * 64-bit ids and routes money through floats; connectors instead rewrite the number literals they
 * care about into strings holding their exact source text before parsing. The rewrite walks the
 * tokens (never a regex over the text), so digits inside string values are never touched, and
 * knows the key each number sits under (an array inherits its key: `"ids": [1, 2]`). Invalid JSON
 * passes through unchanged for `JSON.parse` to reject.
 */

/** Decides whether the number literal `literal` under object key `key` becomes a string. */
export type QuoteNumber = (literal: string, key: string | undefined) => boolean;

interface Frame {
  kind: 'object' | 'array';
  /** For objects: the key most recently read. For arrays: the key the array sits under. */
  key: string | undefined;
  expectKey: boolean;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Index just past the string literal that starts at `start` (a `"`), honouring escapes. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i += 1;
  }
  return text.length;
}

/** Rewrites the number literals `quote` picks as JSON strings of their exact source text. */
export function quoteNumbers(text: string, quote: QuoteNumber): string {
  const stack: Frame[] = [];
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = endOfString(text, i);
      if (top?.kind === 'object' && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end)) as string;
        top.expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', key: top?.key, expectKey: c === '{' });
      i += 1;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i += 1;
    } else if (c === ',') {
      if (top?.kind === 'object') top.expectKey = true;
      i += 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)?.[0] ?? c;
      if (quote(literal, top?.key)) {
        out += `${text.slice(copied, i)}"${literal}"`;
        copied = i + literal.length;
      }
      i += literal.length;
    } else {
      i += 1;
    }
  }
  return out + text.slice(copied);
}
