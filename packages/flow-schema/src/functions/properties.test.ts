import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decAdd, decMul, decSub, fromMinorUnits, toMinorUnits } from './index.js';

// Formats a scaled integer as a decimal string: (12345n, 2) → "123.45".
function scaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

const decimal = fc.record({
  units: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  scale: fc.integer({ min: 0, max: 12 }),
});

describe('properties', () => {
  it.each(['USD', 'JPY', 'KWD'])('$toMinor($fromMinor(m)) = m in %s', (currency) => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (m) => {
        expect(toMinorUnits(fromMinorUnits(m, currency), currency)).toBe(m);
      }),
    );
  });

  it('$decAdd and $decSub are exact', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const scale = Math.max(a.scale, b.scale);
        const x = a.units * 10n ** BigInt(scale - a.scale);
        const y = b.units * 10n ** BigInt(scale - b.scale);
        const sa = scaled(a.units, a.scale);
        const sb = scaled(b.units, b.scale);
        expect(decAdd(sa, sb)).toBe(scaled(x + y, scale));
        expect(decSub(sa, sb)).toBe(scaled(x - y, scale));
      }),
    );
  });

  it('$decMul is exact', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const product = scaled(a.units * b.units, a.scale + b.scale);
        expect(decMul(scaled(a.units, a.scale), scaled(b.units, b.scale))).toBe(product);
      }),
    );
  });
});
