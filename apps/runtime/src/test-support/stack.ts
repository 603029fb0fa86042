import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encryptForPayTraceSandbox } from '@braid/connectors';
import {
  SANDBOX_BINDINGS,
  SANDBOX_CREDENTIALS,
  type SandboxStack,
  type SandboxStackOptions,
  buildCustomer,
  buildOrder,
  sandboxConnections,
  sendWebhook,
  startSandboxStack,
} from '@braid/connectors/sandbox';
import { type Harness, startHarness } from './harness.js';

/** The repository's template folder. */
export const EXAMPLES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../examples',
);

const clock = { now: () => Date.now() };

type Rec = Record<string, unknown>;

/** A runtime wired to the three sandboxes, with the marketplace loaded from `examples/`. */
export interface Stack {
  h: Harness;
  sandboxes: SandboxStack;
  /** Installs and publishes a template bound to the sandbox connections. */
  install(templateId: string, params?: Record<string, unknown>): Promise<void>;
  /** Sends a signed Shopify webhook to a flow, as Shopify would (retries on non-2xx). */
  shopifyWebhook(
    flowId: string,
    topic: string,
    payload: unknown,
    options?: { eventId?: string; duplicates?: number },
  ): Promise<{ eventId: string; statuses: number[] }>;
  /** The PayTrace sandbox's transactions and vault customers (masked cards only). */
  paytrace(): { transactions: Rec[]; customers: Rec[] };
  /** The ERP sandbox's entities by type (Invoice, Payment, CreditMemo, ...). */
  erp(): Record<string, Rec[]>;
  /** Shopify metafields whose owner gid ends with `/<id>`. */
  metafields(ownerId: string): Rec[];
  /** Runs of a flow, oldest first. */
  runs(flowId: string): Promise<{ id: string; status: string; reference: string | null }[]>;
  /** Waits (bounded) until the flow has `count` runs, all in a terminal state. */
  settle(
    flowId: string,
    count: number,
    timeoutMs?: number,
  ): Promise<{ id: string; status: string }[]>;
  close(): Promise<void>;
}

