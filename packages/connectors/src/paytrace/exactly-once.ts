import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../kit/types.js';
import { callPayTrace, type CallOptions } from './client.js';
import { aroundToday } from './dates.js';
import { sameAmount } from './money.js';
import {
  resultFromExport,
  toExportedTransaction,
  toTransactionResult,
  type TransactionResult,
} from './normalise.js';

/**
 * PayTrace's `invoice_id` holds at most 50 characters (the engine's idempotency keys are at most
 * 50 as well, see ADR 0003), so a default taken from the key is never cut in practice.
 */
export const INVOICE_ID_MAX = 50;

/** A charge to send exactly once. */
export interface ChargeSpec {
  path: string;
  body: Record<string, unknown>;
  invoiceId: string;
  /** The `transaction_type` the charge shows in exports. */
  transactionType: 'SALE' | 'AUTHORIZATION' | 'REFUND';
  /** When known, an existing transaction must have this amount to count as the same charge. */
  amount?: string;
  customerId?: string;
}

/** The `invoice_id` to send: the input's, else the step's idempotency key (cut to 50). */
export function invoiceIdFor(invoiceId: string | undefined, ctx: ConnectorContext): string {
  return (invoiceId ?? ctx.idempotencyKey).slice(0, INVOICE_ID_MAX);
}

/**
 * Sends a charge at most once per invoice id. PayTrace has no idempotency keys, so every attempt
 * after the first looks the charge up by `invoice_id` before sending, and a call whose answer
 * was lost (reset, timeout, abort after sending) is looked up at once instead of being guessed.
 */
export async function chargeOnce(
  ctx: ConnectorContext,
  spec: ChargeSpec,
): Promise<TransactionResult> {
  if (ctx.attempt > 1) {
    const existing = await findCharge(ctx, spec);
    if (existing) {
      ctx.logger.info(
        {
          connectorId: 'paytrace',
          flowId: ctx.flowId,
          runId: ctx.runId,
          nodeId: ctx.nodeId,
          attempt: ctx.attempt,
        },
        'found an earlier attempt of this charge by invoice_id; not charging again',
      );
      return existing;
    }
  }
  try {
    const body = await callPayTrace(ctx, spec.path, { ...spec.body, invoice_id: spec.invoiceId });
    return { ...toTransactionResult(body), invoiceId: spec.invoiceId };
  } catch (err) {
    if (!(err instanceof StepFailure) || err.details?.outcomeUnknown !== true) throw err;
    const aborted = ctx.signal.aborted;
    let existing: TransactionResult | undefined;
    try {
      existing = await findCharge(ctx, spec, aborted ? { signal: null, timeoutMs: 10_000 } : {});
    } catch {
      throw err; // the next attempt looks again before sending
    }
    if (existing) return existing;
    throw err;
  }
}

/** Looks a charge up in yesterday..tomorrow's transactions by invoice id, type and amount. */
export async function findCharge(
  ctx: ConnectorContext,
  spec: ChargeSpec,
  options: CallOptions = {},
): Promise<TransactionResult | undefined> {
  const body = await callPayTrace(
    ctx,
    'transactions/export/by_date_range',
    {
      ...aroundToday(ctx.clock.now()),
      ...(spec.customerId ? { customer_id: spec.customerId } : {}),
    },
    options,
  );
  const list = Array.isArray(body.transactions) ? (body.transactions as unknown[]) : [];
  // The API has no invoice filter: filter here, and prefer the newest match.
  const matches = list
    .filter((t): t is Record<string, unknown> => t !== null && typeof t === 'object')
    .map(toExportedTransaction)
    .filter(
      (t) =>
        t.invoiceId === spec.invoiceId &&
        t.transactionType.toUpperCase() === spec.transactionType &&
        (spec.amount === undefined || sameAmount(t.amount, spec.amount)),
    )
    .sort((a, b) => compareIds(b.transactionId, a.transactionId));
  const match = matches[0];
  return match ? resultFromExport(match) : undefined;
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
