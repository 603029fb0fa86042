import { scalar } from './env.js';

/**
 * How the sandbox receives card data. It keeps only what a merchant may keep — last four digits,
 * brand and expiry — and forgets the number and CSC as soon as a request is handled.
 */

/** A card as the sandbox stores it: never the full number, never the CSC. */
export interface MaskedCard {
  last4: string;
  brand: 'VISA' | 'MASTERCARD' | 'AMEX' | 'DISCOVER' | 'UNKNOWN';
  expirationMonth: string;
  expirationYear: string;
}

/** Sandbox choice: this CSC mismatches, so an approval is voided at once (response 103). */
export const MISMATCH_CSC = '000';

const ENCRYPTION_PREFIX = 'paytrace-sandbox:';

/**
 * Encrypts a card number or CSC the way the sandbox understands (PayTrace's real client-side
 * encryption uses the merchant's RSA public key; the sandbox cannot decrypt that).
 */
export function sandboxEncrypt(plain: string): string {
  return Buffer.from(`${ENCRYPTION_PREFIX}${plain}`, 'utf8').toString('base64');
}

/** Decrypts a value made by sandboxEncrypt; anything else is undecryptable. */
export function sandboxDecrypt(cipher: unknown): string | undefined {
  if (typeof cipher !== 'string') return undefined;
  const plain = Buffer.from(cipher, 'base64').toString('utf8');
  return plain.startsWith(ENCRYPTION_PREFIX) ? plain.slice(ENCRYPTION_PREFIX.length) : undefined;
}

/** Luhn check of a digit string. */
export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let d = Number(number.charAt(number.length - 1 - i));
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function brandOf(number: string): MaskedCard['brand'] {
  if (/^4/.test(number)) return 'VISA';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'MASTERCARD';
  if (/^3[47]/.test(number)) return 'AMEX';
  if (/^6(011|5)/.test(number)) return 'DISCOVER';
  return 'UNKNOWN';
}

/** PayTrace's `masked_card_number` for a stored card. */
export function maskedNumber(card: MaskedCard): string {
  return `${'x'.repeat(card.brand === 'AMEX' ? 11 : 12)}${card.last4}`;
}

/** Error codes with PayTrace's messages for card problems. */
export const CARD_ERRORS = {
  '35': 'Please provide a valid Credit Card Number.',
  '43': 'Please provide a valid Expiration Month.',
  '44': 'Please provide a valid Expiration Year.',
  '148': 'Please provide a valid Credit Card Security Code.',
} as const;

/** The outcome of reading card fields: a masked card plus the CSC (used, then dropped). */
export type CardIntake =
  { ok: true; card: MaskedCard; csc?: string } | { ok: false; errors: Record<string, string[]> };

/** Reads `credit_card{number|encrypted_number, expiration_*}` and `csc|encrypted_csc`. */
export function readKeyedCard(body: Record<string, unknown>): CardIntake {
  const cc = (body.credit_card ?? {}) as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  const number =
    typeof cc.number === 'string'
      ? cc.number.replace(/\s/g, '')
      : sandboxDecrypt(cc.encrypted_number);
  if (number === undefined || !luhnValid(number)) errors['35'] = [CARD_ERRORS['35']];
  const month = scalar(cc.expiration_month);
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12)
    errors['43'] = [CARD_ERRORS['43']];
  const year = scalar(cc.expiration_year);
  if (!/^(\d{2}|\d{4})$/.test(year)) errors['44'] = [CARD_ERRORS['44']];
  let csc: string | undefined;
  if (body.csc !== undefined || body.encrypted_csc !== undefined) {
    csc = typeof body.csc === 'string' ? body.csc : sandboxDecrypt(body.encrypted_csc);
    if (csc === undefined || !/^\d{3,4}$/.test(csc)) errors['148'] = [CARD_ERRORS['148']];
  }
  if (Object.keys(errors).length > 0 || number === undefined) return { ok: false, errors };
  return {
    ok: true,
    card: {
      last4: number.slice(-4),
      brand: brandOf(number),
      expirationMonth: month.padStart(2, '0'),
      expirationYear: year.length === 2 ? `20${year}` : year,
    },
    ...(csc !== undefined ? { csc } : {}),
  };
}
