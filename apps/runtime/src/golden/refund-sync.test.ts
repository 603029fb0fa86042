import { buildRefund } from '@braid/connectors/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, newOrder, startStack } from '../test-support/stack.js';

type Rec = Record<string, unknown>;
const ORDERS = 'order-payment-sync';
const REFUNDS = 'refund-sync';

describe('template: refund sync (golden, through real sandboxes)', () => {
  let s: Stack;

  beforeAll(async () => {
    s = await startStack();
    await s.install(ORDERS);
    await s.install(REFUNDS);
  });
  afterAll(async () => {
    await s?.close();
  });

  const paytrace = (): { transactions: Rec[] } => s.paytrace();
  const erp = (): Record<string, Rec[]> => s.erp();
  const reference = (order: Rec): string => String(order.name).replace('#', '');
  const charge = (order: Rec): Rec =>
    paytrace().transactions.find((t) => t.invoiceId === reference(order) && t.type === 'SALE')!;

  async function paidOrder(): Promise<Rec> {
    const order = newOrder(s, {
      lineItems: [
        { title: 'Linen apron', price: '27.00', quantity: 2 },
        { title: 'Tea towel', price: '9.50' },
      ],
      shipping: { title: 'Standard', price: '6.00' },
    });
    const before = (await s.runs(ORDERS)).length;
    await s.shopifyWebhook(ORDERS, 'orders/create', order);
    const runs = await s.settle(ORDERS, before + 1);
    expect(runs.at(-1)!.status).toBe('succeeded');
    return order;
  }

  async function refund(
    order: Rec,
    lines: { index: number; quantity: number }[],
    amount?: string,
  ): Promise<Rec> {
    const items = order.line_items as Rec[];
    const payload = buildRefund({
      order,
      lineItems: lines.map((l) => ({
        lineItemId: String(items[l.index]!.id),
        quantity: l.quantity,
      })),
      ...(amount ? { amount } : {}),
    });
    const before = (await s.runs(REFUNDS)).length;
    await s.shopifyWebhook(REFUNDS, 'refunds/create', payload);
    const runs = await s.settle(REFUNDS, before + 1);
    return { payload, run: await s.h.waitForRun(runs.at(-1)!.id, [runs.at(-1)!.status]) };
  }

  const creditMemos = (order: Rec): Rec[] =>
    (erp().CreditMemo ?? []).filter((m) =>
      String(m.DocNumber).startsWith(`SH-${reference(order)}-R`),
    );

  it('refunds part of a settled charge and books a credit memo linked to the invoice', async () => {
    const order = await paidOrder();
    expect(s.sandboxes.paytrace.sandbox.settleAll()).toBeDefined();
    const { payload, run } = (await refund(order, [{ index: 0, quantity: 1 }])) as {
      payload: Rec;
      run: Rec;
    };
    expect(run.status).toBe('succeeded');
    const amount = String((payload.transactions as Rec[])[0]!.amount);
    expect(amount).toBe('27.00');
    const refunds = paytrace().transactions.filter((t) => t.type === 'REFUND');
    const mine = refunds.filter((t) => String(t.invoiceId).startsWith(`${reference(order)}-RF-`));
    expect(mine).toMatchObject([{ amount: '27.00', approved: true }]);
    expect(charge(order)).toMatchObject({ voided: false });
    const memos = creditMemos(order);
    expect(memos).toHaveLength(1);
    expect(String(memos[0]!.TotalAmt)).toBe('27');
    const invoice = (erp().Invoice ?? []).find((i) => i.DocNumber === `SH-${reference(order)}`)!;
    expect(String(memos[0]!.PrivateNote)).toContain(`(Id ${String(invoice.Id)})`);
    expect(memos[0]!.CustomerRef).toMatchObject({ value: (invoice.CustomerRef as Rec).value });
    expect(run.output).toMatchObject({ status: 'refunded', amount: '27.00' });
  });

  it('voids an unsettled charge refunded in full, and credits the whole invoice', async () => {
    const order = await paidOrder();
    const total = String(order.total_price);
    const { run } = (await refund(
      order,
      [
        { index: 0, quantity: 2 },
        { index: 1, quantity: 1 },
      ],
      total,
    )) as { run: Rec };
    expect(run.status).toBe('succeeded');
    expect(run.output).toMatchObject({ status: 'voided', amount: total });
    expect(charge(order)).toMatchObject({ voided: true });
    expect(
      paytrace().transactions.filter(
        (t) => t.type === 'REFUND' && String(t.invoiceId).startsWith(reference(order)),
      ),
    ).toEqual([]);
    const memos = creditMemos(order);
    expect(memos).toHaveLength(1);
    // Lines, tax and the refunded shipping add up to the whole order.
    expect(String(memos[0]!.TotalAmt)).toBe(String(Number(total)));
  });

  it('holds a refund that arrives while its order is still being charged until the charge is done', async () => {
    s.sandboxes.paytrace.server.faults.add({
      path: '/v1/transactions/sale',
      latencyMs: 1500,
      times: 1,
    });
    const order = newOrder(s, { lineItems: [{ title: 'Apron', price: '40.00' }], shipping: null });
    const ordersBefore = (await s.runs(ORDERS)).length;
    const refundsBefore = (await s.runs(REFUNDS)).length;
    await s.shopifyWebhook(ORDERS, 'orders/create', order);
    await new Promise((r) => setTimeout(r, 300));
    const payload = buildRefund({
      order,
      lineItems: [{ lineItemId: String((order.line_items as Rec[])[0]!.id), quantity: 1 }],
    });
    await s.shopifyWebhook(REFUNDS, 'refunds/create', payload);
    const [orderRun] = (await s.settle(ORDERS, ordersBefore + 1)).slice(-1);
    const [refundRun] = (await s.settle(REFUNDS, refundsBefore + 1)).slice(-1);
    expect(orderRun!.status).toBe('succeeded');
    expect(refundRun!.status).toBe('succeeded');
    const times = await s.h.sql<{ id: string; started_at: Date; finished_at: Date }>(
      'select id, started_at, finished_at from runs where id = any($1::uuid[])',
      [[orderRun!.id, refundRun!.id]],
    );
    const o = times.find((t) => t.id === orderRun!.id)!;
    const r = times.find((t) => t.id === refundRun!.id)!;
    expect(r.started_at.getTime()).toBeGreaterThanOrEqual(o.finished_at.getTime());
    expect(charge(order)).toMatchObject({ voided: true });
  });
  it('parks a partial refund of an unsettled charge until settlement, refunding nothing yet', async () => {
    const order = await paidOrder();
    const items = order.line_items as Rec[];
    const payload = buildRefund({
      order,
      lineItems: [{ lineItemId: String(items[1]!.id), quantity: 1 }],
    });
    const before = (await s.runs(REFUNDS)).length;
    await s.shopifyWebhook(REFUNDS, 'refunds/create', payload);
    const deadline = Date.now() + 10_000;
    let run: { id: string; status: string } | undefined;
    while (Date.now() < deadline) {
      run = (await s.runs(REFUNDS))[before];
      if (run?.status === 'waiting') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run?.status).toBe('waiting');
    const waits = await s.h.sql<{ node_id: string; available_at: Date }>(
      `select s.node_id, r.available_at from step_records s join runs r on r.id = s.run_id
       where s.run_id = $1 and s.status = 'waiting'`,
      [run!.id],
    );
    expect(waits.map((w) => w.node_id)).toEqual(['waitForSettlement']);
    expect(waits[0]!.available_at.getTime() - Date.now()).toBeGreaterThan(5 * 3600_000);
    expect(charge(order)).toMatchObject({ voided: false });
    expect(
      paytrace().transactions.filter(
        (t) => t.type === 'REFUND' && String(t.invoiceId).startsWith(reference(order)),
      ),
    ).toEqual([]);
    expect((await s.h.api('POST', `/api/v1/runs/${run!.id}/cancel`)).status).toBeLessThan(300);
  });
});
