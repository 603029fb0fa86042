import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntitySummary } from './operations/shared.js';
import type { FindOrCreateCustomerOutput } from './operations/find-or-create-customer.js';
import type { CreateCreditMemoOutput } from './operations/create-credit-memo.js';
import {
  newKey,
  type QboHarness,
  REALM,
  recordingLogger,
  rejection,
  startQboHarness,
  steppingClock,
} from './test-support/qbo-harness.js';

let h: QboHarness;

beforeEach(async () => {
  h = await startQboHarness({ clock: steppingClock() });
});
afterEach(async () => {
  await h.close();
});

const amy = { displayName: "Amy's Bird Sanctuary", givenName: 'Amy', email: 'amy@example.com' };

async function customer(): Promise<string> {
  return (await h.invoke<FindOrCreateCustomerOutput>('findOrCreateCustomer', amy)).id;
}

async function invoice(
  customerId: string,
  amount = '150.00',
  key = newKey(),
): Promise<EntitySummary> {
  const input = { customerId, docNumber: 'SH-1001', lines: [{ itemId: '1', amount }] };
  return h.invoke<EntitySummary>('createInvoice', input, h.ctx(key));
}

function state(): Record<string, unknown[]> {
  return h.def.state()[REALM] ?? {};
}

describe('qbo connector against the sandbox', () => {
  it('finds or creates a customer idempotently (names with quotes are escaped)', async () => {
    const first = await h.invoke<FindOrCreateCustomerOutput>('findOrCreateCustomer', amy);
    const second = await h.invoke<FindOrCreateCustomerOutput>('findOrCreateCustomer', amy);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ id: first.id, created: false });
    expect(state().Customer).toHaveLength(1);
    // A name that differs only in case is the same customer for QuickBooks (Fault 6240).
    const upper = { displayName: amy.displayName.toUpperCase() };
    expect(await h.invoke('findOrCreateCustomer', upper)).toMatchObject({
      id: first.id,
      created: false,
    });
  });

  it('links a payment to an invoice and brings its Balance to 0', async () => {
    const inv = await h.invoke<EntitySummary>('createInvoice', {
      customerId: await customer(),
      lines: [{ itemId: '1', qty: 2, unitPrice: '75.00' }],
    });
    expect(inv).toMatchObject({ totalAmt: '150.00', balance: '150.00', docNumber: '1001' });
    const payment = await h.invoke<EntitySummary>('createPayment', {
      invoiceId: inv.id,
      amount: '150.00',
      paytrace: { transactionId: '395612345', customerVaultId: 'shopify-7001' },
    });
    expect(payment.entity).toMatchObject({
      PaymentRefNum: '395612345',
      PrivateNote: 'PayTrace TransactionID=395612345; CustomerVaultID=shopify-7001',
      Line: [{ LinkedTxn: [{ TxnId: inv.id, TxnType: 'Invoice' }] }],
    });
    const after = await h.invoke<EntitySummary>('getEntity', { entity: 'Invoice', id: inv.id });
    expect(after).toMatchObject({ balance: '0.00', syncToken: '1' });
    expect(after.entity.LinkedTxn).toEqual([{ TxnId: payment.id, TxnType: 'Payment' }]);
  });

  it('takes an order discount off the invoice total, so the discounted payment clears it', async () => {
    const inv = await h.invoke<EntitySummary>('createInvoice', {
      customerId: await customer(),
      lines: [
        { itemId: '1', qty: 2, unitPrice: '27.00' },
        { itemId: '2', amount: '6.00' },
      ],
      discount: { amount: '5.40', description: 'WELCOME10' },
    });
    expect(inv).toMatchObject({ totalAmt: '54.60', balance: '54.60' });
    const paid = await h.invoke<EntitySummary>('createPayment', {
      invoiceId: inv.id,
      amount: '54.60',
    });
    expect(paid.totalAmt).toBe('54.60');
    const after = await h.invoke<EntitySummary>('getEntity', { entity: 'Invoice', id: inv.id });
    expect(after.balance).toBe('0.00');
    const none = await h.invoke<EntitySummary>('createInvoice', {
      customerId: await customer(),
      lines: [{ itemId: '1', amount: '10.00' }],
      discount: { amount: '0.00' },
    });
    expect(none.totalAmt).toBe('10.00');
  });

  it('replays a repeated requestid: the same step twice creates one invoice', async () => {
    const id = await customer();
    const key = newKey();
    const first = await invoice(id, '150.00', key);
    const again = await invoice(id, '150.00', key);
    expect(again.id).toBe(first.id);
    expect(state().Invoice).toHaveLength(1);
    const posts = h.sandbox
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/invoice'));
    expect(posts).toHaveLength(2);
  });

  it('recovers a payment whose answer was lost without paying twice', async () => {
    const inv = await invoice(await customer());
    h.sandbox.faults.add({
      method: 'POST',
      path: `/v3/company/${REALM}/payment`,
      lostResponse: true,
      times: 1,
    });
    const key = newKey();
    const input = { invoiceId: inv.id, amount: '150.00', paytrace: { transactionId: '395612345' } };
    const lost = await rejection(h.invoke('createPayment', input, h.ctx(key)));
    expect(lost).toMatchObject({ kind: 'retryable' });
    const retried = await h.invoke<EntitySummary>('createPayment', input, h.ctx(key));
    expect(state().Payment).toHaveLength(1);
    expect(retried.id).toBe((state().Payment?.[0] as { Id: string }).Id);
  });

  it('fails fatally on a Fault sent with HTTP 200, keeping code and element', async () => {
    const id = await customer();
    const res = await fetch(`${h.sandbox.url}/__qbo/fault200`, {
      method: 'POST',
      body: JSON.stringify({
        entity: 'invoice',
        type: 'ValidationFault',
        code: '6000',
        element: 'Line',
        detail: 'Business Validation Error: nope',
      }),
    });
    expect(res.status).toBe(200);
    const err = await rejection(invoice(id));
    expect(err).toMatchObject({ kind: 'fatal', code: 'QBO_6000' });
    expect(err.details).toMatchObject({ status: 200, element: 'Line' });
    expect(state().Invoice).toHaveLength(0);
  });

  it('retries SystemFaults, whether sent with 200 or 503', async () => {
    const id = await customer();
    h.def.addFault200({ entity: 'invoice', type: 'SystemFault', code: '10000' });
    expect(await rejection(invoice(id))).toMatchObject({ kind: 'retryable', code: 'QBO_10000' });
    h.sandbox.faults.add({ path: `/v3/company/${REALM}/invoice`, status: 503, times: 1 });
    expect(await rejection(invoice(id))).toMatchObject({ kind: 'retryable', code: 'QBO_10000' });
    expect((await invoice(id)).totalAmt).toBe('150.00');
  });

  it('refreshes a stale SyncToken with a fresh read and retries once', async () => {
    const id = await customer();
    await h.invoke('updateCustomer', { customerId: id, givenName: 'Amelia' });
    const logger = recordingLogger();
    const updated = await h.invoke<EntitySummary>(
      'updateCustomer',
      { customerId: id, syncToken: '0', email: 'amy@birds.example.com' },
      h.ctx(newKey(), logger),
    );
    expect(updated).toMatchObject({ syncToken: '2' });
    expect(updated.entity).toMatchObject({
      GivenName: 'Amelia',
      PrimaryEmailAddr: { Address: 'amy@birds.example.com' },
    });
    expect(logger.warnings).toHaveLength(1);
    const tail = h.sandbox
      .requests()
      .slice(-3)
      .map((r) => `${r.method} ${r.status}`);
    expect(tail).toEqual(['POST 400', 'GET 200', 'POST 200']);
  });

  it('refuses an unbalanced journal entry without calling QuickBooks', async () => {
    const lines = [
      { postingType: 'Debit', accountId: '76', amount: '0.10' },
      { postingType: 'Debit', accountId: '76', amount: '0.20' },
      { postingType: 'Credit', accountId: '35', amount: '0.31' },
    ];
    const err = await rejection(h.invoke('createJournalEntry', { lines }));
    expect(err).toMatchObject({ kind: 'fatal', code: 'QBO_UNBALANCED' });
    expect(h.sandbox.requests()).toHaveLength(0);
    lines[2] = { postingType: 'Credit', accountId: '35', amount: '0.30' };
    expect(await h.invoke('createJournalEntry', { lines })).toMatchObject({ totalAmt: '0.30' });
  });

  it('applies a credit memo to an invoice through a zero Payment, once per step', async () => {
    const id = await customer();
    const inv = await invoice(id, '100.00');
    const key = newKey();
    const input = {
      customerId: id,
      lines: [{ itemId: '1', amount: '30.00' }],
      applyToInvoiceId: inv.id,
    };
    const memo = await h.invoke<CreateCreditMemoOutput>('createCreditMemo', input, h.ctx(key));
    expect(memo).toMatchObject({ totalAmt: '30.00', balance: '0.00', appliedAmt: '30.00' });
    await h.invoke('createCreditMemo', input, h.ctx(key));
    expect(state().CreditMemo).toHaveLength(1);
    expect(state().Payment).toHaveLength(1);
    const after = await h.invoke<EntitySummary>('getEntity', { entity: 'Invoice', id: inv.id });
    expect(after.balance).toBe('70.00');
  });

  it('reports the original credit application when a step repeats', async () => {
    const id = await customer();
    const inv = await invoice(id, '20.00');
    const key = newKey();
    const input = {
      customerId: id,
      lines: [{ itemId: '1', amount: '30.00' }],
      applyToInvoiceId: inv.id,
    };
    const first = await h.invoke<CreateCreditMemoOutput>('createCreditMemo', input, h.ctx(key));
    const again = await h.invoke<CreateCreditMemoOutput>('createCreditMemo', input, h.ctx(key));
    expect(first).toMatchObject({ appliedAmt: '20.00', balance: '10.00' });
    expect(again).toMatchObject({
      id: first.id,
      appliedAmt: '20.00',
      balance: '10.00',
      applicationPaymentId: first.applicationPaymentId,
    });
    expect(state().Payment).toHaveLength(1);
  });

  it('voids an invoice, finds documents by number, and records refunds', async () => {
    const id = await customer();
    const inv = await invoice(id);
    const voided = await h.invoke<EntitySummary>('voidInvoice', {
      invoiceId: inv.id,
      syncToken: '7',
    });
    expect(voided).toMatchObject({ totalAmt: '0.00', balance: '0.00', syncToken: '1' });
    const found = await h.invoke('queryByDocNumber', { entity: 'Invoice', docNumber: 'SH-1001' });
    expect(found).toMatchObject({ found: true, count: 1, matches: [{ id: inv.id }] });
    const none = await h.invoke('queryByDocNumber', { entity: 'Invoice', docNumber: "O'Neil" });
    expect(none).toMatchObject({ found: false, count: 0 });
    const refund = await h.invoke('createRefundReceipt', {
      customerId: id,
      refundFromAccountId: '35',
      paymentRefNum: '395612399',
      lines: [{ itemId: '1', amount: '40.00' }],
    });
    expect(refund).toMatchObject({ totalAmt: '40.00' });
    const missing = await rejection(h.invoke('getEntity', { entity: 'Payment', id: '999' }));
    expect(missing).toMatchObject({ kind: 'fatal', code: 'QBO_610' });
  });
});

describe('qbo rate limits', () => {
  it('turns the 11th call within one second into a retryable 429', async () => {
    const frozen = await startQboHarness({ clock: { now: () => Date.UTC(2025, 0, 15, 12) } });
    try {
      const calls = Array.from({ length: 11 }, () =>
        frozen.invoke('queryByDocNumber', { entity: 'Invoice', docNumber: '1001' }),
      );
      const results = await Promise.allSettled(calls);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({
        kind: 'retryable',
        code: 'QBO_THROTTLED',
        retryAfterMs: 1000,
      });
    } finally {
      await frozen.close();
    }
  });
});
