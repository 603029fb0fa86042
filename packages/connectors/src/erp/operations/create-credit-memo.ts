import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { field, QboClient, type QboObject } from '../client.js';
import { JsonDecimal } from '../json-exact.js';
import { formatMills, normaliseMoney, toMills } from '../money.js';
import {
  type CustomFieldInput,
  customFieldsSchema,
  dateSchema,
  type EntitySummary,
  moneySchema,
  type SalesLineInput,
  salesLinesSchema,
  summarise,
  summarySchema,
  salesFormFields,
} from './shared.js';

/** Input of `qbo.createCreditMemo`. */
export interface CreateCreditMemoInput {
  customerId: string;
  lines: SalesLineInput[];
  docNumber?: string;
  txnDate?: string;
  /** ISO currency of the memo (multicurrency companies); the customer's when omitted. */
  currency?: string;
  privateNote?: string;
  customFields?: CustomFieldInput[];
  /** Applies the credit to this invoice (a zero-amount Payment linking both). */
  applyToInvoiceId?: string;
}

/** Output of `qbo.createCreditMemo`. */
export interface CreateCreditMemoOutput extends EntitySummary {
  appliedAmt?: string;
  applicationPaymentId?: string;
}

function balanceOf(entity: QboObject): bigint {
  return toMills(field(entity, 'Balance') ?? '0');
}

async function run(
  input: CreateCreditMemoInput,
  ctx: ConnectorContext,
): Promise<CreateCreditMemoOutput> {
  const qbo = new QboClient(ctx);
  const memo = await qbo.write('CreditMemo', salesFormFields(input), qbo.requestId());
  if (!input.applyToInvoiceId) return summarise(memo);
  const memoId = summarise(memo).id;
  // QuickBooks applies a credit through a Payment whose lines link the invoice and the memo.
  const invoice = await qbo.read('Invoice', input.applyToInvoiceId);
  const current = await qbo.read('CreditMemo', memoId);
  const credit = balanceOf(current);
  const open = balanceOf(invoice);
  const amount = credit < open ? credit : open;
  if (amount === 0n && !hasPayments(current)) {
    return { ...summarise(current), appliedAmt: formatMills(0n) };
  }
  // On a repeated step the requestid replays the original application, whatever the amount.
  const applied = new JsonDecimal(formatMills(amount));
  const payment = await qbo.write(
    'Payment',
    {
      CustomerRef: { value: input.customerId },
      TotalAmt: new JsonDecimal('0'),
      Line: [
        { Amount: applied, LinkedTxn: [{ TxnId: input.applyToInvoiceId, TxnType: 'Invoice' }] },
        { Amount: applied, LinkedTxn: [{ TxnId: memoId, TxnType: 'CreditMemo' }] },
      ],
    },
    qbo.requestId('apply'),
  );
  return {
    ...summarise(await qbo.read('CreditMemo', memoId)),
    appliedAmt: appliedTo(payment, memoId),
    applicationPaymentId: summarise(payment).id,
  };
}

function hasPayments(entity: QboObject): boolean {
  const linked = Array.isArray(entity.LinkedTxn) ? (entity.LinkedTxn as QboObject[]) : [];
  return linked.some((t) => t.TxnType === 'Payment');
}

// The amount the payment really applied to the memo (a replayed one may differ from today's).
function appliedTo(payment: QboObject, memoId: string): string {
  const lines = Array.isArray(payment.Line) ? (payment.Line as QboObject[]) : [];
  const line = lines.find((l) =>
    (Array.isArray(l.LinkedTxn) ? (l.LinkedTxn as QboObject[]) : []).some(
      (t) => t.TxnId === memoId && t.TxnType === 'CreditMemo',
    ),
  );
  return normaliseMoney(field(line ?? {}, 'Amount') ?? '0');
}

/** `qbo.createCreditMemo`: creates a credit memo and optionally applies it to an invoice. */
export const createCreditMemo = defineOperation<CreateCreditMemoInput, CreateCreditMemoOutput>({
  id: 'createCreditMemo',
  label: 'Create credit memo',
  description:
    "Creates a credit memo; with applyToInvoiceId it also applies the credit (up to the invoice's open balance) through a zero-amount Payment.",
  effect: 'write',
  input: {
    type: 'object',
    required: ['customerId', 'lines'],
    additionalProperties: false,
    properties: {
      customerId: { type: 'string', minLength: 1 },
      lines: salesLinesSchema,
      docNumber: { type: 'string', maxLength: 21 },
      txnDate: dateSchema,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      privateNote: { type: 'string', maxLength: 4000 },
      customFields: customFieldsSchema,
      applyToInvoiceId: { type: 'string', minLength: 1 },
    },
  },
  output: {
    ...summarySchema,
    properties: {
      ...(summarySchema.properties as object),
      appliedAmt: moneySchema,
      applicationPaymentId: { type: 'string' },
    },
  },
  sample: {
    input: {
      customerId: '58',
      lines: [{ itemId: '1', amount: '25.00', description: 'Damaged item' }],
      applyToInvoiceId: '130',
    },
    output: {
      id: '132',
      syncToken: '1',
      docNumber: '1002',
      totalAmt: '25.00',
      balance: '0.00',
      appliedAmt: '25.00',
      applicationPaymentId: '133',
      entity: { Id: '132', SyncToken: '1', DocNumber: '1002', TotalAmt: '25', Balance: '0' },
    },
  },
  run,
});
