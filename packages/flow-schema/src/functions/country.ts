import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { describe, fail, text } from './args.js';
import type { BraidFunction } from './types.js';

// Browser bundles resolve the package without its locales; the designer needs English names too.
countries.registerLocale(en);

/** Resolves a country name, alpha-2, alpha-3 or numeric code ("Canada", "CAN", "ca" → "CA"). */
export function countryCodeOf(nameOrCode: string, format: 'alpha2' | 'alpha3' = 'alpha2'): string {
  const value = nameOrCode.trim();
  const upper = value.toUpperCase();
  let alpha2: string | undefined;
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) alpha2 = upper;
  else if (/^[A-Z]{3}$/.test(upper)) alpha2 = countries.alpha3ToAlpha2(upper);
  else if (/^\d{3}$/.test(upper)) alpha2 = countries.numericToAlpha2(upper);
  alpha2 ??= countries.getAlpha2Code(value, 'en') ?? countries.getSimpleAlpha2Code(value, 'en');
  if (alpha2 === undefined)
    return fail('UNKNOWN_COUNTRY', `unknown country ${describe(nameOrCode)}`);
  if (format === 'alpha2') return alpha2;
  return (
    countries.alpha2ToAlpha3(alpha2) ?? fail('UNKNOWN_COUNTRY', `no alpha-3 code for ${alpha2}`)
  );
}

// Canadian postal codes never use D, F, I, O, Q or U, and W or Z only after the first letter.
const CA_POSTAL = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])(\d[ABCEGHJ-NPRSTV-Z]\d)$/;

/**
 * Normalizes a postal code: US to 12345 or 12345-6789, CA to "A1A 1A1", others trimmed and
 * upper-cased. Returns undefined for an empty code; throws INVALID_ZIP for a malformed US/CA one.
 */
export function normalizeZip(zip: string | number, countryAlpha2?: string): string | undefined {
  const raw = text(zip)?.toUpperCase();
  if (raw === undefined) return undefined;
  if (countryAlpha2 === 'US') {
    const us = /^(\d{5})(?:-?(\d{4}))?$/.exec(raw.replace(/\s+/g, ''));
    if (!us) return fail('INVALID_ZIP', `not a US ZIP code: ${describe(zip)}`);
    return us[2] === undefined ? us[1] : `${us[1]}-${us[2]}`;
  }
  if (countryAlpha2 === 'CA') {
    const ca = CA_POSTAL.exec(raw.replace(/[\s-]+/g, ''));
    if (!ca) return fail('INVALID_ZIP', `not a Canadian postal code: ${describe(zip)}`);
    return `${ca[1]} ${ca[2]}`;
  }
  return raw;
}

function countryArg(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  return fail('INVALID_ARGUMENT', `${what} must be a string, got ${describe(value)}`);
}

export const countryFunctions: readonly BraidFunction[] = [
  {
    name: 'zip',
    category: 'address',
    implementation: (zip: unknown, countryCode?: unknown) => {
      if (zip === undefined || zip === null) return undefined;
      if (typeof zip !== 'string' && typeof zip !== 'number') {
        return fail('INVALID_ARGUMENT', `zip must be a string, got ${describe(zip)}`);
      }
      const country =
        countryCode === undefined || countryCode === null
          ? undefined
          : countryCodeOf(countryArg(countryCode, 'countryCode'));
      return normalizeZip(zip, country);
    },
    doc: {
      summary:
        'Normalizes a postal code for a country: US → `12345` or `12345-6789` (also from `123456789` or with spaces), CA → `A1A 1A1`, anything else trimmed and upper-cased. A malformed US or Canadian code fails with INVALID_ZIP; an empty or null one gives undefined.',
      params: [
        { name: 'zip', type: 'string', description: 'The postal code as typed.' },
        {
          name: 'countryCode',
          type: 'string',
          optional: true,
          description: 'Country code or name (anything `$countryCode` accepts).',
        },
      ],
      returns: 'string',
      examples: [
        { expression: '$zip("123456789", "US")', result: '12345-6789' },
        { expression: '$zip(" 12345 ", "USA")', result: '12345' },
        { expression: '$zip("k1a0b1", "CA")', result: 'K1A 0B1' },
        { expression: '$zip(" sw1a 1aa ", "GB")', result: 'SW1A 1AA' },
        { expression: '$zip("100-0001", "JP")', result: '100-0001' },
      ],
    },
  },
  {
    name: 'countryCode',
    category: 'address',
    implementation: (nameOrCode: unknown, format?: unknown) => {
      if (nameOrCode === undefined) return undefined;
      if (format !== undefined && format !== null && format !== 'alpha2' && format !== 'alpha3') {
        return fail(
          'INVALID_ARGUMENT',
          `format must be "alpha2" or "alpha3", got ${describe(format)}`,
        );
      }
      return countryCodeOf(countryArg(nameOrCode, 'nameOrCode'), format ?? 'alpha2');
    },
    doc: {
      summary:
        'ISO 3166-1 code of a country given by English name, alpha-2, alpha-3 or numeric code (case-insensitive). Unknown countries fail with UNKNOWN_COUNTRY.',
      params: [
        { name: 'nameOrCode', type: 'string', description: 'e.g. "Canada", "CAN", "ca", "124".' },
        {
          name: 'format',
          type: 'string',
          optional: true,
          description: '`alpha2` (default) or `alpha3`.',
        },
      ],
      returns: 'string',
      examples: [
        { expression: '$countryCode("United Kingdom")', result: 'GB' },
        { expression: '$countryCode("usa")', result: 'US' },
        { expression: '$countryCode("Japan", "alpha3")', result: 'JPN' },
        { expression: '$countryCode("ca", "alpha3")', result: 'CAN' },
      ],
    },
  },
];
