import { describe, expect, it } from 'vitest';
import { JsonDecimal, parseExact, stringifyExact } from './json-exact.js';
import {
  formatCents,
  multiplyToCents,
  normaliseMoney,
  parseDecimal,
  sumCents,
  toCents,
} from './money.js';

describe('money', () => {
  it('converts decimal strings to cents and back without floats', () => {
    expect(toCents('19.99')).toBe(1999n);
    expect(toCents('0.1')).toBe(10n);
    expect(toCents('150')).toBe(15000n);
    expect(toCents('-2.50')).toBe(-250n);
    expect(toCents('1.5e2')).toBe(15000n);
    expect(toCents('12.3400')).toBe(1234n);
    expect(formatCents(-5n)).toBe('-0.05');
    expect(sumCents(['0.1', '0.2'])).toBe(30n);
    expect(normaliseMoney('150')).toBe('150.00');
    expect(normaliseMoney('1.005')).toBe('1.005');
  });

  it('rejects sub-cent amounts and non-numbers', () => {
    expect(() => toCents('1.005')).toThrow(RangeError);
    expect(() => parseDecimal('12,50')).toThrow(RangeError);
  });

  it('multiplies quantity by unit price exactly, rounding half away from zero', () => {
    expect(multiplyToCents('3', '0.333')).toBe(100n);
    expect(multiplyToCents('1', '0.005')).toBe(1n);
    expect(multiplyToCents('1.5', '19.99')).toBe(2999n);
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
