import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StepFailure } from '@braid/engine';
import { buildCustomer } from './sandbox/fixtures.js';
import { buildOrder } from './sandbox/order-fixtures.js';
import { type Harness, actionContext, failureOf, startHarness } from './test-support/harness.js';

const customer = buildCustomer({
  id: '115310627314723954',
  email: 'ada@example.com',
  tags: ['vip'],
});
const pending = buildOrder({ id: '5820982911946154508', customer, currency: 'USD' });
const authorized = buildOrder({
  id: '5820982911946154600',
  customer,
  financialStatus: 'authorized',
});
const graphqlCalls = (h: Harness): number =>
  h.running.requests().filter((r) => r.path.endsWith('/graphql.json')).length;
const order = (h: Harness, id: string): Record<string, unknown> =>
  h.sandbox.store.orders.get(id) ?? {};

describe('shopify connector against the sandbox', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ seed: { orders: [pending, authorized], customers: [customer] } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('reads an order by numeric id with exact 64-bit ids and Shopify decimals', async () => {
    const out = (await h.invoke('getOrder', { orderId: '5820982911946154508' })) as Record<
      string,
      unknown
    >;
    expect(out).toMatchObject({
      id: 'gid://shopify/Order/5820982911946154508',
      legacyId: '5820982911946154508',
      financialStatus: 'pending',
      totalPrice: { amount: '64.8', currencyCode: 'USD' },
      totalOutstanding: { amount: '64.8', currencyCode: 'USD' },
      customer: { id: 'gid://shopify/Customer/115310627314723954', email: 'ada@example.com' },
    });
  });

  it('accepts gids and refuses an order that does not exist', async () => {
    const err = await failureOf(() => h.invoke('getOrder', { orderId: 'gid://shopify/Order/1' }));
    expect(err).toMatchObject({ kind: 'fatal', code: 'SHOPIFY_NOT_FOUND' });
  });

  it('rejects ids of the wrong shape before calling Shopify', async () => {
    const err = await failureOf(() =>
      h.invoke('getOrder', { orderId: 'gid://shopify/Customer/1' }),
    );
    expect(err).toMatchObject({ kind: 'fatal', code: 'INPUT_INVALID' });
    expect(graphqlCalls(h)).toBe(0);
  });

  it('markOrderPaid moves financial_status to paid; a repeat is a fatal userError with its field path', async () => {
    const out = await h.invoke('markOrderPaid', { orderId: '5820982911946154508' });
    expect(out).toEqual({
      orderId: 'gid://shopify/Order/5820982911946154508',
      financialStatus: 'paid',
      totalOutstanding: { amount: '0.0', currencyCode: 'USD' },
    });
    expect(order(h, '5820982911946154508')).toMatchObject({
      financial_status: 'paid',
      total_outstanding: '0.00',
    });
    const err = await failureOf(() =>
      h.invoke('markOrderPaid', { orderId: '5820982911946154508' }),
    );
    expect(err).toBeInstanceOf(StepFailure);
    expect(err).toMatchObject({
      kind: 'fatal',
      code: 'SHOPIFY_USER_ERROR',
      details: { field: ['id'], path: 'id', message: 'Order cannot be marked as paid.' },
    });
  });

  it('markOrderPaid retried after a lost answer reads the paid order and succeeds once', async () => {
    h.running.faults.add({ path: '/admin', lostResponse: true, times: 1 });
    const lost = (await failureOf(() =>
      h.invoke('markOrderPaid', { orderId: '5820982911946154508' }),
    )) as StepFailure;
    expect(lost.kind).toBe('retryable');
    expect(order(h, '5820982911946154508')).toMatchObject({ financial_status: 'paid' });
    const retry = await h.registry.invoke(
      h.connection,
      'markOrderPaid',
      { orderId: '5820982911946154508' },
      { ...actionContext(h.connection), attempt: 2 },
    );
    expect(retry).toMatchObject({ financialStatus: 'paid', totalOutstanding: { amount: '0.0' } });
    const paid = (order(h, '5820982911946154508').transactions as unknown[] | undefined) ?? [];
    expect(paid.length).toBeLessThanOrEqual(1);
  });

  it('answers THROTTLED as retryable with the wait computed from throttleStatus', async () => {
    h.sandbox.setAvailablePoints(0);
    const err = (await failureOf(() =>
      h.invoke('getOrder', { orderId: '5820982911946154508' }),
    )) as StepFailure;
    expect(err).toMatchObject({ kind: 'retryable', code: 'SHOPIFY_THROTTLED' });
    const details = err.details as {
      requestedQueryCost: number;
      throttleStatus: { currentlyAvailable: number; restoreRate: number };
    };
    expect(details.requestedQueryCost).toBe(276);
    const expected = Math.ceil(
      ((details.requestedQueryCost - details.throttleStatus.currentlyAvailable) /
        details.throttleStatus.restoreRate) *
        1000,
    );
    expect(err.retryAfterMs).toBe(expected);
    expect(expected).toBeGreaterThan(4000);
  });

  it('classifies an injected 429 as retryable after Retry-After', async () => {
    h.running.faults.add({ status: 429, retryAfterSeconds: 2, times: 1 });
    const err = await failureOf(() =>
      h.invoke('getCustomer', { customerId: '115310627314723954' }),
    );
    expect(err).toMatchObject({ kind: 'retryable', code: 'SHOPIFY_HTTP_429', retryAfterMs: 2000 });
    await expect(
      h.invoke('getCustomer', { customerId: '115310627314723954' }),
    ).resolves.toMatchObject({
      email: 'ada@example.com',
    });
  });

  it('classifies 5xx as retryable and 401 as fatal', async () => {
    h.running.faults.add({ status: 503, times: 1 });
    expect(await failureOf(() => h.invoke('getCustomer', { customerId: '1' }))).toMatchObject({
      kind: 'retryable',
      code: 'SHOPIFY_HTTP_503',
    });
    const wrong = { ...h.connection, secrets: { accessToken: 'shpat_wrong' } };
    expect(
      await failureOf(() => h.invoke('getCustomer', { customerId: '1' }, wrong)),
    ).toMatchObject({ kind: 'fatal', code: 'SHOPIFY_HTTP_401' });
  });

  it('classifies an unreachable shop as a retryable network failure', async () => {
    const down = {
      ...h.connection,
      config: { ...h.connection.config, baseUrl: 'http://127.0.0.1:1' },
    };
    expect(await failureOf(() => h.invoke('getCustomer', { customerId: '1' }, down))).toMatchObject(
      {
        kind: 'retryable',
      },
    );
  });

  it('sets 30 metafields in two calls of at most 25', async () => {
    const metafields = Array.from({ length: 30 }, (_, i) => ({
      namespace: 'braid',
      key: `field_${i}`,
      type: 'number_integer',
      value: String(i),
    }));
    const out = (await h.invoke('setMetafields', {
      ownerId: '5820982911946154508',
      metafields,
    })) as {
      metafields: unknown[];
      batches: number;
    };
    expect(out.batches).toBe(2);
    expect(out.metafields).toHaveLength(30);
    expect(graphqlCalls(h)).toBe(2);
    expect(h.sandbox.store.metafields).toHaveLength(30);
  });

  it('reports a bad metafield in a later batch with its index in the step input', async () => {
    const metafields = Array.from({ length: 27 }, (_, i) => ({
      namespace: 'braid',
      key: `field_${i}`,
      type: 'number_integer',
      value: i === 26 ? 'twenty-six' : String(i),
    }));
    const err = await failureOf(() =>
      h.invoke('setMetafields', { ownerId: '5820982911946154508', metafields }),
    );
    expect(err).toMatchObject({
      code: 'SHOPIFY_USER_ERROR',
      details: { field: ['metafields', '26', 'value'], path: 'metafields.26.value' },
    });
    expect(h.sandbox.store.metafields).toHaveLength(25);
  });

  it('replaces the note and appends tags', async () => {
    await h.invoke('updateOrderNote', { orderId: '5820982911946154508', note: 'first' });
    const note = await h.invoke('updateOrderNote', {
      orderId: '5820982911946154508',
      note: 'second',
    });
    expect(note).toMatchObject({ note: 'second' });
    await h.invoke('addTags', { orderId: '5820982911946154508', tags: ['wholesale'] });
    const tags = await h.invoke('addTags', {
      orderId: '5820982911946154508',
      tags: ['paytrace-paid', 'wholesale'],
    });
    expect(tags).toEqual({
      orderId: 'gid://shopify/Order/5820982911946154508',
      tags: ['paytrace-paid', 'wholesale'],
    });
    expect(order(h, '5820982911946154508')).toMatchObject({
      note: 'second',
      tags: 'paytrace-paid, wholesale',
    });
  });

  it('creates a risk assessment', async () => {
    const input = {
      orderId: '5820982911946154508',
      riskLevel: 'HIGH',
      facts: [{ description: 'AVS mismatch', sentiment: 'NEGATIVE' }],
    };
    expect(await h.invoke('createRiskAssessment', input)).toEqual({
      orderId: 'gid://shopify/Order/5820982911946154508',
      riskLevel: 'high',
      facts: [{ description: 'AVS mismatch', sentiment: 'negative' }],
    });
    expect(h.sandbox.store.risks).toHaveLength(1);
  });

  it('captures an authorization, then refunds part of it', async () => {
    const before = (await h.invoke('getOrder', { orderId: '5820982911946154600' })) as {
      financialStatus: string;
      transactions: { id: string; kind: string }[];
      lineItems: { id: string }[];
    };
    expect(before.financialStatus).toBe('authorized');
    const auth = before.transactions.find((t) => t.kind === 'authorization');
    const tooMuch = await failureOf(() =>
      h.invoke('captureOrder', {
        orderId: '5820982911946154600',
        parentTransactionId: auth!.id,
        amount: '100.00',
      }),
    );
    expect(tooMuch).toMatchObject({ code: 'SHOPIFY_USER_ERROR', details: { field: ['amount'] } });
    const capture = await h.invoke('captureOrder', {
      orderId: '5820982911946154600',
      parentTransactionId: auth!.id,
      amount: '64.80',
    });
    expect(capture).toMatchObject({ kind: 'capture', status: 'success', financialStatus: 'paid' });
    const refund = await h.invoke('createRefund', {
      orderId: '5820982911946154600',
      note: 'Damaged in transit',
      refundLineItems: [{ lineItemId: before.lineItems[0]!.id, quantity: 1 }],
      transactions: [{ amount: '27.00', gateway: 'manual' }],
    });
    expect(refund).toMatchObject({
      totalRefunded: { amount: '27.0', currencyCode: 'USD' },
      note: 'Damaged in transit',
    });
    expect(order(h, '5820982911946154600').financial_status).toBe('partially_refunded');
    const over = await failureOf(() =>
      h.invoke('createRefund', {
        orderId: '5820982911946154600',
        transactions: [{ amount: '50.00', gateway: 'manual' }],
      }),
    );
    expect(over).toMatchObject({
      code: 'SHOPIFY_USER_ERROR',
      details: { path: 'transactions.0.amount' },
    });
  });

  it('reads a customer', async () => {
    expect(await h.invoke('getCustomer', { customerId: '115310627314723954' })).toMatchObject({
      id: 'gid://shopify/Customer/115310627314723954',
      legacyId: '115310627314723954',
      email: 'ada@example.com',
      tags: ['vip'],
      numberOfOrders: '0',
      defaultAddress: { city: 'Ottawa', countryCodeV2: 'CA' },
    });
  });
});
