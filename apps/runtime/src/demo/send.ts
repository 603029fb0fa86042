// `pnpm demo`: sends signed Shopify webhooks to the runtime `pnpm start` runs — three new orders
// (approved, declined, yen) and then a partial refund — and follows the runs to the end.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { encryptForPayTraceSandbox } from '@braid/connectors';
import {
  buildCustomer,
  buildOrder,
  buildRefund,
  sendWebhook,
  startShopifyIdsAt,
} from '@braid/connectors/sandbox';
import type { DemoState } from './main.js';

type Rec = Record<string, unknown>;
const clock = { now: () => Date.now() };
const dataDir = process.env.BRAID_DATA_DIR ?? '.braid';

function loadState(): DemoState {
  const file = path.resolve(dataDir, 'demo.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoState;
  } catch {
    process.stderr.write(`no ${file}: start Braid first with \`pnpm start\`\n`);
    process.exit(1);
  }
}

const state = loadState();

async function call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Rec> {
  const res = await request(url, {
    method,
    headers: {
      authorization: `Bearer ${state.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode >= 400)
    throw new Error(`${method} ${url} answered ${res.statusCode}: ${text}`);
  return (text ? JSON.parse(text) : {}) as Rec;
}

function orderWithCard(options: Parameters<typeof buildOrder>[0]): Rec {
  const order = buildOrder(options);
  order.note_attributes = [
    { name: 'paytrace_encrypted_number', value: encryptForPayTraceSandbox('4012000098765439') },
    { name: 'paytrace_expiration_month', value: '12' },
    { name: 'paytrace_expiration_year', value: '2030' },
  ];
  return order;
}

async function deliver(flowId: string, topic: string, payload: Rec): Promise<void> {
  const report = await sendWebhook({
    url: `${state.runtimeUrl}/hooks/${flowId}`,
    topic,
    payload,
    secret: state.webhookSecret,
    shopDomain: state.shopDomain,
    clock,
    retries: 3,
    baseDelayMs: 200,
  });
  const status = report.deliveries[0]?.attempts.at(-1)?.status;
  process.stdout.write(
    `  ${topic} ${String(payload.name ?? payload.id)} → HTTP ${String(status)}\n`,
  );
}

async function follow(flowId: string, count: number): Promise<Rec[]> {
  const terminal = new Set(['succeeded', 'failed', 'dead_letter', 'cancelled']);
  let shown = -1;
  for (let i = 0; i < 600; i += 1) {
    const { runs } = (await call(
      'GET',
      `${state.runtimeUrl}/api/v1/runs?flowId=${flowId}&limit=${count}`,
    )) as {
      runs: Rec[];
    };
    const done = runs.filter((r) => terminal.has(String(r.status))).length;
    if (done !== shown) {
      process.stdout.write(
        `${process.stdout.isTTY ? '\r' : '\n'}  ${flowId}: ${done}/${count} runs finished`,
      );
      shown = done;
    }
    if (runs.length >= count && done >= count) {
      process.stdout.write('\n');
      return runs;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${flowId}: runs did not finish within two minutes (a dead-lettered run for the same order holds later ones back: see the runs API)`,
  );
}

async function main(): Promise<void> {
  // Fresh ids on every run: the sandbox keeps what earlier runs sent.
  startShopifyIdsAt(6_000_000_000_000_000_000n + BigInt(Date.now()) * 1000n);
  const customer = buildCustomer({ email: 'ada@example.com' });
  // Order numbers from the clock, so running the demo again makes new orders, not repeats.
  const base = 10_000 + (Math.floor(Date.now() / 1000) % 1_000_000) * 3;
  const orders = [
    orderWithCard({
      customer,
      orderNumber: base,
      lineItems: [{ title: 'Linen apron', price: '27.00', quantity: 2 }],
    }),
    orderWithCard({
      orderNumber: base + 1,
      lineItems: [{ title: 'Sample (declines)', price: '0.29' }],
      shipping: null,
    }),
    orderWithCard({
      currency: 'JPY',
      orderNumber: base + 2,
      lineItems: [{ title: 'Tenugui', price: '1200' }],
      shipping: { title: 'Post', price: '800' },
    }),
  ];
  await call('POST', `${state.sandboxes.shopify}/__sandbox/seed`, {
    orders,
    customers: [customer],
  });
  process.stdout.write('Sending orders/create for three orders (approved USD, declined, JPY)\n');
  for (const order of orders) await deliver('order-payment-sync', 'orders/create', order);
  const runs = await follow('order-payment-sync', orders.length);
  for (const r of runs) {
    const error = r.error as { code?: string; message?: string } | null;
    const why = error ? ` — ${String(error.code)}: ${String(error.message)}` : '';
    process.stdout.write(`  ${String(r.reference)}: ${String(r.status)}${why}\n`);
  }
  process.stdout.write('Settling PayTrace, then refunding one apron of the first order\n');
  await call('POST', `${state.sandboxes.paytrace}/__paytrace/settle`, {});
  const first = orders[0] as Rec;
  const refund = buildRefund({
    order: first,
    lineItems: [{ lineItemId: String(((first.line_items as Rec[])[0] as Rec).id), quantity: 1 }],
  });
  await deliver('refund-sync', 'refunds/create', refund);
  await follow('refund-sync', 1);
  process.stdout.write(
    [
      '',
      'Look around:',
      `  runs:      curl -s -H "authorization: Bearer ${state.apiKey}" ${state.runtimeUrl}/api/v1/runs`,
      `  timeline:  curl -s -H "authorization: Bearer ${state.apiKey}" ${state.runtimeUrl}/api/v1/runs/${String(runs[0]?.id)}/timeline.svg > run.svg`,
      `  Shopify:   ${state.sandboxes.shopify}/__sandbox/state`,
      `  PayTrace:  ${state.sandboxes.paytrace}/__sandbox/state`,
      `  ERP:       ${state.sandboxes.qbo}/__sandbox/state`,
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
