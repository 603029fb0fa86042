import { afterEach, describe, expect, it } from 'vitest';
import { encryptedCard, failureOf, startHarness, type Harness } from './test-support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sale = { amount: '10.00', invoiceId: 'SO-2001', ...encryptedCard() };

describe('paytrace exactly-once charges', () => {
  it('finds a sale whose response was lost by invoice_id instead of charging again', async () => {
    h = await startHarness();
    h.running.faults.add({ path: '/v1/transactions/sale/keyed', lostResponse: true, times: 1 });
    const out = await h.invoke('saleKeyed', sale);
    expect(out).toMatchObject({ approved: true, recovered: true, invoiceId: 'SO-2001' });
    const state = h.sandbox.state();
    expect(state.transactions).toHaveLength(1);
    expect(out.transactionId).toBe(String(state.transactions[0]?.id));
    expect(h.calls('/v1/transactions/sale/keyed')).toHaveLength(1);
    expect(h.calls('/v1/transactions/export/by_date_range')).toHaveLength(1);
  });

  it('looks up before sending on a retry when the lost-response lookup failed too', async () => {
    h = await startHarness();
    h.running.faults.add({ path: '/v1/transactions/sale/keyed', lostResponse: true, times: 1 });
    h.running.faults.add({ path: '/v1/transactions/export', status: 503, times: 1 });
    const first = await failureOf(() => h!.invoke('saleKeyed', sale));
    expect(first.kind).toBe('retryable');
    expect(first.details.outcomeUnknown).toBe(true);
    const second = await h.invoke('saleKeyed', sale, { attempt: 2 });
    expect(second).toMatchObject({ approved: true, recovered: true });
    expect(h.sandbox.state().transactions).toHaveLength(1);
    expect(h.calls('/v1/transactions/sale/keyed')).toHaveLength(1);
  });

  it('charges on the retry when the timed-out attempt never reached PayTrace', async () => {
    h = await startHarness({ config: { timeoutMs: 300 } });
    h.running.faults.add({ path: '/v1/transactions/sale/keyed', timeout: true, times: 1 });
    const first = await failureOf(() => h!.invoke('saleKeyed', sale));
    expect(first).toMatchObject({ kind: 'retryable', code: 'TIMEOUT' });
    expect(h.sandbox.state().transactions).toHaveLength(0);
    const second = await h.invoke('saleKeyed', sale, { attempt: 2 });
    expect(second.approved).toBe(true);
    expect(second.recovered).toBeUndefined();
    expect(h.sandbox.state().transactions).toHaveLength(1);
  });

  it('does not take a different amount or type under the same invoice for the same charge', async () => {
    h = await startHarness();
    await h.invoke('authorizeKeyed', { ...sale, amount: '10.00' });
    await h.invoke('saleKeyed', { ...sale, amount: '11.00' }, { idempotencyKey: 'other' });
    const retried = await h.invoke('saleKeyed', sale, { attempt: 2 });
    expect(retried.recovered).toBeUndefined();
    expect(h.sandbox.state().transactions).toHaveLength(3);
  });

  it('recovers a lost refund, so the money goes back once', async () => {
    h = await startHarness();
    const charged = await h.invoke('saleKeyed', sale);
    h.sandbox.settleAll();
    h.running.faults.add({ path: '/v1/transactions/refund', lostResponse: true, times: 1 });
    const refund = await h.invoke(
      'refundTransaction',
      { transactionId: charged.transactionId, amount: '4.00', invoiceId: 'RF-2001-1' },
      { idempotencyKey: 'refund-step' },
    );
    expect(refund).toMatchObject({ approved: true, recovered: true });
    const refunds = h.sandbox.state().transactions.filter((t) => t.type === 'REFUND');
    expect(refunds).toHaveLength(1);
    expect(h.sandbox.state().transactions[0]?.refunded).toBe('4.00');
  });

  it('fails the retry (never charges blind) when the lookup itself fails', async () => {
    h = await startHarness();
    h.running.faults.add({ path: '/v1/transactions/export', status: 503, times: 1 });
    const err = await failureOf(() => h!.invoke('saleKeyed', sale, { attempt: 2 }));
    expect(err).toMatchObject({ kind: 'retryable', code: 'PAYTRACE_HTTP_503' });
    expect(h.calls('/v1/transactions/sale')).toHaveLength(0);
  });
});
