import { describe, expect, it } from 'vitest';
import { StepFailure } from '@braid/engine';
import { quoteQueryValue, requestIdFor } from './client.js';
import { classifyQboResponse } from './faults.js';

const KEY = 'A'.repeat(40) + '_-9';

function classify(status: number, body: unknown, headers: Record<string, string> = {}): unknown {
  try {
    classifyQboResponse({ status, headers }, body, 0, 'qbo test');
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('requestIdFor', () => {
  it('uses the idempotency key and suffixes extra writes within 50 characters', () => {
    expect(requestIdFor(KEY)).toBe(KEY);
    expect(requestIdFor(KEY, 'apply')).toBe(`${KEY}-apply`);
    expect(requestIdFor(KEY, 'applys').length).toBe(50);
    expect(requestIdFor(KEY, 'apply')).toBe(requestIdFor(KEY, 'apply'));
  });

  it('hashes keys that are too long or not URL-safe', () => {
    const long = requestIdFor('k'.repeat(60));
    expect(long).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(requestIdFor('run/1 node:2')).toHaveLength(43);
    expect(() => requestIdFor(KEY, 'Too-Long!')).toThrow(RangeError);
  });
});

describe('quoteQueryValue', () => {
  it('escapes quotes and backslashes', () => {
    expect(quoteQueryValue("Amy's \\ Birds")).toBe("'Amy\\'s \\\\ Birds'");
  });
});

describe('classifyQboResponse', () => {
  const fault = (type: string, code: string): unknown => ({
    Fault: { Error: [{ Message: 'm', Detail: 'd', code, element: 'Line' }], type },
  });

  it('fails a ValidationFault even with HTTP 200, fatal with the QBO code', () => {
    const err = classify(200, fault('ValidationFault', '6000')) as StepFailure;
    expect(err).toBeInstanceOf(StepFailure);
    expect(err).toMatchObject({ kind: 'fatal', code: 'QBO_6000' });
    expect(err.details).toMatchObject({
      element: 'Line',
      detail: 'd',
      faultType: 'ValidationFault',
    });
  });

  it('retries SystemFaults and treats auth faults as fatal', () => {
    expect(classify(200, fault('SystemFault', '10000'))).toMatchObject({ kind: 'retryable' });
    expect(classify(401, fault('AUTHENTICATION', '3200'))).toMatchObject({ kind: 'fatal' });
    expect(classify(403, fault('AuthorizationFault', '3100'))).toMatchObject({
      kind: 'fatal',
      code: 'QBO_3100',
    });
  });

  it('retries 429 after Retry-After, or after one second', () => {
    const lower = { fault: { error: [{ message: 'ThrottleExceeded', code: '3001' }], type: 'x' } };
    expect(classify(429, lower)).toMatchObject({ kind: 'retryable', retryAfterMs: 1000 });
    expect(classify(429, undefined, { 'retry-after': '7' })).toMatchObject({
      code: 'QBO_THROTTLED',
      retryAfterMs: 7000,
    });
  });

  it('retries 5xx and bodiless 2xx, fails other 4xx', () => {
    expect(classify(503, undefined)).toMatchObject({ kind: 'retryable', code: 'QBO_HTTP_503' });
    expect(classify(200, undefined)).toMatchObject({ kind: 'retryable', code: 'QBO_BAD_RESPONSE' });
    expect(classify(404, undefined)).toMatchObject({ kind: 'fatal', code: 'QBO_HTTP_404' });
    expect(classify(200, { Invoice: {} })).toBeUndefined();
  });
});
