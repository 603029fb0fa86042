import { describe, expect, it } from 'vitest';
import { sanitizeForRecord } from './redact.js';

describe('sanitizeForRecord', () => {
  it('masks card numbers and removes card codes before anything is stored', () => {
    const out = sanitizeForRecord(
      {
        credit_card: { number: '4012 0000 9876 5439', expiration_month: '12' },
        csc: '999',
        note: 'card 5499740000000057 declined',
      },
      65_536,
    );
    const text = JSON.stringify(out);
    expect(text).not.toContain('4012 0000 9876 5439');
    expect(text).not.toContain('5499740000000057');
    expect(text).not.toContain('999');
    expect(text).toContain('5439');
  });

  it('returns a record without card data unchanged (same object)', () => {
    const value = { order: 'gid://shopify/Order/820982911946154508', amount: '10.00' };
    expect(sanitizeForRecord(value, 65_536)).toBe(value);
  });

  it('replaces an oversized payload with a visible marker and a preview', () => {
    const out = sanitizeForRecord({ blob: 'x'.repeat(5000) }, 2048) as Record<string, unknown>;
    expect(out).toMatchObject({ $truncated: true, capBytes: 2048 });
    expect(out.bytes).toBeGreaterThan(5000);
    expect(String(out.preview)).toMatch(/^\{"blob":"x+/);
  });
});
