import { describe, expect, it } from 'vitest';
import { fromMinorUnits, minorUnitsOf, roundMoney, toMinorUnits } from './index.js';
import { call, evaluate, expectCode } from './test-support/call.js';

describe('minor units from Intl', () => {
  it.each([
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLP', 0],
    ['EUR', 2],
    ['usd', 2],
  ])('%s has %i digits', (currency, digits) => {
    expect(minorUnitsOf(currency)).toBe(digits);
    expect(call('minorUnits', currency)).toBe(digits);
  });

  it.each([['ABC'], ['XXX'], ['US'], ['USDX'], [''], [12], [null], [{}]])(
    'rejects currency %j',
    (currency) => expectCode(() => call('minorUnits', currency), 'INVALID_CURRENCY'),
  );
});

describe('$money', () => {
  it.each([
    ['10.005', 'USD', undefined, '10.01'],
    ['-10.005', 'USD', undefined, '-10.01'],
    ['10.005', 'USD', 'half-up', '10.01'],
    ['10.005', 'USD', 'half-even', '10.00'],
    ['10.015', 'USD', 'half-even', '10.02'],
    ['-10.025', 'USD', 'half-even', '-10.02'],
    ['10.009', 'USD', 'down', '10.00'],
    ['-10.009', 'USD', 'down', '-10.00'],
    ['10.001', 'USD', 'up', '10.01'],
    ['-10.001', 'USD', 'up', '-10.01'],
    ['-0.001', 'USD', undefined, '0.00'],
    ['-0.004', 'USD', 'up', '-0.01'],
    ['10', 'USD', undefined, '10.00'],
    ['1e2', 'USD', undefined, '100.00'],
    ['1.5E-1', 'USD', undefined, '0.15'],
    [' 3.5 ', 'USD', undefined, '3.50'],
    ['.5', 'USD', undefined, '0.50'],
    ['+7', 'USD', undefined, '7.00'],
    ['999.5', 'JPY', undefined, '1000'],
    ['-999.5', 'JPY', undefined, '-1000'],
    ['2.5', 'JPY', 'half-even', '2'],
    ['1.2345', 'KWD', undefined, '1.235'],
    ['1.2345', 'KWD', 'half-even', '1.234'],
    ['1.2345', 'BHD', 'down', '1.234'],
    ['1234.5', 'CLP', undefined, '1235'],
    [10.005, 'USD', undefined, '10.01'],
    [1.005, 'USD', undefined, '1.01'],
    [0.1 + 0.2, 'USD', undefined, '0.30'],
    [1e21, 'USD', undefined, '1000000000000000000000.00'],
    [-0, 'USD', undefined, '0.00'],
    ['123456789012345678901234.565', 'USD', undefined, '123456789012345678901234.57'],
  ])('$money(%j, %s, %s) = %s', (amount, currency, mode, expected) => {
    expect(call('money', amount, currency, mode)).toBe(expected);
    expect(roundMoney(amount, currency, mode as never)).toBe(expected);
  });

  it.each([
    ['abc'],
    ['1,000.00'],
    ['1.2.3'],
    [''],
    ['e5'],
    ['0x10'],
    [null],
    [true],
    [[1]],
    [{}],
    [Infinity],
    [NaN],
  ])('rejects amount %j', (amount) =>
    expectCode(() => call('money', amount, 'USD'), 'INVALID_DECIMAL'),
  );

  it('rejects absurd magnitudes instead of printing them', () => {
    expectCode(() => call('money', '1e999999', 'USD'), 'OUT_OF_RANGE');
    expectCode(() => call('money', '1'.repeat(2000), 'USD'), 'OUT_OF_RANGE');
  });

  it('rejects unknown rounding modes', () => {
    expectCode(() => call('money', '1', 'USD', 'HALF_UP'), 'INVALID_ROUNDING_MODE');
    expectCode(() => call('money', '1', 'USD', 1), 'INVALID_ROUNDING_MODE');
    expect(call('money', '1.005', 'USD', null)).toBe('1.01');
  });

  it('yields undefined for an undefined argument', () => {
    expect(call('money', undefined, 'USD')).toBeUndefined();
    expect(call('money', '1', undefined)).toBeUndefined();
  });

  it('surfaces the error code through JSONata', async () => {
    await expect(evaluate('$money("1", "ABC")')).rejects.toMatchObject({
      code: 'INVALID_CURRENCY',
    });
  });
});

describe('$toMinor / $fromMinor', () => {
  it.each([
    ['10.01', 'USD', undefined, 1001],
    ['10.005', 'USD', undefined, 1001],
    ['-10.005', 'USD', undefined, -1001],
    ['10.005', 'USD', 'half-even', 1000],
    [0.1 + 0.2, 'USD', undefined, 30],
    ['1000', 'JPY', undefined, 1000],
    ['999.5', 'JPY', undefined, 1000],
    ['1.2345', 'KWD', undefined, 1235],
    ['-0.0004', 'KWD', undefined, 0],
    ['90071992547409.91', 'USD', undefined, 9007199254740991],
  ])('$toMinor(%j, %s, %s) = %i', (amount, currency, mode, expected) => {
    expect(call('toMinor', amount, currency, mode)).toBe(expected);
    expect(toMinorUnits(amount, currency, mode as never)).toBe(expected);
  });

  it('rejects results beyond Number.MAX_SAFE_INTEGER', () => {
    expectCode(() => call('toMinor', '90071992547409.92', 'USD'), 'OUT_OF_RANGE');
    expectCode(() => call('toMinor', '-1e16', 'JPY'), 'OUT_OF_RANGE');
  });

  it.each([
    [1001, 'USD', '10.01'],
    [-5, 'USD', '-0.05'],
    [0, 'USD', '0.00'],
    [1000, 'JPY', '1000'],
    [1235, 'KWD', '1.235'],
    [-1, 'KWD', '-0.001'],
    ['123456789012345678901', 'USD', '1234567890123456789.01'],
  ])('$fromMinor(%j, %s) = %s', (minor, currency, expected) => {
    expect(call('fromMinor', minor, currency)).toBe(expected);
    expect(fromMinorUnits(minor, currency)).toBe(expected);
  });

  it.each([[1.5], ['1.5'], [2 ** 53], ['abc'], [null], [{}]])('rejects minor units %j', (minor) =>
    expectCode(() => call('fromMinor', minor, 'USD'), 'INVALID_DECIMAL'),
  );

  it('yields undefined for an undefined argument', () => {
    expect(call('toMinor', undefined, 'USD')).toBeUndefined();
    expect(call('fromMinor', undefined, 'USD')).toBeUndefined();
    expect(call('minorUnits', undefined)).toBeUndefined();
  });
});
