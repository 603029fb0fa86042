import { randomBytes } from 'node:crypto';
import type { SandboxRequest, SandboxResponse, SandboxRoute } from '../../sandbox/server.js';
import { readKeyedCard, MISMATCH_CSC } from './card-intake.js';
import { scalar } from './env.js';
import { json, parseAmount } from './responses.js';
import type { PayTraceStore, SandboxChargeback } from './store.js';

/** A card typed into PayTrace's hosted fields (test data only). */
export interface HostedFieldsCard {
  number: string;
  expirationMonth: string;
  expirationYear: string;
  csc?: string;
}

/** Input of addChargeback. */
export interface ChargebackInput {
  transactionId: number;
  amount?: string;
  state?: SandboxChargeback['state'];
  reasonCode?: string;
  reason?: string;
}

/** Parses a request body as a JSON object (undefined when it is not one). */
export function parseJsonObject(req: SandboxRequest): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(req.rawBody.toString('utf8')) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Issues the one-time `hpf_token` + `enc_key` hosted fields would give the browser. */
export function issueHostedFieldsToken(
  store: PayTraceStore,
  card: HostedFieldsCard,
): { hpfToken: string; encKey: string } {
  const intake = readKeyedCard({
    credit_card: {
      number: card.number,
      expiration_month: card.expirationMonth,
      expiration_year: card.expirationYear,
    },
    ...(card.csc ? { csc: card.csc } : {}),
  });
  if (!intake.ok) throw new Error(`invalid card: ${Object.keys(intake.errors).join(', ')}`);
  const hpfToken = `hpf-${randomBytes(16).toString('hex')}`;
  const encKey = `enc-${randomBytes(16).toString('hex')}`;
  store.hostedFields.set(hpfToken, {
    encKey,
    card: intake.card,
    ...(intake.csc !== undefined ? { cscMatches: intake.csc !== MISMATCH_CSC } : {}),
  });
  return { hpfToken, encKey };
}

/** Opens a chargeback on a transaction, or moves an existing one to a new state. */
export function addChargeback(store: PayTraceStore, input: ChargebackInput): string {
  const tx = store.transactions.get(input.transactionId);
  if (!tx) throw new Error(`no transaction ${input.transactionId}`);
  const existing = store.chargebacks.find((c) => c.transactionId === tx.id);
  if (existing) {
    if (input.state) existing.state = input.state;
    return existing.caseNumber;
  }
  const caseNumber = `CB${String(store.chargebacks.length + 1).padStart(8, '0')}`;
  store.chargebacks.push({
    caseNumber,
    transactionId: tx.id,
    amountMills:
      (input.amount !== undefined ? parseAmount(input.amount) : undefined) ?? tx.amountMills,
    reasonCode: input.reasonCode ?? '10.4',
    reason: input.reason ?? 'Other Fraud - Card Absent Environment',
    state: input.state ?? 'open',
    receivedAt: store.clock.now(),
  });
  return caseNumber;
}

/** Loads vault customers: `{customers: [{customer_id, number, expiration_month, expiration_year, ...}]}`. */
export function seedStore(store: PayTraceStore, data: unknown): void {
  const customers = (data as { customers?: unknown[] } | null)?.customers ?? [];
  for (const raw of customers) {
    const c = raw as Record<string, unknown>;
    const intake = readKeyedCard({
      credit_card: {
        number: c.number,
        expiration_month: c.expiration_month,
        expiration_year: c.expiration_year,
      },
    });
    if (!intake.ok || typeof c.customer_id !== 'string')
      throw new Error('seed customers need customer_id, number, expiration_month, expiration_year');
    store.customers.set(c.customer_id, {
      customerId: c.customer_id,
      card: intake.card,
      billingAddress: (c.billing_address ?? {}) as Record<string, unknown>,
      createdAt: store.clock.now(),
      ...(typeof c.email === 'string' ? { email: c.email } : {}),
    });
  }
}

function admin(fn: (body: Record<string, unknown>) => SandboxResponse): SandboxRoute['handler'] {
  return (req) => {
    try {
      return fn(parseJsonObject(req) ?? {});
    } catch (err) {
      return json(400, { error: (err as Error).message });
    }
  };
}

/** Sandbox-only routes under `/__paytrace/` (settle, expire tokens, hosted fields, chargebacks). */
export function adminRoutes(store: PayTraceStore): SandboxRoute[] {
  return [
    {
      method: 'POST',
      pattern: '/__paytrace/settle',
      handler: () => json(200, { batch_number: store.settle() ?? null }),
    },
    {
      method: 'POST',
      pattern: '/__paytrace/expire_tokens',
      handler: () => {
        store.tokens.clear();
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/__paytrace/hpf_token',
      handler: admin((b) => {
        const t = issueHostedFieldsToken(store, {
          number: scalar(b.number),
          expirationMonth: scalar(b.expiration_month),
          expirationYear: scalar(b.expiration_year),
          ...(typeof b.csc === 'string' ? { csc: b.csc } : {}),
        });
        return json(200, { hpf_token: t.hpfToken, enc_key: t.encKey });
      }),
    },
    {
      method: 'POST',
      pattern: '/__paytrace/chargebacks',
      handler: admin((b) => {
        const state =
          b.state === 'pending' || b.state === 'closed' || b.state === 'open' ? b.state : undefined;
        const caseNumber = addChargeback(store, {
          transactionId: Number(b.transaction_id),
          ...(typeof b.amount === 'string' ? { amount: b.amount } : {}),
          ...(state ? { state } : {}),
        });
        return json(200, { case_number: caseNumber });
      }),
    },
  ];
}
