import { describe, expect, it } from 'vitest';
import { MAX_REFERENCE_LENGTH, paytraceReference } from './index.js';
import { call, expectCode } from './test-support/call.js';

describe('$reference', () => {
  it.each([
    [{ name: '#1001', order_number: 1001 }, undefined, '1001'],
    [{ name: '#1001', order_number: 1001 }, 'SHOP-', 'SHOP-1001'],
    [{ name: 'EU#1001-B', order_number: 1001 }, undefined, 'EU1001-B'],
    [{ name: '#', order_number: 1002 }, undefined, '1002'],
    [{ name: null, order_number: '1003' }, 'X_', 'X_1003'],
    [{ order_number: 1004 }, 'shop 1/', 'shop11004'],
    ['INV 2024/07#55', undefined, 'INV20240755'],
    [1005, 'R_', 'R_1005'],
    ['ORD_ü-7', undefined, 'ORD_-7'],
  ])('$reference(%j, %j) = %s', (order, prefix, expected) => {
    expect(call('reference', order, prefix)).toBe(expected);
    expect(paytraceReference(order, prefix)).toBe(expected);
  });

  it('allows exactly the PayTrace limit and refuses to truncate beyond it', () => {
    const ref = 'A'.repeat(MAX_REFERENCE_LENGTH);
    expect(call('reference', ref)).toBe(ref);
    expectCode(() => call('reference', `${ref}B`), 'INVALID_REFERENCE');
    expectCode(() => call('reference', { name: '#1001' }, 'P'.repeat(47)), 'INVALID_REFERENCE');
  });

  it('rejects orders without a usable reference', () => {
    expectCode(() => call('reference', {}), 'INVALID_REFERENCE');
    expectCode(() => call('reference', { name: '###', order_number: null }), 'INVALID_REFERENCE');
    expectCode(() => call('reference', '#'), 'INVALID_REFERENCE');
    expectCode(() => call('reference', 1.5), 'INVALID_REFERENCE');
    expectCode(() => call('reference', null), 'INVALID_REFERENCE');
    expectCode(() => call('reference', ['#1001']), 'INVALID_REFERENCE');
    expectCode(() => call('reference', { name: '#1' }, 5), 'INVALID_ARGUMENT');
    expect(call('reference', undefined)).toBeUndefined();
    expect(call('reference', { name: '#7' }, null)).toBe('7');
  });
});
