import { describe, expect, it } from 'vitest';
import { JsonDecimal, parseExact, stringifyExact } from './json-exact.js';
import {
  formatMills,
  multiplyToMills,
  normaliseMoney,
  parseDecimal,
  sumMills,
  toMills,
} from './money.js';

describe('money', () => {
  it('converts decimal strings to mills and back without floats', () => {
    expect(toMills('19.99')).toBe(19990n);
    expect(toMills('0.1')).toBe(100n);
    expect(toMills('150')).toBe(150000n);
    expect(toMills('-2.50')).toBe(-2500n);
    expect(toMills('1.5e2')).toBe(150000n);
    expect(toMills('12.3400')).toBe(12340n);
    expect(toMills('12.345')).toBe(12345n);
    expect(formatMills(-50n)).toBe('-0.05');
    expect(formatMills(12345n)).toBe('12.345');
    expect(sumMills(['0.1', '0.2'])).toBe(300n);
    expect(normaliseMoney('150')).toBe('150.00');
    expect(normaliseMoney('1.005')).toBe('1.005');
    expect(normaliseMoney('1.0050')).toBe('1.005');
    expect(normaliseMoney('1.2345')).toBe('1.2345');
  });

  it('rejects amounts finer than three decimals and non-numbers', () => {
    expect(() => toMills('1.0005')).toThrow(RangeError);
    expect(() => parseDecimal('12,50')).toThrow(RangeError);
  });

  it('multiplies quantity by unit price exactly, rounding half away from zero', () => {
    expect(multiplyToMills('3', '0.3333')).toBe(1000n);
    expect(multiplyToMills('1', '0.0005')).toBe(1n);
    expect(multiplyToMills('1.5', '19.99')).toBe(29985n);
  });
});

describe('exact JSON', () => {
  it('keeps numbers as their source text', () => {
    expect(
      parseExact('{"TotalAmt": 150.10, "Qty": -1e2, "n": "7", "s": "a \\" 1", "t": [true, null]}'),
    ).toEqual({
      TotalAmt: '150.10',
      Qty: '-1e2',
      n: '7',
      s: 'a " 1',
      t: [true, null],
    });
  });

  it('writes JsonDecimals as number literals', () => {
    const text = stringifyExact({ Amount: new JsonDecimal('0.10'), a: [1, 'x'], u: undefined });
    expect(text).toBe('{"Amount":0.10,"a":[1,"x"]}');
    expect(() => new JsonDecimal('1,0')).toThrow(RangeError);
  });
});
