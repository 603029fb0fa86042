import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, newOrder, startStack } from '../test-support/stack.js';

type Rec = Record<string, unknown>;
const FLOW = 'order-payment-sync';

describe('template: order payment sync (golden, through real sandboxes)', () => {
  let s: Stack;

  beforeAll(async () => {
    s = await startStack();
    await s.install(FLOW);
  });
  afterAll(async () => {
    await s?.close();
  });

  const shopifyOrder = (id: string): Rec => s.sandboxes.shopify.sandbox.store.orders.get(id) ?? {};
  const metafields = (id: string): Rec[] => s.metafields(id);
  const paytrace = (): { transactions: Rec[]; customers: Rec[] } => s.paytrace();
  const erp = (): Record<string, Rec[]> => s.erp();
  const erpInvoices = (doc: string): Rec[] =>
    (erp().Invoice ?? []).filter((i) => i.DocNumber === doc);
  const erpPaymentsFor = (invoiceId: unknown): Rec[] =>
    (erp().Payment ?? []).filter((p) =>
      JSON.stringify(p.Line).includes(`"TxnId":"${String(invoiceId)}"`),
    );
  const reference = (order: Rec): string => String(order.name).replace('#', '');

  async function runOrder(order: Rec, expected: string): Promise<Rec> {
    const before = (await s.runs(FLOW)).length;
    const sent = await s.shopifyWebhook(FLOW, 'orders/create', order);
    expect(sent.statuses).toEqual([202]);
    const runs = await s.settle(FLOW, before + 1);
    const run = runs.at(-1)!;
    const detail = await s.h.waitForRun(run.id, [expected]);
    return detail;
  }

  it('charges an approved order once and books it everywhere, linked by the PayTrace ids', async () => {
    const order = newOrder(s, {
      lineItems: [
        { title: 'Linen apron', price: '27.00', quantity: 2, taxRate: 0.08875 },
        { title: 'Tea towel', price: '9.50' },
      ],
      shipping: { title: 'Standard', price: '6.00' },
    });
    const id = String(order.id);
    const run = await runOrder(order, 'succeeded');
    const txs = paytrace().transactions.filter((t) => t.invoiceId === reference(order));
    expect(txs).toHaveLength(1);
    const tx = txs[0]!;
    expect(tx).toMatchObject({ type: 'SALE', approved: true, amount: order.total_price });
    expect(paytrace().customers.map((c) => c.customerId)).toContain(
      `shopify-${String((order.customer as Rec).id)}`,
    );
    expect(shopifyOrder(id)).toMatchObject({ financial_status: 'paid' });
    expect(String(shopifyOrder(id).note)).toContain(`transaction ${String(tx.id)}`);
    const fields = Object.fromEntries(
      metafields(id).map((m) => [`${String(m.namespace)}.${String(m.key)}`, m.value]),
    );
    expect(fields['paytrace.transaction_id']).toBe(String(tx.id));
    const invoices = erpInvoices(`SH-${reference(order)}`);
    expect(invoices).toHaveLength(1);
    const invoice = invoices[0]!;
    expect(String(invoice.TotalAmt)).toBe(String(Number(order.total_price)));
    expect(invoice.Balance).toBe(0);
    const payments = erpPaymentsFor(invoice.Id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ PaymentRefNum: String(tx.id) });
    expect(String(payments[0]!.PrivateNote)).toContain(`CustomerVaultID=shopify-`);
    expect(run.output).toMatchObject({ status: 'paid', transactionId: String(tx.id) });
  });

  it('books an order with a discount code at its discounted total, fully paid', async () => {
    const order = newOrder(s, {
      lineItems: [{ title: 'Linen apron', price: '27.00', quantity: 2 }],
      shipping: { title: 'Standard', price: '6.00' },
      discount: { code: 'WELCOME10', amount: '5.40' },
    });
    await runOrder(order, 'succeeded');
    expect(order.total_price).toBe('54.60');
    const invoice = erpInvoices(`SH-${reference(order)}`)[0]!;
    expect(invoice).toMatchObject({ TotalAmt: 54.6, Balance: 0 });
    expect(JSON.stringify(invoice.Line)).toContain('Discount WELCOME10');
  });

  it('tags and notes a declined order, raises an alert, and books nothing in the ERP', async () => {
    const order = newOrder(s, { lineItems: [{ title: 'Sample', price: '0.29' }], shipping: null });
    const id = String(order.id);
    const run = await runOrder(order, 'failed');
    expect(run.error).toMatchObject({ code: 'PAYMENT_DECLINED' });
    const txs = paytrace().transactions.filter((t) => t.invoiceId === reference(order));
    expect(txs).toMatchObject([{ approved: false }]);
    expect(shopifyOrder(id).financial_status).toBe('pending');
    expect(String(shopifyOrder(id).tags)).toContain('payment-failed');
    expect(String(shopifyOrder(id).note)).toMatch(/PayTrace payment failed \(declined\)/);
    expect(erpInvoices(`SH-${reference(order)}`)).toEqual([]);
    const alerts = await s.h.sql<{ kind: string; message: string }>(
      'select kind, message from alerts where run_id = $1',
      [run.id],
    );
    expect(alerts).toEqual([{ kind: 'flow_failed', message: expect.stringContaining('declined') }]);
  });

  it.each([
    ['JPY', '1200', '1000'],
    ['KWD', '12.345', '2.500'],
  ])('charges and books a %s order in its own minor units', async (currency, price, shipping) => {
    const order = newOrder(s, {
      currency,
      lineItems: [{ title: 'Tenugui', price }],
      shipping: { title: 'Post', price: shipping },
    });
    await runOrder(order, 'succeeded');
    const total = String(order.total_price);
    const tx = paytrace().transactions.find((t) => t.invoiceId === reference(order))!;
    expect(Number(tx.amount)).toBe(Number(total));
    expect(total).toMatch(currency === 'JPY' ? /^\d+$/ : /^\d+\.\d{3}$/);
    const invoice = erpInvoices(`SH-${reference(order)}`)[0]!;
    expect(invoice.CurrencyRef).toMatchObject({ value: currency });
    expect(String(invoice.TotalAmt)).toBe(String(Number(total)));
    expect(invoice.Balance).toBe(0);
  });

  it('runs once for the same webhook delivered three times', async () => {
    const order = newOrder(s);
    const before = (await s.runs(FLOW)).length;
    const sent = await s.shopifyWebhook(FLOW, 'orders/create', order, { duplicates: 2 });
    expect(sent.statuses).toHaveLength(3);
    expect(sent.statuses.every((st) => st >= 200 && st < 300)).toBe(true);
    await s.settle(FLOW, before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect((await s.runs(FLOW)).length).toBe(before + 1);
    expect(paytrace().transactions.filter((t) => t.invoiceId === reference(order))).toHaveLength(1);
    expect(erpInvoices(`SH-${reference(order)}`)).toHaveLength(1);
  });

  it('rides out a 429 storm on Shopify and the ERP without duplicating anything', async () => {
    s.sandboxes.shopify.server.faults.add({
      path: '/admin',
      status: 429,
      retryAfterSeconds: 1,
      times: 3,
    });
    s.sandboxes.qbo.server.faults.add({ path: '/v3', status: 429, retryAfterSeconds: 1, times: 3 });
    const order = newOrder(s);
    await runOrder(order, 'succeeded');
    expect(shopifyOrder(String(order.id)).financial_status).toBe('paid');
    expect(paytrace().transactions.filter((t) => t.invoiceId === reference(order))).toHaveLength(1);
    const invoice = erpInvoices(`SH-${reference(order)}`);
    expect(invoice).toHaveLength(1);
    expect(erpPaymentsFor(invoice[0]!.Id)).toHaveLength(1);
  });

  it('dead-letters with an alert, charging nothing, when the mapping cannot produce a valid amount', async () => {
    // An order edited down below zero: the mapping yields "-5.00", which no charge accepts.
    const order = newOrder(s);
    order.total_price = '-5.00';
    const run = await runOrder(order, 'dead_letter');
    expect(run.error).toMatchObject({ code: 'INPUT_INVALID' });
    expect(JSON.stringify(run.error)).toMatch(/amount/);
    expect(paytrace().transactions.filter((t) => t.invoiceId === reference(order))).toEqual([]);
    const alerts = await s.h.sql<{ kind: string }>('select kind from alerts where run_id = $1', [
      run.id,
    ]);
    expect(alerts).toEqual([{ kind: 'dead_letter' }]);
  });

  it('refuses a malformed delivery with 400 and stores nothing', async () => {
    const order = newOrder(s);
    delete order.total_price;
    const before = (await s.runs(FLOW)).length;
    const sent = await s.shopifyWebhook(FLOW, 'orders/create', order);
    expect(sent.statuses).toEqual([400]);
    expect((await s.runs(FLOW)).length).toBe(before);
    const inbox = await s.h.sql<{ n: number }>(
      `select count(*)::int as n from inbox where dedupe_key = $1`,
      [sent.eventId],
    );
    expect(inbox[0]?.n).toBe(0);
  });
});