/** Starts sandboxes and a runtime, and creates the sandbox connections through the API. */
export async function startStack(
  options: Partial<SandboxStackOptions> & {
    runtime?: Record<string, unknown>;
    qboRateLimit?: { requestsPerSecond: number; burst: number };
    shopifyRateLimit?: { requestsPerSecond: number; burst: number };
  } = {},
): Promise<Stack> {
  const sandboxes = await startSandboxStack({ clock, ...options });
  let h: Harness | undefined;
  try {
    h = await startHarness({ templatesDir: EXAMPLES_DIR, ...options.runtime });
    const harness = h;
    const conns = sandboxConnections(
      {
        shopify: sandboxes.shopify.server.url,
        paytrace: sandboxes.paytrace.server.url,
        qbo: sandboxes.qbo.server.url,
      },
      {
        ...(options.qboRateLimit ? { qboRateLimit: options.qboRateLimit } : {}),
        ...(options.shopifyRateLimit ? { shopifyRateLimit: options.shopifyRateLimit } : {}),
      },
    );
    for (const c of conns) {
      const res = await harness.api('POST', '/api/v1/connections', c);
      if (res.status !== 201) throw new Error(`connection ${c.id}: ${JSON.stringify(res.body)}`);
    }
    const terminal = ['succeeded', 'failed', 'dead_letter', 'cancelled'];
    const stack: Stack = {
      h: harness,
      sandboxes,
      async install(templateId, params = {}) {
        const preview = await harness.api<{ connections: Record<string, unknown> }>(
          'GET',
          `/api/v1/templates/${templateId}`,
        );
        const bindings = Object.fromEntries(
          Object.keys(preview.body.connections).map((slot) => [
            slot,
            SANDBOX_BINDINGS[slot] ?? slot,
          ]),
        );
        const res = await harness.api('POST', `/api/v1/templates/${templateId}/install`, {
          bindings,
          params,
          publish: true,
        });
        if (res.status !== 201)
          throw new Error(`install ${templateId}: ${JSON.stringify(res.body)}`);
      },
      async shopifyWebhook(flowId, topic, payload, opts = {}) {
        const report = await sendWebhook({
          url: `${harness.rt.url}/hooks/${flowId}`,
          topic,
          payload,
          secret: SANDBOX_CREDENTIALS.shopify.clientSecret,
          shopDomain: SANDBOX_CREDENTIALS.shopify.shopDomain,
          clock,
          eventId: opts.eventId ?? randomUUID(),
          duplicates: opts.duplicates ?? 0,
          retries: 3,
          baseDelayMs: 20,
        });
        return {
          eventId: report.eventId,
          statuses: report.deliveries.map((d) => d.attempts.at(-1)?.status ?? 0),
        };
      },
      paytrace: () =>
        sandboxes.paytrace.sandbox.state() as unknown as ReturnType<Stack['paytrace']>,
      erp: () => {
        const realms: Record<string, Record<string, Rec[]>> = sandboxes.qbo.sandbox.state();
        return Object.values(realms)[0] ?? {};
      },
      metafields: (ownerId) =>
        (
          (sandboxes.shopify.sandbox.state?.() as { metafields?: Rec[] } | undefined)?.metafields ??
          []
        ).filter((m) => JSON.stringify(m.ownerId ?? m.owner_id ?? '').endsWith(`/${ownerId}"`)),
      runs: (flowId) =>
        harness.sql(`select id, status, reference from runs where flow_id = $1 order by seq`, [
          flowId,
        ]),
      async settle(flowId, count, timeoutMs = 30_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const runs = await stack.runs(flowId);
          if (runs.length >= count && runs.every((r) => terminal.includes(r.status))) return runs;
          if (Date.now() > deadline) {
            const open = runs.filter((r) => !terminal.includes(r.status)).length;
            throw new Error(`${flowId}: ${runs.length}/${count} runs, ${open} still open`);
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      async close() {
        await harness.close();
        await sandboxes.close();
      },
    };
    return stack;
  } catch (err) {
    await h?.close();
    await sandboxes.close();
    throw err;
  }
}

/**
 * An `orders/create` payload for a customer whose card arrives encrypted from the checkout
 * (PayTrace client-side encryption), seeded into the Shopify sandbox so the flow can update it.
 */
export function newOrder(
  stack: Stack,
  options: {
    currency?: string;
    lineItems?: { title: string; price: string; quantity?: number; taxRate?: number }[];
    shipping?: { title: string; price: string } | null;
    discount?: { code: string; amount: string } | null;
    card?: string;
    vaultCustomerId?: string;
    customerId?: string;
  } = {},
): Record<string, unknown> {
  const customer = buildCustomer({
    currency: options.currency ?? 'USD',
    ...(options.customerId ? { id: options.customerId } : {}),
  });
  const order = buildOrder({
    currency: options.currency ?? 'USD',
    customer,
    ...(options.lineItems ? { lineItems: options.lineItems } : {}),
    ...(options.shipping !== undefined ? { shipping: options.shipping } : {}),
    ...(options.discount !== undefined ? { discount: options.discount } : {}),
  }) as Record<string, unknown>;
  const attributes: { name: string; value: string }[] = [];
  if (options.vaultCustomerId) {
    attributes.push({ name: 'paytrace_customer_id', value: options.vaultCustomerId });
  } else {
    attributes.push(
      {
        name: 'paytrace_encrypted_number',
        value: encryptForPayTraceSandbox(options.card ?? '4012000098765439'),
      },
      { name: 'paytrace_expiration_month', value: '12' },
      { name: 'paytrace_expiration_year', value: '2030' },
    );
  }
  order.note_attributes = attributes;
  stack.sandboxes.shopify.sandbox.store.seed({ orders: [order], customers: [customer] });
  return order;
}
