import { describe, expect, it } from 'vitest';
import { advanceWatermark, compareWatermarks } from './watermark.js';

describe('poll watermarks', () => {
  it('orders 64-bit ids exactly, where floats would call them equal', () => {
    expect(compareWatermarks('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareWatermarks('450789469', '1000')).toBeGreaterThan(0);
  });

  it('orders timestamps by instant, not by text, across offsets', () => {
    expect(compareWatermarks('2026-11-01T10:00:00-05:00', '2026-11-01T14:00:00Z')).toBeGreaterThan(
      0,
    );
  });

  it('keeps the greatest value and ignores absent ones', () => {
    expect(advanceWatermark('5', ['3', undefined, '12', null, ''])).toBe('12');
    expect(advanceWatermark(null, [])).toBeNull();
    expect(advanceWatermark('2026-11-02T00:00:00Z', ['2026-11-01T00:00:00Z'])).toBe(
      '2026-11-02T00:00:00Z',
    );
  });
});
