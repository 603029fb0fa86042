import { encryptForPayTraceSandbox } from '@braid/connectors';
import { buildCustomer } from '@braid/connectors/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../test-support/stack.js';

type Rec = Record<string, unknown>;
const FLOW = 'customer-vault-sync';

describe('template: customer vault sync (golden, through real sandboxes)', () => {
  let s: Stack;

  beforeAll(async () => {
    s = await startStack();
    await s.install(FLOW);
  });
  afterAll(async () => {
    await s?.close();
  });

  const vault = (id: string): Rec | undefined =>
    (s.sandboxes.paytrace.sandbox.state() as unknown as { customers: Rec[] }).customers.find(
      (c) => c.customerId === id,
    );
  const metafield = (customerId: string): unknown =>
    (
      (s.sandboxes.shopify.sandbox.state?.() as { metafields?: Rec[] } | undefined)?.metafields ??
      []
    ).find(
      (m) =>
        JSON.stringify(m.ownerId ?? m.owner_id).includes(`Customer/${customerId}`) &&
        m.namespace === 'paytrace' &&
        m.key === 'customer_vault_id',
    );

  async function deliver(topic: string, customer: Rec): Promise<Rec> {
    const before = (await s.runs(FLOW)).length;
    await s.shopifyWebhook(FLOW, topic, customer);
    const runs = await s.settle(FLOW, before + 1);
    return s.h.waitForRun(runs.at(-1)!.id, [runs.at(-1)!.status]);
  }

  it('creates the vault customer from the encrypted card, writes the id back, then follows updates', async () => {
    const customer = buildCustomer({
      email: 'grace@example.com',
      firstName: 'Grace',
      lastName: 'Hopper',
    });
    const id = String(customer.id);
    s.sandboxes.shopify.sandbox.store.seed({ customers: [customer] });
    const card = [
      {
        namespace: 'paytrace',
        key: 'encrypted_number',
        value: encryptForPayTraceSandbox('5499740000000057'),
      },
      { namespace: 'paytrace', key: 'expiration_month', value: '09' },
      { namespace: 'paytrace', key: 'expiration_year', value: '2031' },
    ];
    const created = await deliver('customers/create', { ...customer, metafields: card });
    expect(created.status).toBe('succeeded');
    expect(created.output).toEqual({ vaultId: `shopify-${id}`, action: 'created' });
    expect(vault(`shopify-${id}`)).toMatchObject({
      email: 'grace@example.com',
      maskedCardNumber: 'xxxxxxxxxxxx0057',
    });
    expect(metafield(id)).toMatchObject({ value: `shopify-${id}` });
    expect(JSON.stringify(s.sandboxes.paytrace.sandbox.state())).not.toContain('5499740000000057');

    // Shopify sends customers/update for the metafield write too: it must settle, not loop.
    const updated = await deliver('customers/update', {
      ...customer,
      email: 'grace.hopper@example.com',
      metafields: [{ namespace: 'paytrace', key: 'customer_vault_id', value: `shopify-${id}` }],
    });
    expect(updated.output).toEqual({ vaultId: `shopify-${id}`, action: 'updated' });
    expect(vault(`shopify-${id}`)).toMatchObject({ email: 'grace.hopper@example.com' });
    const writes = (
      await s.h.sql<{ n: number }>(
        `select count(*)::int as n from step_records s join runs r on r.id = s.run_id
       where r.flow_id = $1 and s.node_id = 'writeBack' and s.status = 'succeeded'`,
        [FLOW],
      )
    )[0]?.n;
    expect(writes).toBe(1);
  });

  it('waits for a card when a new customer has none, creating nothing', async () => {
    const customer = buildCustomer({ email: 'no.card@example.com' });
    s.sandboxes.shopify.sandbox.store.seed({ customers: [customer] });
    const run = await deliver('customers/create', customer);
    expect(run.output).toEqual({ vaultId: null, action: 'waiting-for-card' });
    expect(vault(`shopify-${String(customer.id)}`)).toBeUndefined();
  });
});
