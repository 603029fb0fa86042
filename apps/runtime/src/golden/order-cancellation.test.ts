import { buildRefund } from '@braid/connectors/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, newOrder, startStack } from '../test-support/stack.js';

type Rec = Record<string, unknown>;
const ORDERS = 'order-payment-sync';
const REFUNDS = 'refund-sync';
const CANCEL = 'order-cancellation';

describe('template: order cancellation (golden, through real sandboxes)', () => {
  let s: Stack;

  beforeAll(async () => {
    s = await startStack();
    for (const t of [ORDERS, REFUNDS, CANCEL]) await s.install(t);
  });
  afterAll(async () => {
    await s?.close();
  });

  const txs = (): Rec[] => s.paytrace().transactions;
  const erp = (): Record<string, Rec[]> => s.erp();
  const reference = (order: Rec): string => String(order.name).replace('#', '');

  async function send(flow: string, topic: string, payload: unknown): Promise<Rec> {
    const before = (await s.runs(flow)).length;
    await s.shopifyWebhook(flow, topic, payload);
    const runs = await s.settle(flow, before + 1);
    return s.h.waitForRun(runs.at(-1)!.id, [runs.at(-1)!.status]);
  }

  async function paidOrder(): Promise<Rec> {
    const order = newOrder(s, { lineItems: [{ title: 'Kettle', price: '80.00' }], shipping: null });
    expect((await send(ORDERS, 'orders/create', order)).status).toBe('succeeded');
    return order;
  }
  const cancelled = (order: Rec): Rec => ({
    ...order,
    cancelled_at: new Date().toISOString(),
    cancel_reason: 'customer',
  });

  it('voids an unsettled charge and credits the paid invoice', async () => {
    const order = await paidOrder();
    const run = await send(CANCEL, 'orders/cancelled', cancelled(order));
    expect(run.output).toEqual({ action: 'voided', amount: '80.00', erp: 'credit-memo' });
    expect(txs().find((t) => t.invoiceId === reference(order))).toMatchObject({ voided: true });
    const memo = (erp().CreditMemo ?? []).find((m) => m.DocNumber === `SH-${reference(order)}-C`);
    expect(memo).toMatchObject({ TotalAmt: 80 });
  });

  it('refunds only what an earlier partial refund left of a settled charge', async () => {
    const order = await paidOrder();
    s.sandboxes.paytrace.sandbox.settleAll();
    const line = String((order.line_items as Rec[])[0]!.id);
    const partial = buildRefund({
      order,
      lineItems: [{ lineItemId: line, quantity: 1 }],
      amount: '30.00',
    });
    expect((await send(REFUNDS, 'refunds/create', partial)).status).toBe('succeeded');
    const run = await send(CANCEL, 'orders/cancelled', cancelled(order));
    expect(run.output).toEqual({ action: 'refunded', amount: '50.00', erp: 'credit-memo' });
    const refunds = txs().filter(
      (t) => t.type === 'REFUND' && String(t.invoiceId).startsWith(reference(order)),
    );
    expect(refunds.map((t) => t.amount).sort()).toEqual(['30.00', '50.00']);
  });

  it('does nothing twice: a repeated cancellation finds the money already returned', async () => {
    const order = await paidOrder();
    await send(CANCEL, 'orders/cancelled', cancelled(order));
    const again = await send(CANCEL, 'orders/cancelled', cancelled(order));
    expect(again.output).toEqual({ action: 'already-returned' });
    expect(
      (erp().CreditMemo ?? []).filter((m) => m.DocNumber === `SH-${reference(order)}-C`),
    ).toHaveLength(1);
  });
});
