import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptedCard, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.clock.set(Date.UTC(2015, 3, 10, 20, 13, 45));
});
afterEach(async () => {
  await h.close();
});

describe('paytrace exports', () => {
  it('round-trips US export dates and keeps amounts exact', async () => {
    const sale = await h.invoke('saleKeyed', {
      amount: '10.10',
      invoiceId: 'SO-9',
      ...encryptedCard(),
    });
    const out = await h.invoke('exportTransactionsByDateRange', {
      startDate: '2015-04-10',
      endDate: '04/10/2015',
    });
    expect(out.transactions).toHaveLength(1);
    expect(out.transactions[0]).toMatchObject({
      transactionId: sale.transactionId,
      transactionType: 'SALE',
      amount: '10.10',
      approved: true,
      settled: false,
      invoiceId: 'SO-9',
      maskedCardNumber: 'xxxxxxxxxxxx5439',
      cardType: 'VISA',
      createdAt: '2015-04-10T20:13:45',
      createdAtText: '4/10/2015 8:13:45 PM',
    });
    const none = await h.invoke('exportTransactionsByDateRange', {
      startDate: '2015-04-11',
      endDate: '2015-04-12',
    });
    expect(none.transactions).toEqual([]);
  });

  it('filters by invoice id in the connector', async () => {
    await h.invoke('saleKeyed', { amount: '1.00', invoiceId: 'A', ...encryptedCard() });
    await h.invoke('saleKeyed', { amount: '2.00', invoiceId: 'B', ...encryptedCard() });
    const out = await h.invoke('exportTransactionsByDateRange', {
      startDate: '2015-04-10',
      endDate: '2015-04-10',
      invoiceId: 'B',
    });
    expect(out.transactions.map((t: { amount: string }) => t.amount)).toEqual(['2.00']);
  });

  it('reads one transaction by id, and reports an unknown id as not found', async () => {
    const sale = await h.invoke('saleKeyed', { amount: '7.00', ...encryptedCard() });
    h.sandbox.settleAll();
    const found = await h.invoke('exportTransactionById', { transactionId: sale.transactionId });
    expect(found).toMatchObject({ found: true, transaction: { amount: '7.00', settled: true } });
    expect(await h.invoke('exportTransactionById', { transactionId: '1' })).toEqual({
      found: false,
    });
  });

  it('summarises settled batches with exact amounts', async () => {
    const a = await h.invoke(
      'saleKeyed',
      { amount: '10.00', ...encryptedCard() },
      { idempotencyKey: 'a' },
    );
    await h.invoke('saleKeyed', { amount: '42.50', ...encryptedCard() }, { idempotencyKey: 'b' });
    h.sandbox.settleAll();
    h.clock.advance(3600_000);
    await h.invoke('refundTransaction', { transactionId: a.transactionId, amount: '5.00' });
    h.clock.advance(3600_000);
    h.sandbox.settleAll();
    const out = await h.invoke('exportBatches', { startDate: '2015-04-10', endDate: '2015-04-11' });
    expect(out.batches).toEqual([
      expect.objectContaining({
        batchNumber: '1',
        settledAtText: '4/10/2015 8:13:45 PM',
        transactionCount: 2,
        salesAmount: '52.50',
        netAmount: '52.50',
      }),
      expect.objectContaining({
        batchNumber: '2',
        settledAt: '2015-04-10T22:13:45',
        refundCount: 1,
        refundAmount: '5.00',
        netAmount: '-5.00',
      }),
    ]);
  });
});
