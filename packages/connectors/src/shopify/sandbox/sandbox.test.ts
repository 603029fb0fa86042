import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { buildCustomer } from './fixtures.js';
import { buildOrder, buildRefund } from './order-fixtures.js';
import { createShopifySandbox, type ShopifySandbox } from './sandbox.js';

// Loosely typed GraphQL answers; the assertions check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const clock = { now: (): number => Date.now() };
const TOKEN = 'shpat_sandbox';
const order = buildOrder({ id: '5820982911946170001' });
const gid = 'gid://shopify/Order/5820982911946170001';

describe('shopify sandbox', () => {
  let sandbox: ShopifySandbox;
  let running: RunningSandbox;
  const gql = async (query: string, variables: Record<string, unknown> = {}, token = TOKEN) => {
    const res = await fetch(`${running.url}/admin/api/2025-10/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };

  beforeEach(async () => {
    sandbox = createShopifySandbox({ clock, accessToken: TOKEN, seed: { orders: [order] } });
    running = await startSandbox(sandbox, { port: 0 });
  });
  afterEach(async () => {
    await running.close();
  });

  it('answers with aliases, inline fragments and cost extensions', async () => {
    const { body } = await gql(
      `# a comment { with braces }
      query Q($id: ID!) { o: order(id: $id) { __typename name ... on Order { money: totalPriceSet { shopMoney { amount } } } } }`,
      { id: gid },
    );
    expect(body.data).toEqual({
      o: { __typename: 'Order', name: '#1001', money: { shopMoney: { amount: '64.8' } } },
    });
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 3,
      actualQueryCost: 3,
      throttleStatus: { maximumAvailable: 1000, restoreRate: 50 },
    });
  });

  it('rejects fields the type lacks without running the mutation', async () => {
    const { body } = await gql(
      'mutation M($input: OrderMarkAsPaidInput!) { orderMarkAsPaid(input: $input) { order { id transactionsCount } userErrors { field message } } }',
      { input: { id: gid } },
    );
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toBe("Field 'transactionsCount' doesn't exist on type 'Order'");
    expect(sandbox.store.orders.get('5820982911946170001')?.financial_status).toBe('pending');
  });

  it('refuses unknown input fields and more than 25 metafields as top-level errors', async () => {
    const bad = await gql(
      'mutation M($input: OrderInput!) { orderUpdate(input: $input) { userErrors { field } } }',
      {
        input: { id: gid, colour: 'red' },
      },
    );
    expect(bad.body.errors[0].extensions.code).toBe('INVALID_VARIABLE');
    const many = Array.from({ length: 26 }, (_, i) => ({
      ownerId: gid,
      namespace: 'braid',
      key: `k${i}`,
      type: 'single_line_text_field',
      value: 'v',
    }));
    const big = await gql(
      'mutation M($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { field } } }',
      { m: many },
    );
    expect(big.body.errors[0]).toMatchObject({
      message: 'The input array size of 26 is greater than the maximum allowed of 25.',
      extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' },
    });
  });

  it('answers THROTTLED when the requested cost exceeds the bucket', async () => {
    sandbox.setAvailablePoints(2);
    const { status, body } = await gql(
      'query Q($id: ID!) { order(id: $id) { totalPriceSet { shopMoney { amount } } } }',
      {
        id: gid,
      },
    );
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe('THROTTLED');
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 3, actualQueryCost: null });
  });

  it('answers a bad token with 401 and injected faults with Shopify error bodies', async () => {
    expect((await gql('{ __typename }', {}, 'wrong')).status).toBe(401);
    running.faults.add({ status: 429, retryAfterSeconds: 2, times: 1 });
    const limited = await gql('{ __typename }');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(typeof limited.body.errors).toBe('string');
  });

  it('seeds, reports state and resets through the admin API', async () => {
    const customer = buildCustomer({ id: '115310627314799999' });
    await fetch(`${running.url}/__sandbox/seed`, {
      method: 'POST',
      body: JSON.stringify({ orders: [buildOrder({ customer, financialStatus: 'paid' })] }),
    });
    const state = (await (await fetch(`${running.url}/__sandbox/state`)).json()) as {
      orders: unknown[];
      customers: { id: string }[];
      transactions: { kind: string }[];
    };
    expect(state.orders).toHaveLength(2);
    expect(state.customers.map((c) => c.id)).toContain('115310627314799999');
    expect(state.transactions.map((t) => t.kind)).toEqual(['sale']);
    await fetch(`${running.url}/__sandbox/reset`, { method: 'POST' });
    expect(sandbox.store.orders.size).toBe(0);
  });
});

describe('fixtures', () => {
  it('builds orders with consistent decimal money and *_set fields', () => {
    const o = buildOrder({
      currency: 'CAD',
      lineItems: [
        { title: 'Apron', price: '27.00', quantity: 2, taxRate: 0.13 },
        { title: 'Mitt', price: '9.99' },
      ],
      shipping: { title: 'Express', price: '15.00' },
      discount: { code: 'WELCOME5', amount: '5.00' },
    });
    expect(o).toMatchObject({
      currency: 'CAD',
      total_line_items_price: '63.99',
      subtotal_price: '58.99',
      total_tax: '7.02',
      total_price: '81.01',
      total_outstanding: '81.01',
      financial_status: 'pending',
      total_price_set: { shop_money: { amount: '81.01', currency_code: 'CAD' } },
    });
    expect(String(o.id)).toMatch(/^\d{19}$/);
    expect(Number.isSafeInteger(Number(o.id))).toBe(false);
    expect(o.admin_graphql_api_id).toBe(`gid://shopify/Order/${String(o.id)}`);
    expect(
      buildOrder({ currency: 'JPY', lineItems: [{ title: 'Tea', price: '1200' }], shipping: null })
        .total_price,
    ).toBe('1200');
  });

  it('builds refunds for line items with tax', () => {
    const o = buildOrder({
      lineItems: [{ title: 'Apron', price: '27.00', quantity: 2, taxRate: 0.13 }],
    });
    const line = (o.line_items as { id: string }[])[0]!;
    const refund = buildRefund({ order: o, lineItems: [{ lineItemId: line.id, quantity: 1 }] });
    expect(refund).toMatchObject({
      order_id: o.id,
      refund_line_items: [
        { line_item_id: line.id, quantity: 1, subtotal: '27.00', total_tax: '3.51' },
      ],
      transactions: [{ kind: 'refund', status: 'success', amount: '30.51', currency: 'USD' }],
    });
  });
});
