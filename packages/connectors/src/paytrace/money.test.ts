import { describe, expect, it } from 'vitest';
import { formatRequestDate, formatUsDateTime, parseUsDateTime, toRequestDate } from './dates.js';
import { decimalFromNumberText, parseMoneyJson, quoteMoneyNumbers, sameAmount } from './money.js';
import { redactCardNumbers } from './client.js';

describe('money from JSON number text', () => {
  it.each([
    ['10', '10.00'],
    ['10.5', '10.50'],
    ['10.10', '10.10'],
    ['0.29', '0.29'],
    ['1.005e2', '100.50'],
    ['1234567.891', '1234567.891'],
    ['5E-1', '0.50'],
    ['-3.2', '-3.20'],
    ['-0.0', '0.00'],
    ['007.50', '7.50'],
  ])('%s → %s', (text, expected) => {
    expect(decimalFromNumberText(text)).toBe(expected);
  });

  it('keeps money numbers exact and leaves other numbers and strings alone', () => {
    const text =
      '{"amount": 0.30, "transaction_id": 12, "note": "\\"amount\\": 1.1", "tax_amount":1e-2,"x":[1.5]}';
    expect(quoteMoneyNumbers(text)).toBe(
      '{"amount": "0.30", "transaction_id": 12, "note": "\\"amount\\": 1.1", "tax_amount":"1e-2","x":[1.5]}',
    );
    expect(parseMoneyJson(text)).toEqual({
      amount: '0.30',
      transaction_id: 12,
      note: '"amount": 1.1',
      tax_amount: '0.01',
      x: [1.5],
    });
  });

  it('compares amounts by value', () => {
    expect(sameAmount('10.5', '10.50')).toBe(true);
    expect(sameAmount('10.05', '10.50')).toBe(false);
  });
});

describe('PayTrace dates', () => {
  it('formats request dates as MM/DD/YYYY and accepts ISO days', () => {
    expect(formatRequestDate(Date.UTC(2025, 0, 5, 23, 0))).toBe('01/05/2025');
    expect(toRequestDate('2025-01-05')).toBe('01/05/2025');
    expect(toRequestDate('01/05/2025')).toBe('01/05/2025');
  });

  it.each([
    ['4/10/2015 8:13:45 PM', '2015-04-10T20:13:45'],
    ['4/10/2015 12:00:01 AM', '2015-04-10T00:00:01'],
    ['12/31/2015 12:59:59 PM', '2015-12-31T12:59:59'],
    ['4/10/2015', '2015-04-10T00:00:00'],
  ])('parses %s', (text, iso) => {
    expect(parseUsDateTime(text)).toBe(iso);
  });

  it('round-trips the export format', () => {
    const ms = Date.UTC(2015, 3, 10, 20, 13, 45);
    expect(formatUsDateTime(ms)).toBe('4/10/2015 8:13:45 PM');
    expect(parseUsDateTime(formatUsDateTime(ms))).toBe('2015-04-10T20:13:45');
    expect(parseUsDateTime('yesterday')).toBeUndefined();
  });
});

describe('card number redaction', () => {
  it('masks anything that looks like a PAN but keeps short numbers', () => {
    expect(redactCardNumbers('card 4012 0000 9876 5439 declined, code 35')).toBe(
      'card [redacted] declined, code 35',
    );
    expect(redactCardNumbers('transaction 178349480')).toBe('transaction 178349480');
  });
});
