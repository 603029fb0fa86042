import { describe, expect, it } from 'vitest';
import {
  countryCodeOf,
  normalizeZip,
  subdivisionCodeOf,
  toErpAddress,
  toPaytraceAddress,
} from './index.js';
import { call, evaluate, expectCode } from './test-support/call.js';

const us = {
  first_name: 'Jane',
  last_name: 'Doe',
  name: 'Jane Doe',
  company: 'Doe LLC',
  address1: '350 Fifth Avenue',
  address2: 'Suite 100',
  city: 'New York',
  province: 'New York',
  province_code: 'NY',
  country: 'United States',
  country_code: 'US',
  zip: '10118',
  phone: '+1 212 555 0100',
};

describe('$paytraceAddress', () => {
  it('maps a complete US address', () => {
    expect(call('paytraceAddress', us)).toEqual({
      name: 'Jane Doe',
      street_address: '350 Fifth Avenue',
      street_address2: 'Suite 100',
      city: 'New York',
      state: 'NY',
      zip: '10118',
      country: 'US',
    });
  });

  it.each([
    [{ first_name: ' Jane ', last_name: 'Doe' }, { name: 'Jane Doe' }],
    [{ first_name: null, last_name: 'Doe' }, { name: 'Doe' }],
    [{ name: '  ', first_name: 'Jane', last_name: null }, { name: 'Jane' }],
    [{ name: 'Mary  Ann\tSmith' }, { name: 'Mary Ann Smith' }],
    [
      { province: 'California', country: 'United States' },
      { state: 'CA', country: 'US' },
    ],
    [
      { province: 'Québec', country_code: 'ca' },
      { state: 'QC', country: 'CA' },
    ],
    [
      { province: 'Washington DC', country_code: 'US' },
      { state: 'DC', country: 'US' },
    ],
    [
      { province: 'Atlantis', country_code: 'US' },
      { state: 'Atlantis', country: 'US' },
    ],
    [
      { province: 'Bavaria', country_code: 'DE' },
      { state: 'Bavaria', country: 'DE' },
    ],
    [{ province_code: 'on', province: 'Ontario' }, { state: 'ON' }],
    [
      { zip: '123456789', country_code: 'US' },
      { zip: '12345-6789', country: 'US' },
    ],
    [
      { zip: 'not a zip', country_code: 'US' },
      { zip: 'not a zip', country: 'US' },
    ],
    [{ country: 'Narnia' }, {}],
    [{ country_code: 'XX', country: 'Japan' }, { country: 'JP' }],
    [{ address1: '', address2: null, city: undefined }, {}],
    [{}, {}],
  ])('%j → %j', (addr, expected) => {
    expect(call('paytraceAddress', addr)).toEqual(expected);
  });

  it('maps a UK address', () => {
    const uk = {
      first_name: 'Ada',
      last_name: 'Lovelace',
      address1: '10 Downing Street',
      city: 'London',
      province: 'England',
      province_code: 'ENG',
      country: 'United Kingdom',
      country_code: 'GB',
      zip: 'sw1a 2aa',
    };
    expect(toPaytraceAddress(uk)).toEqual({
      name: 'Ada Lovelace',
      street_address: '10 Downing Street',
      city: 'London',
      state: 'ENG',
      zip: 'SW1A 2AA',
      country: 'GB',
    });
  });

  it('maps a Japanese address', () => {
    const jp = {
      name: '山田 太郎',
      address1: '1-1 Marunouchi',
      city: 'Chiyoda',
      province: 'Tōkyō',
      province_code: 'JP-13',
      country: 'Japan',
      zip: '100-0005',
    };
    expect(toPaytraceAddress(jp)).toEqual({
      name: '山田 太郎',
      street_address: '1-1 Marunouchi',
      city: 'Chiyoda',
      state: 'JP-13',
      zip: '100-0005',
      country: 'JP',
    });
  });

  it('passes null/undefined through and rejects non-objects', async () => {
    expect(call('paytraceAddress', undefined)).toBeUndefined();
    expect(call('paytraceAddress', null)).toBeUndefined();
    expectCode(() => call('paytraceAddress', 'Main St'), 'INVALID_ARGUMENT');
    expectCode(() => call('paytraceAddress', [us]), 'INVALID_ARGUMENT');
    expect(
      await evaluate('{"billing_address": $paytraceAddress(order.billing_address)}', { order: {} }),
    ).toEqual({});
  });
});

