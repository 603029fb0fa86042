import type { SandboxResponse } from '../../sandbox/server.js';
import { formatUsDateTime } from '../dates.js';
import { fromMills } from '../money.js';
import { optionalString, transactionIdOf, type PayTraceHandler, type SandboxEnv } from './env.js';
import { errors, json, ok, parseRequestDate } from './responses.js';
import { Money, type SandboxChargeback, type SandboxTransaction } from './store.js';

const DAY_MS = 86_400_000;
const DONE = 'Your request has been successfully completed.';

function range(body: Record<string, unknown>): { from: number; to: number } | undefined {
  const from = parseRequestDate(body.start_date);
  const to = parseRequestDate(body.end_date);
  return from === undefined || to === undefined || to < from
    ? undefined
    : { from, to: to + DAY_MS };
}

/** `transactions/export/by_id`. */
export const exportByIdHandler: PayTraceHandler = (body, env) => {
  const id = transactionIdOf(body.transaction_id);
  if (id === undefined) return errors(env.policy, ['58']);
  const tx = env.store.transactions.get(id);
  if (!tx) return errors(env.policy, ['811']);
  return ok({
    success: true,
    response_code: 1,
    status_message: DONE,
    transactions: [env.store.exportView(tx)],
  });
};

/**
 * `transactions/export/by_date_range`: inclusive days (UTC), optional `transaction_id`,
 * `transaction_type` and `customer_id` filters. Like the API, it has no `invoice_id` filter.
 */
export const exportByDateRangeHandler: PayTraceHandler = (body, env) => {
  const r = range(body);
  if (!r) return errors(env.policy, ['900']);
  const id = transactionIdOf(body.transaction_id);
  const type = optionalString(body.transaction_type)?.toUpperCase();
  const customerId = optionalString(body.customer_id);
  const list = [...env.store.transactions.values()].filter(
    (tx) =>
      tx.createdAt >= r.from &&
      tx.createdAt < r.to &&
      (id === undefined || tx.id === id) &&
      (type === undefined || tx.type === type) &&
      (customerId === undefined || tx.customerId === customerId),
  );
  return ok({
    success: true,
    response_code: 1,
    status_message: DONE,
    transactions: list.map((tx) => env.store.exportView(tx)),
  });
};

function summary(
  number: number,
  createdAt: number,
  txs: SandboxTransaction[],
): Record<string, unknown> {
  const sales = txs.filter((t) => t.type !== 'REFUND');
  const refunds = txs.filter((t) => t.type === 'REFUND');
  const total = (list: SandboxTransaction[]): number => list.reduce((s, t) => s + t.amountMills, 0);
  return {
    batch_number: number,
    created: { at: formatUsDateTime(createdAt) },
    transaction_count: txs.length,
    sales_count: sales.length,
    sales_amount: new Money(total(sales)),
    refund_count: refunds.length,
    refund_amount: new Money(total(refunds)),
    net_amount: new Money(total(sales) - total(refunds)),
  };
}

function batchTransactions(env: SandboxEnv, ids: number[]): SandboxTransaction[] {
  return ids.flatMap((id) => {
    const tx = env.store.transactions.get(id);
    return tx ? [tx] : [];
  });
}

/** `batches/export` (path from third-party clients; shape unconfirmed). */
export const exportBatchesHandler: PayTraceHandler = (body, env) => {
  const r = range(body);
  if (!r) return errors(env.policy, ['900']);
  const batches = env.store.batches.filter((b) => b.createdAt >= r.from && b.createdAt < r.to);
  return ok({
    success: true,
    response_code: 1,
    status_message: DONE,
    batches: batches.map((b) =>
      summary(b.number, b.createdAt, batchTransactions(env, b.transactionIds)),
    ),
  });
};

/** `batches/transaction_list`: the transactions of one batch. */
export const batchTransactionsHandler: PayTraceHandler = (body, env) => {
  const batch = env.store.batches.find((b) => b.number === Number(body.batch_number));
  return ok({
    success: true,
    response_code: 1,
    status_message: DONE,
    transactions: batch
      ? batchTransactions(env, batch.transactionIds).map((tx) => env.store.exportView(tx))
      : [],
  });
};

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function chargebackView(cb: SandboxChargeback, env: SandboxEnv): Record<string, unknown> {
  const tx = env.store.transactions.get(cb.transactionId);
  return {
    case_number: cb.caseNumber,
    transaction_id: cb.transactionId,
    invoice_id: tx?.invoiceId ?? '',
    amount: fromMills(cb.amountMills),
    currency: 'USD',
    reason_code: cb.reasonCode,
    reason: cb.reason,
    state: cb.state,
    received_date: isoDay(cb.receivedAt),
    reply_by_date: isoDay(cb.receivedAt + 10 * DAY_MS),
  };
}

/**
 * `GET /disputes/v1/chargebacks?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD[&state=open]`: the
 * processor's dispute list. The shape is unconfirmed (PayTrace documents no dispute API).
 */
export function listChargebacks(query: URLSearchParams, env: SandboxEnv): SandboxResponse {
  const parse = (v: string | null): number | undefined =>
    v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : undefined;
  const from = parse(query.get('start_date'));
  const to = parse(query.get('end_date'));
  if (from === undefined || to === undefined) {
    return json(400, {
      error: 'invalid_request',
      error_description: 'start_date and end_date (YYYY-MM-DD) are required',
    });
  }
  const state = query.get('state');
  const list = env.store.chargebacks.filter(
    (cb) => cb.receivedAt >= from && cb.receivedAt < to + DAY_MS && (!state || cb.state === state),
  );
  return json(200, { chargebacks: list.map((cb) => chargebackView(cb, env)), count: list.length });
}
