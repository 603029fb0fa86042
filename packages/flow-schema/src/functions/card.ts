import { describe, fail } from './args.js';
import type { BraidFunction } from './types.js';

/** True when a string of digits passes the Luhn checksum that card numbers carry. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isPanLength(n: number): boolean {
  return n >= 13 && n <= 19;
}

function mask(digits: string): string {
  return 'x'.repeat(digits.length - 4) + digits.slice(-4);
}

// A run of digit groups joined by single spaces or dashes, e.g. "4012 0000 9876 5439".
const RUN = /\d+(?:[ -]\d+)*/g;

// Within a run, a PAN may be preceded or followed by other groups ("ref 12 4012 0000 9876
// 5439"), so every span of whole groups of card length is tried, longest first.
function maskRun(run: string): string {
  const groups = run.split(/([ -])/);
  const out: string[] = [];
  let i = 0;
  while (i < groups.length) {
    let matched = -1;
    let digits = '';
    for (let j = i; j < groups.length && digits.length <= 19; j += 2) {
      digits += groups[j] ?? '';
      if (isPanLength(digits.length) && luhnValid(digits)) matched = j;
    }
    if (matched >= 0) {
      out.push(
        mask(
          groups
            .slice(i, matched + 1)
            .filter((_, k) => k % 2 === 0)
            .join(''),
        ),
      );
      i = matched + 1;
    } else {
      out.push(groups[i] ?? '');
      i += 1;
    }
    // The separator after a group (odd index) is copied as is.
    if (i % 2 === 1 && i < groups.length) {
      out.push(groups[i] ?? '');
      i += 1;
    }
  }
  return out.join('');
}

/**
 * Replaces every Luhn-valid 13–19 digit card number in a text with x's except its last four
 * digits (PayTrace style, separators dropped). Digits glued to letters or following "/" (URLs,
 * Shopify gids) are not card numbers and stay.
 */
export function maskPan(text: string): string {
  return text.replace(RUN, (run: string, offset: number) => {
    const before = offset > 0 ? text.charAt(offset - 1) : '';
    const after = text.charAt(offset + run.length);
    if (/[A-Za-z0-9_/]/.test(before) || /[A-Za-z0-9_]/.test(after)) return run;
    // "shopify-5820982911946155054", "order:5820982911946155054": an id with a word prefix.
    if (/[-:]/.test(before) && /[A-Za-z]/.test(offset > 1 ? text.charAt(offset - 2) : '')) {
      return run;
    }
    return maskRun(run);
  });
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Card security codes may never be stored, not even encrypted (PCI DSS), so `encrypted_csc`
// counts too; `csc_response` (PayTrace's match result) does not.
const SECURITY_CODE_KEY = /(cvv2?|cvc2?|csc|cardcode|securitycode)$/;
const CARD_NUMBER_KEY = /^(number|pan|cardnumber|ccnumber|creditcardnumber|accountnumber)$/;
// Shopify and PayTrace ids are long digit strings; 1 in 10 passes Luhn by chance.
const ID_KEY = /(^id|_id|Id|ID|_ids|Ids|IDs)$/;

// One token of id characters: what an identifier under an id key looks like (`shopify-7390…`).
const ID_VALUE = /^[A-Za-z0-9_.:/-]+$/;

function redactValue(value: unknown, key: string | undefined, ancestors: WeakSet<object>): unknown {
  if (typeof value === 'string') {
    // Ids are read back when a run resumes: masking one by mistake would break the run.
    return key !== undefined && ID_KEY.test(key) && ID_VALUE.test(value) ? value : maskPan(value);
  }
  if (typeof value === 'number') {
    const digits = Number.isSafeInteger(value) ? String(Math.abs(value)) : '';
    const cardKey = key !== undefined && CARD_NUMBER_KEY.test(normalizeKey(key));
    return cardKey && isPanLength(digits.length) && luhnValid(digits) ? mask(digits) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) return '[Circular]';
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  ancestors.add(value);
  let result: unknown;
  if (Array.isArray(value)) {
    result = value.map((item: unknown) => redactValue(item, undefined, ancestors));
  } else {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const secret = SECURITY_CODE_KEY.test(normalizeKey(k)) && v !== null && v !== undefined;
      out[k] = secret ? '[REDACTED]' : redactValue(v, k, ancestors);
    }
    result = out;
  }
  ancestors.delete(value);
  return result;
}

/**
 * Deep copy with card numbers masked in every string and security codes (cvv, cvc, csc,
 * card_code, security_code, ...) replaced by "[REDACTED]"; run on anything before it is stored
 * or logged. Only arrays and plain objects are traversed.
 */
export function redactCardData(value: unknown): unknown {
  return redactValue(value, undefined, new WeakSet());
}

export const cardFunctions: readonly BraidFunction[] = [
  {
    name: 'maskPan',
    category: 'card',
    implementation: (text: unknown) => {
      if (text === undefined) return undefined;
      if (typeof text !== 'string') {
        return fail('INVALID_ARGUMENT', `expected a string, got ${describe(text)}`);
      }
      return maskPan(text);
    },
    doc: {
      summary:
        'Masks every Luhn-valid 13–19 digit card number in a text (digits may be grouped by single spaces or dashes) as x\'s plus the last four digits, PayTrace style. Digits glued to letters or following "/" (URLs, Shopify gids) are left alone.',
      params: [
        { name: 'text', type: 'string', description: 'Any text, e.g. a note or an error message.' },
      ],
      returns: 'string',
      examples: [
        { expression: '$maskPan("4012000098765439")', result: 'xxxxxxxxxxxx5439' },
        {
          expression: '$maskPan("card 4012 0000 9876 5439 declined")',
          result: 'card xxxxxxxxxxxx5439 declined',
        },
        { expression: '$maskPan("amex 3714-496353-92376")', result: 'amex xxxxxxxxxxx2376' },
        { expression: '$maskPan("order 4012000098765438")', result: 'order 4012000098765438' },
      ],
    },
  },
];
