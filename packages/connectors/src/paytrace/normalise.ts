import type { JsonSchema } from '../kit/types.js';
import type { PayTraceBody } from './client.js';
import { parseUsDateTime } from './dates.js';
import { toDecimalString } from './money.js';

/** The result of a card transaction (sale, authorization, capture, void, refund). */
export interface TransactionResult {
  /** PayTrace's `success`: approved, captured, voided or refunded. */
  approved: boolean;
  responseCode: number;
  statusMessage: string;
  transactionId?: string;
  approvalCode?: string;
  /** Processor text, trimmed. */
  approvalMessage?: string;
  /** Why it was not approved (declines only). */
  reason?: string;
  maskedCardNumber?: string;
  avsResponse?: string;
  cscResponse?: string;
  externalTransactionId?: string;
  invoiceId?: string;
  /** True when an earlier attempt's transaction was found by `invoice_id` instead of charging. */
  recovered?: boolean;
}

/** A transaction as exported by PayTrace, normalised. */
export interface ExportedTransaction {
  transactionId: string;
  transactionType: string;
  amount: string;
  approved: boolean;
  settled: boolean;
  /** Whether it was voided (export field `voided`, when PayTrace sends it). */
  voided?: boolean;
  /** Amount refunded against it so far (export field `refunded_amount`), exact. */
  refundedAmount?: string;
  responseCode?: number;
  statusMessage?: string;
  approvalCode?: string;
  approvalMessage?: string;
  avsResponse?: string;
  cscResponse?: string;
  invoiceId?: string;
  customerId?: string;
  maskedCardNumber?: string;
  cardType?: string;
  /** ISO local date-time (PayTrace gives no zone). */
  createdAt?: string;
  /** The date as PayTrace wrote it, e.g. `4/10/2015 8:13:45 PM`. */
  createdAtText?: string;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function trimmed(value: unknown): string | undefined {
  const s = str(value)?.trim();
  return s === undefined || s === '' ? undefined : s;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Normalises a transaction response (approval or decline) into a TransactionResult. */
export function toTransactionResult(body: PayTraceBody): TransactionResult {
  const approved = body.success === true;
  const approvalMessage = trimmed(body.approval_message);
  const statusMessage = trimmed(body.status_message) ?? '';
  return compact({
    approved,
    responseCode: typeof body.response_code === 'number' ? body.response_code : 0,
    statusMessage,
    transactionId: trimmed(body.transaction_id),
    approvalCode: trimmed(body.approval_code),
    approvalMessage,
    reason: approved ? undefined : (approvalMessage ?? statusMessage),
    maskedCardNumber: trimmed(body.masked_card_number),
    avsResponse: trimmed(body.avs_response),
    cscResponse: trimmed(body.csc_response),
    externalTransactionId: trimmed(body.external_transaction_id),
  });
}

// Exports carry no `success`; an approval code (or an approving response code) marks approval.
const APPROVING_CODES = new Set([101, 106, 112]);

/** Normalises one exported transaction; amounts stay exact decimal strings. */
export function toExportedTransaction(t: Record<string, unknown>): ExportedTransaction {
  const created = t.created as Record<string, unknown> | undefined;
  const createdAtText = trimmed(created?.at ?? t.created_at);
  const card = t.credit_card as Record<string, unknown> | undefined;
  const responseCode = typeof t.response_code === 'number' ? t.response_code : undefined;
  const approvalCode = trimmed(t.approval_code);
  return compact({
    transactionId: trimmed(t.transaction_id) ?? '',
    transactionType: trimmed(t.transaction_type) ?? 'UNKNOWN',
    amount: toDecimalString(t.amount) ?? '0.00',
    approved:
      responseCode !== undefined ? APPROVING_CODES.has(responseCode) : approvalCode !== undefined,
    settled: t.settled === true || (typeof t.settled === 'string' && t.settled.trim() !== ''),
    voided: typeof t.voided === 'boolean' ? t.voided : undefined,
    refundedAmount: toDecimalString(t.refunded_amount),
    responseCode,
    statusMessage: trimmed(t.status_message),
    approvalCode,
    approvalMessage: trimmed(t.approval_message),
    avsResponse: trimmed(t.avs_response),
    cscResponse: trimmed(t.csc_response),
    invoiceId: trimmed(t.invoice_id),
    customerId: trimmed(t.customer_id),
    maskedCardNumber: trimmed(card?.masked_number ?? t.masked_card_number),
    cardType: trimmed(card?.type),
    createdAt: createdAtText ? parseUsDateTime(createdAtText) : undefined,
    createdAtText,
  });
}

/** The TransactionResult of a transaction found again in an export. */
export function resultFromExport(t: ExportedTransaction): TransactionResult {
  return compact({
    approved: t.approved,
    responseCode: t.responseCode ?? (t.approved ? 101 : 102),
    statusMessage: t.statusMessage ?? '',
    transactionId: t.transactionId,
    approvalCode: t.approvalCode,
    approvalMessage: t.approvalMessage,
    reason: t.approved ? undefined : (t.approvalMessage ?? t.statusMessage),
    maskedCardNumber: t.maskedCardNumber,
    avsResponse: t.avsResponse,
    cscResponse: t.cscResponse,
    invoiceId: t.invoiceId,
    recovered: true,
  });
}

const s = { type: 'string' } as const;

/** JSON Schema of TransactionResult. */
export const transactionResultSchema: JsonSchema = {
  type: 'object',
  required: ['approved', 'responseCode', 'statusMessage'],
  properties: {
    approved: { type: 'boolean' },
    responseCode: { type: 'integer' },
    statusMessage: s,
    transactionId: s,
    approvalCode: s,
    approvalMessage: s,
    reason: s,
    maskedCardNumber: s,
    avsResponse: s,
    cscResponse: s,
    externalTransactionId: s,
    invoiceId: s,
    recovered: { type: 'boolean' },
  },
};

/** JSON Schema of ExportedTransaction. */
export const exportedTransactionSchema: JsonSchema = {
  type: 'object',
  required: ['transactionId', 'transactionType', 'amount', 'approved', 'settled'],
  properties: {
    transactionId: s,
    transactionType: s,
    amount: { type: 'string', description: 'Exact decimal string, e.g. "10.00".' },
    approved: { type: 'boolean' },
    settled: { type: 'boolean' },
    voided: { type: 'boolean' },
    refundedAmount: { type: 'string', description: 'Exact decimal string refunded so far.' },
    responseCode: { type: 'integer' },
    statusMessage: s,
    approvalCode: s,
    approvalMessage: s,
    avsResponse: s,
    cscResponse: s,
    invoiceId: s,
    customerId: s,
    maskedCardNumber: s,
    cardType: s,
    createdAt: { type: 'string', description: 'ISO local date-time, no zone.' },
    createdAtText: s,
  },
};