describe('$erpAddress', () => {
  it('puts the street in Line1 and leaves the company out', () => {
    expect(call('erpAddress', us)).toEqual({
      Line1: '350 Fifth Avenue',
      Line2: 'Suite 100',
      City: 'New York',
      CountrySubDivisionCode: 'NY',
      PostalCode: '10118',
      Country: 'US',
    });
  });

  it('handles a Canadian address with missing parts', () => {
    expect(
      toErpAddress({
        province: 'British Columbia',
        country: 'Canada',
        zip: 'v6b-4y8',
        address2: null,
      }),
    ).toEqual({
      CountrySubDivisionCode: 'BC',
      PostalCode: 'V6B 4Y8',
      Country: 'CA',
    });
    expect(call('erpAddress', null)).toBeUndefined();
    expectCode(() => call('erpAddress', 42), 'INVALID_ARGUMENT');
  });
});

describe('$zip', () => {
  it.each([
    ['12345', 'US', '12345'],
    [' 12345 ', 'US', '12345'],
    ['123456789', 'US', '12345-6789'],
    ['12345-6789', 'US', '12345-6789'],
    ['12345 6789', 'US', '12345-6789'],
    ['k1a0b1', 'CA', 'K1A 0B1'],
    ['K1A-0B1', 'Canada', 'K1A 0B1'],
    [' m5j  2n1 ', 'can', 'M5J 2N1'],
    [' sw1a  1aa ', 'GB', 'SW1A 1AA'],
    ['100-0005', 'JP', '100-0005'],
    ['75008', 'FR', '75008'],
    [' ab12 ', undefined, 'AB12'],
    [12345, 'US', '12345'],
  ])('$zip(%j, %j) = %s', (zip, country, expected) => {
    expect(call('zip', zip, country)).toBe(expected);
  });

  it.each([
    ['1234', 'US'],
    ['123456', 'US'],
    ['12345-678', 'US'],
    ['ABCDE', 'US'],
    ['D1A 0B1', 'CA'],
    ['K1A 0B', 'CA'],
    ['123456', 'CA'],
  ])('rejects %j for %s', (zip, country) =>
    expectCode(() => call('zip', zip, country), 'INVALID_ZIP'),
  );

  it('handles empty and bad arguments', () => {
    expect(call('zip', '   ', 'US')).toBeUndefined();
    expect(call('zip', undefined, 'US')).toBeUndefined();
    expect(call('zip', null, 'US')).toBeUndefined();
    expect(normalizeZip('', 'US')).toBeUndefined();
    expectCode(() => call('zip', '12345', 'Narnia'), 'UNKNOWN_COUNTRY');
    expectCode(() => call('zip', { zip: 1 }, 'US'), 'INVALID_ARGUMENT');
  });
});

describe('$countryCode', () => {
  it.each([
    ['US', undefined, 'US'],
    ['us', undefined, 'US'],
    ['USA', undefined, 'US'],
    ['United States', undefined, 'US'],
    ['United States of America', 'alpha3', 'USA'],
    ['United Kingdom', undefined, 'GB'],
    ['UK', undefined, 'GB'],
    ['gbr', undefined, 'GB'],
    ['Japan', 'alpha3', 'JPN'],
    ['Canada', undefined, 'CA'],
    ['124', undefined, 'CA'],
    [' germany ', 'alpha2', 'DE'],
  ])('$countryCode(%j, %s) = %s', (value, format, expected) => {
    expect(call('countryCode', value, format)).toBe(expected);
    expect(countryCodeOf(value, format as 'alpha2' | 'alpha3' | undefined)).toBe(expected);
  });

  it('rejects unknown countries and formats', () => {
    expectCode(() => call('countryCode', 'Narnia'), 'UNKNOWN_COUNTRY');
    expectCode(() => call('countryCode', 'XX'), 'UNKNOWN_COUNTRY');
    expectCode(() => call('countryCode', ''), 'UNKNOWN_COUNTRY');
    expectCode(() => call('countryCode', 'US', 'numeric'), 'INVALID_ARGUMENT');
    expectCode(() => call('countryCode', 840), 'INVALID_ARGUMENT');
    expect(call('countryCode', undefined)).toBeUndefined();
  });
});

describe('subdivisions', () => {
  it('knows US and Canadian names only', () => {
    expect(subdivisionCodeOf('US', 'new  york')).toBe('NY');
    expect(subdivisionCodeOf('US', 'Puerto Rico')).toBe('PR');
    expect(subdivisionCodeOf('CA', 'Newfoundland & Labrador')).toBe('NL');
    expect(subdivisionCodeOf('CA', 'Yukon')).toBe('YT');
    expect(subdivisionCodeOf('US', 'Ontario')).toBeUndefined();
    expect(subdivisionCodeOf('MX', 'Jalisco')).toBeUndefined();
  });
});
