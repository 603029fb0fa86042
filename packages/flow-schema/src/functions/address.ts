import { describe, fail, isRecord, text } from './args.js';
import { countryCodeOf, normalizeZip } from './country.js';
import { subdivisionCodeOf } from './subdivisions.js';
import { FunctionError, type BraidFunction } from './types.js';

/** A Shopify REST address; every part may be missing or null. */
export interface ShopifyAddress {
  first_name?: string | null;
  last_name?: string | null;
  name?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  province_code?: string | null;
  country?: string | null;
  country_code?: string | null;
  zip?: string | null;
  phone?: string | null;
}

/** PayTrace `billing_address` / `shipping_address`; empty parts are left out. */
export interface PaytraceAddress {
  name?: string;
  street_address?: string;
  street_address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
}

/** QuickBooks-style `BillAddr`; empty parts are left out. */
export interface ErpAddress {
  Line1?: string;
  Line2?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Country?: string;
}

function lenient<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch (err) {
    if (err instanceof FunctionError) return undefined;
    throw err;
  }
}

interface AddressParts {
  name?: string;
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
}

// Addresses are typed in by shoppers, so a bad part must not block a payment: unknown
// countries are left out and malformed postal codes are passed on as typed.
function partsOf(addr: Readonly<Record<string, unknown>>): AddressParts {
  const code = text(addr.country_code);
  const countryName = text(addr.country);
  const country =
    (code === undefined ? undefined : lenient(() => countryCodeOf(code))) ??
    (countryName === undefined ? undefined : lenient(() => countryCodeOf(countryName)));
  const province = text(addr.province);
  const state =
    text(addr.province_code)?.toUpperCase() ??
    (province === undefined
      ? undefined
      : ((country === undefined ? undefined : subdivisionCodeOf(country, province)) ?? province));
  const zipText = text(addr.zip);
  const zip =
    zipText === undefined ? undefined : (lenient(() => normalizeZip(zipText, country)) ?? zipText);
  const fullName = [text(addr.first_name), text(addr.last_name)].filter(Boolean).join(' ');
  return {
    name: text(addr.name) ?? (fullName === '' ? undefined : fullName),
    line1: text(addr.address1),
    line2: text(addr.address2),
    city: text(addr.city),
    state,
    zip,
    country,
  };
}

function compact<T extends object>(entries: [keyof T, string | undefined][]): T {
  const out: Partial<Record<keyof T, string>> = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Converts a Shopify address to a PayTrace billing/shipping address. */
export function toPaytraceAddress(addr: ShopifyAddress): PaytraceAddress {
  const p = partsOf(addr as Record<string, unknown>);
  return compact<PaytraceAddress>([
    ['name', p.name],
    ['street_address', p.line1],
    ['street_address2', p.line2],
    ['city', p.city],
    ['state', p.state],
    ['zip', p.zip],
    ['country', p.country],
  ]);
}

/** Converts a Shopify address to a QuickBooks-style BillAddr (street in Line1; see docs). */
export function toErpAddress(addr: ShopifyAddress): ErpAddress {
  const p = partsOf(addr as Record<string, unknown>);
  return compact<ErpAddress>([
    ['Line1', p.line1],
    ['Line2', p.line2],
    ['City', p.city],
    ['CountrySubDivisionCode', p.state],
    ['PostalCode', p.zip],
    ['Country', p.country],
  ]);
}

function addressArg(addr: unknown): Record<string, unknown> | undefined {
  if (addr === undefined || addr === null) return undefined;
  if (!isRecord(addr))
    fail('INVALID_ARGUMENT', `expected an address object, got ${describe(addr)}`);
  return addr;
}

const shopifyAddressParam = {
  name: 'address',
  type: 'object',
  description:
    'A Shopify address (`billing_address`, `shipping_address`); any part may be missing.',
};

const torontoInput = {
  trigger: {
    billing_address: {
      first_name: 'Ada',
      last_name: 'Lovelace',
      address1: '1 Front St W',
      city: 'Toronto',
      province: 'Ontario',
      country: 'Canada',
      zip: 'm5j2n1',
    },
  },
};

export const addressFunctions: readonly BraidFunction[] = [
  {
    name: 'paytraceAddress',
    category: 'address',
    implementation: (addr: unknown) => {
      const record = addressArg(addr);
      return record === undefined ? undefined : toPaytraceAddress(record);
    },
    doc: {
      summary:
        'Converts a Shopify address to a PayTrace `billing_address`/`shipping_address`: name from `name` or first + last name; state from `province_code`, else derived from a US/Canadian province name, else the name as given; zip normalized as by `$zip` when valid, else as typed; country as ISO alpha-2 from `country_code` or the country name. Empty parts are left out; a null address gives undefined.',
      params: [shopifyAddressParam],
      returns: 'object {name, street_address, street_address2?, city, state, zip, country}',
      examples: [
        {
          expression: '$paytraceAddress(trigger.billing_address)',
          input: {
            trigger: {
              billing_address: {
                name: 'Jane  Doe',
                address1: '350 Fifth Avenue',
                address2: null,
                city: 'New York',
                province: 'New York',
                province_code: 'NY',
                country: 'United States',
                country_code: 'US',
                zip: '10118 0110',
              },
            },
          },
          result: {
            name: 'Jane Doe',
            street_address: '350 Fifth Avenue',
            city: 'New York',
            state: 'NY',
            zip: '10118-0110',
            country: 'US',
          },
        },
        {
          expression: '$paytraceAddress(trigger.billing_address)',
          input: torontoInput,
          result: {
            name: 'Ada Lovelace',
            street_address: '1 Front St W',
            city: 'Toronto',
            state: 'ON',
            zip: 'M5J 2N1',
            country: 'CA',
          },
        },
        {
          expression: '$paytraceAddress(trigger.shipping_address)',
          input: { trigger: {} },
          result: undefined,
        },
      ],
    },
  },
  {
    name: 'erpAddress',
    category: 'address',
    implementation: (addr: unknown) => {
      const record = addressArg(addr);
      return record === undefined ? undefined : toErpAddress(record);
    },
    doc: {
      summary:
        "Converts a Shopify address to a QuickBooks-style `BillAddr`. The street goes in Line1 and address2 in Line2, as QuickBooks expects; the company is not part of the address (it belongs in the customer's CompanyName). Country is the ISO alpha-2 code; other parts are normalized as by `$paytraceAddress`.",
      params: [shopifyAddressParam],
      returns: 'object {Line1, Line2?, City, CountrySubDivisionCode, PostalCode, Country}',
      examples: [
        {
          expression: '$erpAddress(trigger.billing_address)',
          input: torontoInput,
          result: {
            Line1: '1 Front St W',
            City: 'Toronto',
            CountrySubDivisionCode: 'ON',
            PostalCode: 'M5J 2N1',
            Country: 'CA',
          },
        },
        {
          expression: '$erpAddress(trigger.shipping_address)',
          input: {
            trigger: {
              shipping_address: {
                company: 'Acme KK',
                address1: '1-1 Marunouchi',
                address2: 'Chiyoda-ku',
                city: 'Tokyo',
                province: 'Tokyo',
                province_code: 'JP-13',
                country_code: 'JP',
                zip: '100-0005',
              },
            },
          },
          result: {
            Line1: '1-1 Marunouchi',
            Line2: 'Chiyoda-ku',
            City: 'Tokyo',
            CountrySubDivisionCode: 'JP-13',
            PostalCode: '100-0005',
            Country: 'JP',
          },
        },
      ],
    },
  },
];
