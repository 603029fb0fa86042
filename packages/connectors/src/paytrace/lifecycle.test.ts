import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptedCard, failureOf, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const charge = (amount: string, key: string): Promise<{ transactionId: string }> =>
  h.invoke('saleKeyed', { amount, ...encryptedCard() }, { idempotencyKey: key });

describe('paytrace void, refund and capture rules', () => {
  it('voids an unsettled sale but refuses to refund it (817: void instead)', async () => {
    const sale = await charge('10.00', 's1');
    const refund = await failureOf(() =>
      h.invoke(
        'refundTransaction',
        { transactionId: sale.transactionId },
        { idempotencyKey: 'r1' },
      ),
    );
    expect(refund).toMatchObject({ kind: 'fatal', code: 'PAYTRACE_817' });
    expect(refund.details.errors[0].messages[0]).toMatch(/Only settled transactions/);
    const voided = await h.invoke('void', { transactionId: sale.transactionId });
    expect(voided).toMatchObject({ approved: true, responseCode: 109 });
    expect(h.sandbox.settleAll()).toBeUndefined(); // a voided sale never settles
  });

  it('refunds a settled sale (partially, then the rest) but refuses to void it (818)', async () => {
    const sale = await charge('10.00', 's1');
    expect(h.sandbox.settleAll()).toBe(1);
    const voidErr = await failureOf(() => h.invoke('void', { transactionId: sale.transactionId }));
    expect(voidErr.code).toBe('PAYTRACE_818');
    const id = sale.transactionId;
    const part = await h.invoke(
      'refundTransaction',
      { transactionId: id, amount: '4.00' },
      { idempotencyKey: 'r1' },
    );
    expect(part).toMatchObject({ approved: true, responseCode: 106 });
    const tooMuch = await failureOf(() =>
      h.invoke(
        'refundTransaction',
        { transactionId: id, amount: '7.00' },
        { idempotencyKey: 'r2' },
      ),
    );
    expect(tooMuch.code).toBe('PAYTRACE_820');
    await h.invoke('refundTransaction', { transactionId: id }, { idempotencyKey: 'r3' });
    const refunds = h.sandbox.state().transactions.filter((t) => t.type === 'REFUND');
    expect(refunds.map((r) => r.amount)).toEqual(['4.00', '6.00']);
  });

  it('captures at most the authorized amount, once', async () => {
    const auth = await h.invoke('authorizeKeyed', { amount: '20.00', ...encryptedCard() });
    const over = await failureOf(() =>
      h.invoke('capture', { transactionId: auth.transactionId, amount: '25.00' }),
    );
    expect(over.code).toBe('PAYTRACE_821');
    const captured = await h.invoke('capture', {
      transactionId: auth.transactionId,
      amount: '15.00',
    });
    expect(captured).toMatchObject({ approved: true, responseCode: 112 });
    const twice = await failureOf(() => h.invoke('capture', { transactionId: auth.transactionId }));
    expect(twice.code).toBe('PAYTRACE_816');
    expect(h.sandbox.state().transactions[0]?.amount).toBe('15.00');
  });

  it('answers 811 for an unknown transaction id', async () => {
    const err = await failureOf(() => h.invoke('void', { transactionId: '999' }));
    expect(err).toMatchObject({ kind: 'fatal', code: 'PAYTRACE_811' });
  });
});

describe('paytrace HTTP classification', () => {
  it('retries 429 with the Retry-After hint', async () => {
    h.running.faults.add({ path: '/v1/transactions', status: 429, retryAfterSeconds: 7, times: 1 });
    const err = await failureOf(() => charge('1.00', 'a'));
    expect(err).toMatchObject({ kind: 'retryable', code: 'PAYTRACE_HTTP_429', retryAfterMs: 7000 });
  });

  it('retries a 503 with an HTML body', async () => {
    h.running.faults.add({ path: '/v1/transactions', status: 503, times: 1 });
    const err = await failureOf(() => charge('1.00', 'a'));
    expect(err).toMatchObject({ kind: 'retryable', code: 'PAYTRACE_HTTP_503' });
  });

  it('retries a refused connection', async () => {
    h.connection.config.baseUrl = 'http://127.0.0.1:9';
    const err = await failureOf(() => charge('1.00', 'a'));
    expect(err.kind).toBe('retryable');
    expect(err.code).toMatch(/^NETWORK/);
  });
});
