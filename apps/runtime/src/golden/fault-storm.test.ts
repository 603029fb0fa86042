import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, newOrder, startStack } from '../test-support/stack.js';

type Rec = Record<string, unknown>;
const FLOW = 'order-payment-sync';
const ORDERS = 500;

// Each sandbox fails about one request in five: a 429, a 503, a request that never gets an
// answer, or one whose effect happens but whose answer is lost. The rules are tried in order,
// so the probabilities compound to ~20 % of all calls.
const STORM = [
  { status: 429, retryAfterSeconds: 0, probability: 0.05 },
  { status: 503, probability: 0.0527 },
  { timeout: true, probability: 0.0556 },
  { lostResponse: true, probability: 0.0589 },
];

describe('500 orders through a 20 % fault storm on Shopify, PayTrace and the ERP', () => {
  let s: Stack;

  beforeAll(async () => {
    s = await startStack({
      qboLimits: { perSecond: 5000, perMinute: 300_000 },
      qboRateLimit: { requestsPerSecond: 5000, burst: 500 },
      // The test shop's limits are raised on both sides (sandbox and connection), as for a
      // Shopify Plus store: the storm, not the client-side limiter, is what this test is about.
      shopifyRateLimit: { requestsPerSecond: 5000, burst: 500 },
      shopifyRestoreRate: 1_000_000,
      // Runtime, sandboxes and this test share one process and two cores: fifty runs at a time
      // keep the sandboxes answering in time while the storm rages.
      runtime: { workerConcurrency: 50 },
    });
    await s.install(FLOW);
    // As an analyst would tune an installed draft for a test shop: short step timeouts and
    // quick, plentiful retries.
    const flow = await s.h.api<{ draft: { nodes: Rec[] } }>('GET', `/api/v1/flows/${FLOW}`);
    const draft = flow.body.draft;
    for (const node of draft.nodes) {
      if (node.type !== 'action') continue;
      node.timeoutMs = 5000;
      node.retry = { attempts: 14, backoff: 'exponential', initialDelayMs: 50, maxDelayMs: 1000 };
    }
    expect((await s.h.api('PUT', `/api/v1/flows/${FLOW}`, draft)).status).toBe(200);
    expect((await s.h.api('POST', `/api/v1/flows/${FLOW}/publish`)).status).toBe(201);
    for (const sandbox of [s.sandboxes.shopify, s.sandboxes.paytrace, s.sandboxes.qbo]) {
      sandbox.server.faults.add({ rules: STORM });
    }
  }, 60_000);

  afterAll(async () => {
    await s?.close();
  });

  it('charges, marks paid and books every order exactly once', async () => {
    const orders: Rec[] = [];
    for (let i = 0; i < ORDERS; i += 1) {
      orders.push(
        newOrder(s, { lineItems: [{ title: `Item ${i}`, price: `${10 + (i % 90)}.25` }] }),
      );
    }
    for (let i = 0; i < ORDERS; i += 25) {
      await Promise.all(
        orders.slice(i, i + 25).map((o) => s.shopifyWebhook(FLOW, 'orders/create', o)),
      );
    }
    const runs = await s.settle(FLOW, ORDERS, 240_000);
    expect(runs).toHaveLength(ORDERS);
    const statuses = runs.reduce<Record<string, number>>((acc, r) => {
      acc[r.status] = (acc[r.status] ?? 0) + 1;
      return acc;
    }, {});
    if (statuses.dead_letter) {
      // Say why, so a failure here is diagnosable from the CI log alone.
      const why = await s.h.sql(
        `select error->>'code' as code, count(*)::int as n from runs
         where flow_id = $1 and status = 'dead_letter' group by 1 order by 2 desc`,
        [FLOW],
      );
      const attempts = await s.h.sql(
        `select node_id, attempt, status, error->>'code' as code, error->>'message' as message,
                started_at, finished_at
         from step_records where run_id = (
           select id from runs where flow_id = $1 and status = 'dead_letter' limit 1)
         order by started_at`,
        [FLOW],
      );
      expect({ why, attempts }).toEqual({ why: [], attempts: [] });
    }
    expect(statuses).toEqual({ succeeded: ORDERS });

    const refs = new Set(orders.map((o) => String(o.name).replace('#', '')));
    const injected = [s.sandboxes.shopify, s.sandboxes.paytrace, s.sandboxes.qbo].map(
      (x) => x.server.requests().filter((r) => r.status === 429 || r.status === 503).length,
    );
    expect(Math.min(...injected)).toBeGreaterThan(50);

    const charges = (
      s.sandboxes.paytrace.sandbox.state() as unknown as { transactions: Rec[] }
    ).transactions.filter((t) => t.type === 'SALE' && refs.has(String(t.invoiceId)));
    expect(charges).toHaveLength(ORDERS);
    expect(new Set(charges.map((t) => t.invoiceId)).size).toBe(ORDERS);

    const paid = orders.filter(
      (o) =>
        s.sandboxes.shopify.sandbox.store.orders.get(String(o.id))?.financial_status === 'paid',
    );
    expect(paid).toHaveLength(ORDERS);

    const realms: Record<string, Record<string, Rec[]>> = s.sandboxes.qbo.sandbox.state();
    const erp = Object.values(realms)[0] ?? {};
    const invoices = (erp.Invoice ?? []).filter((i) =>
      refs.has(String(i.DocNumber).replace('SH-', '')),
    );
    expect(invoices).toHaveLength(ORDERS);
    expect(invoices.every((i) => i.Balance === 0)).toBe(true);
    const ids = new Set(invoices.map((i) => String(i.Id)));
    const linked = (erp.Payment ?? []).flatMap((p) =>
      ((p.Line as Rec[] | undefined) ?? []).flatMap((l) =>
        ((l.LinkedTxn as Rec[] | undefined) ?? []).map((t) => String(t.TxnId)),
      ),
    );
    const payments = linked.filter((id) => ids.has(id));
    expect(payments).toHaveLength(ORDERS);
    expect(new Set(payments).size).toBe(ORDERS);
  }, 300_000);
});
