import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_MAP, mapStatus, paytraceStatusOf } from './index.js';
import { call, expectCode } from './test-support/call.js';

describe('$paytraceStatus', () => {
  it.each([
    [{ success: true, response_code: 101 }, 'approved'],
    [{ success: false, response_code: 102, approval_message: '  DECLINE  ' }, 'declined'],
    [{ success: true, response_code: 103 }, 'auto_voided'],
    [{ success: true, response_code: 106 }, 'refunded'],
    [{ success: false, response_code: 107 }, 'refund_declined'],
    [{ success: true, response_code: 109 }, 'voided'],
    [{ success: false, response_code: 110 }, 'void_failed'],
    [{ success: true, response_code: 112 }, 'captured'],
    [{ success: false, response_code: 113 }, 'capture_failed'],
    [{ success: true, response_code: 160 }, 'customer_created'],
    [{ success: true, response_code: 161 }, 'customer_updated'],
    [{ success: true, response_code: 162 }, 'customer_deleted'],
    [
      {
        success: false,
        response_code: 1,
        errors: { '35': ['Please provide a valid Credit Card Number.'] },
      },
      'error',
    ],
    [{ success: true, response_code: 1 }, 'ok'],
    [{ success: true, response_code: '101' }, 'approved'],
    [{ success: false, response_code: 101 }, 'error'],
    [{ success: false, response_code: 999 }, 'error'],
    [{ success: true, response_code: 999 }, 'ok'],
    [{ error: 'invalid_token' }, 'error'],
    [{}, 'error'],
  ])('%j → %s', (response, expected) => {
    expect(call('paytraceStatus', response)).toBe(expected);
    expect(paytraceStatusOf(response)).toBe(expected);
  });

  it('rejects non-objects and passes undefined through', () => {
    expectCode(() => call('paytraceStatus', 'approved'), 'INVALID_ARGUMENT');
    expectCode(() => call('paytraceStatus', [{ success: true }]), 'INVALID_ARGUMENT');
    expectCode(() => call('paytraceStatus', null), 'INVALID_ARGUMENT');
    expect(call('paytraceStatus', undefined)).toBeUndefined();
  });
});

describe('$statusMap', () => {
  it.each([
    ['approved', 'paid'],
    ['captured', 'paid'],
    ['declined', 'failed'],
    ['voided', 'voided'],
    ['auto_voided', 'voided'],
    ['refunded', 'refunded'],
  ])('%s → %s', (status, expected) => {
    expect(call('statusMap', status)).toBe(expected);
    expect(mapStatus(status)).toBe(expected);
  });

  it('applies overrides without changing the default table', () => {
    expect(call('statusMap', 'declined', { declined: 'pending' })).toBe('pending');
    expect(call('statusMap', 'error', { error: 'failed' })).toBe('failed');
    expect(call('statusMap', 'approved', { declined: 'pending' })).toBe('paid');
    expect(call('statusMap', 'approved', null)).toBe('paid');
    expect(DEFAULT_STATUS_MAP.declined).toBe('failed');
  });

  it('lists the known statuses for an unknown one', () => {
    expectCode(() => call('statusMap', 'error'), 'UNKNOWN_STATUS');
    expect(() => call('statusMap', 'toString')).toThrow(/known: approved, captured, declined/);
    expect(() => call('statusMap', 'foo', { bar: 'x' })).toThrow(/refunded, bar/);
  });

  it('rejects bad arguments', () => {
    expectCode(() => call('statusMap', 101), 'INVALID_ARGUMENT');
    expectCode(() => call('statusMap', 'approved', 'paid'), 'INVALID_ARGUMENT');
    expectCode(() => call('statusMap', 'approved', { approved: 1 }), 'INVALID_ARGUMENT');
    expect(call('statusMap', undefined)).toBeUndefined();
  });
});
