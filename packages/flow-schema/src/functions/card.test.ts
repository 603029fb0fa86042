import { describe, expect, it } from 'vitest';
import { luhnValid, maskPan, redactCardData } from './index.js';
import { call, expectCode } from './test-support/call.js';

const TEST_CARDS = ['4012000098765439', '5499740000000057', '6011000993026909', '371449635392376'];

describe('luhnValid', () => {
  it.each(TEST_CARDS)('accepts test card %s', (pan) => expect(luhnValid(pan)).toBe(true));
  it.each(['4012000098765438', '1234567890123', '', '4012 0000 9876 5439', 'abc'])(
    'rejects %j',
    (value) => expect(luhnValid(value)).toBe(false),
  );
});

describe('$maskPan', () => {
  it.each([
    ['4012000098765439', 'xxxxxxxxxxxx5439'],
    ['5499740000000057', 'xxxxxxxxxxxx0057'],
    ['6011000993026909', 'xxxxxxxxxxxx6909'],
    ['371449635392376', 'xxxxxxxxxxx2376'],
    ['card 4012 0000 9876 5439 declined', 'card xxxxxxxxxxxx5439 declined'],
    ['amex 3714-496353-92376.', 'amex xxxxxxxxxxx2376.'],
    ['a: 4012000098765439, b: 5499740000000057', 'a: xxxxxxxxxxxx5439, b: xxxxxxxxxxxx0057'],
    ['{"number":"4012000098765439"}', '{"number":"xxxxxxxxxxxx5439"}'],
    ['ref 12 4012 0000 9876 5439', 'ref 12 xxxxxxxxxxxx5439'],
    ['1001 4012000098765439', '1001 xxxxxxxxxxxx5439'],
    ['4012000098765439 12/27', 'xxxxxxxxxxxx5439 12/27'],
  ])('%j → %j', (text, expected) => {
    expect(call('maskPan', text)).toBe(expected);
    expect(maskPan(text)).toBe(expected);
  });

  it.each([
    'order 4012000098765438',
    'phone +1 555-123-4567',
    'date 2024-01-15',
    'gid://shopify/Order/4012000098765439',
    'token abc4012000098765439',
    '4012000098765439x',
    '4012  0000  9876  5439',
    '40120000987654390000',
    'xxxxxxxxxxxx5439',
  ])('leaves %j alone', (text) => expect(maskPan(text)).toBe(text));

  it('rejects non-strings and passes undefined through', () => {
    expectCode(() => call('maskPan', 4012000098765439), 'INVALID_ARGUMENT');
    expect(call('maskPan', undefined)).toBeUndefined();
  });
});

describe('redactCardData', () => {
  it('masks PANs and removes security codes deeply without mutating the input', () => {
    const input = {
      amount: '10.00',
      credit_card: {
        number: '4012 0000 9876 5439',
        expiration_month: '12',
        expiration_year: '2027',
      },
      csc: '999',
      encrypted_csc: 'ZW5jcnlwdGVk',
      nested: [
        { CVV2: 123, cardCode: '1234', security_code: '', note: 'paid with 5499740000000057' },
      ],
      csc_response: 'Match',
      cvv: null,
    };
    const copy = structuredClone(input);
    expect(redactCardData(input)).toEqual({
      amount: '10.00',
      credit_card: { number: 'xxxxxxxxxxxx5439', expiration_month: '12', expiration_year: '2027' },
      csc: '[REDACTED]',
      encrypted_csc: '[REDACTED]',
      nested: [
        {
          CVV2: '[REDACTED]',
          cardCode: '[REDACTED]',
          security_code: '[REDACTED]',
          note: 'paid with xxxxxxxxxxxx0057',
        },
      ],
      csc_response: 'Match',
      cvv: null,
    });
    expect(input).toEqual(copy);
  });

  it('masks numeric card numbers under card keys only and keeps ids', () => {
    expect(
      redactCardData({
        card_number: 4012000098765439,
        number: 5499740000000057,
        order_number: 4012000098765439,
        id: '4012000098765439',
        customer_id: '4012000098765439',
        admin_graphql_api_id: 'gid://shopify/Order/4012000098765439',
        total: 4012000098765439,
      }),
    ).toEqual({
      card_number: 'xxxxxxxxxxxx5439',
      number: 'xxxxxxxxxxxx0057',
      order_number: 4012000098765439,
      id: '4012000098765439',
      customer_id: '4012000098765439',
      admin_graphql_api_id: 'gid://shopify/Order/4012000098765439',
      total: 4012000098765439,
    });
  });

  it('keeps prefixed ids whose digits happen to pass Luhn, so a resumed run reads them intact', () => {
    // 5820982911946155054 is a Luhn-valid 19-digit Shopify id; runs resume from recorded outputs.
    const prepared = {
      vaultId: 'shopify-5820982911946155054',
      customerId: 'shopify-5820982911946155054',
      note: 'vault shopify-5820982911946155054, order:5820982911946155054',
      memo: 'card 5820982911946155054 on file',
    };
    expect(redactCardData(prepared)).toEqual({
      ...prepared,
      memo: 'card xxxxxxxxxxxxxxx5054 on file',
    });
    expect(redactCardData({ customerId: '4012 0000 9876 5439' })).toEqual({
      customerId: 'xxxxxxxxxxxx5439',
    });
  });

  it('handles scalars, class instances and cycles', () => {
    expect(redactCardData('4012000098765439')).toBe('xxxxxxxxxxxx5439');
    expect(redactCardData(null)).toBeNull();
    expect(redactCardData(undefined)).toBeUndefined();
    const date = new Date(0);
    expect((redactCardData({ at: date }) as { at: Date }).at).toBe(date);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactCardData(cyclic)).toEqual({ a: 1, self: '[Circular]' });
    const shared = { pan: '4012000098765439' };
    expect(redactCardData([shared, shared])).toEqual([
      { pan: 'xxxxxxxxxxxx5439' },
      { pan: 'xxxxxxxxxxxx5439' },
    ]);
  });
});
