import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QboClient, type QboObject } from '../client.js';
import { JsonDecimal } from '../json-exact.js';
import { formatMills, toMills } from '../money.js';
import {
  dateSchema,
  type EntitySummary,
  moneySchema,
  optionalFields,
  summarise,
  summarySchema,
} from './shared.js';

/** Input of `qbo.createPayment`. */
export interface CreatePaymentInput {
  invoiceId: string;
  amount: string;
  /** Read from the invoice when omitted. */
  customerId?: string;
  /** Defaults to the PayTrace transaction id. QBO allows 21 characters. */
  paymentRefNum?: string;
  txnDate?: string;
  depositToAccountId?: string;
  privateNote?: string;
  paytrace?: { transactionId: string; customerVaultId?: string };
}

/** The PrivateNote that records where the money came from. */
export function paymentNote(input: CreatePaymentInput): string | undefined {
  const parts: string[] = [];
  if (input.paytrace) {
    parts.push(`PayTrace TransactionID=${input.paytrace.transactionId}`);
    if (input.paytrace.customerVaultId) {
      parts.push(`CustomerVaultID=${input.paytrace.customerVaultId}`);
    }
  }
  if (input.privateNote) parts.push(input.privateNote);
  return parts.length ? parts.join('; ') : undefined;
}

async function customerOf(qbo: QboClient, invoiceId: string): Promise<string> {
  const invoice = await qbo.read('Invoice', invoiceId);
  const ref = invoice.CustomerRef as QboObject | undefined;
  if (typeof ref?.value !== 'string') {
    throw new StepFailure({
      kind: 'fatal',
      code: 'QBO_BAD_RESPONSE',
      message: `qbo: invoice ${invoiceId} has no CustomerRef`,
    });
  }
  return ref.value;
}

async function run(input: CreatePaymentInput, ctx: ConnectorContext): Promise<EntitySummary> {
  const qbo = new QboClient(ctx);
  const customerId = input.customerId ?? (await customerOf(qbo, input.invoiceId));
  const amount = new JsonDecimal(formatMills(toMills(input.amount)));
  const payment = await qbo.write(
    'Payment',
    {
      CustomerRef: { value: customerId },
      TotalAmt: amount,
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: input.invoiceId, TxnType: 'Invoice' }] }],
      ...optionalFields({
        PaymentRefNum: input.paymentRefNum ?? input.paytrace?.transactionId,
        TxnDate: input.txnDate,
        PrivateNote: paymentNote(input),
      }),
      ...(input.depositToAccountId
        ? { DepositToAccountRef: { value: input.depositToAccountId } }
        : {}),
    },
    qbo.requestId(),
  );
  return summarise(payment);
}

/** `qbo.createPayment`: records a payment applied to one invoice, tagged with PayTrace ids. */
export const createPayment = defineOperation<CreatePaymentInput, EntitySummary>({
  id: 'createPayment',
  label: 'Create payment',
  description:
    "Records a payment against an invoice (LinkedTxn), lowering its Balance. PaymentRefNum and PrivateNote carry PayTrace's TransactionID and CustomerVaultID.",
  effect: 'write',
  input: {
    type: 'object',
    required: ['invoiceId', 'amount'],
    additionalProperties: false,
    properties: {
      invoiceId: { type: 'string', minLength: 1 },
      amount: moneySchema,
      customerId: { type: 'string', minLength: 1 },
      paymentRefNum: { type: 'string', maxLength: 21 },
      txnDate: dateSchema,
      depositToAccountId: { type: 'string', minLength: 1 },
      privateNote: { type: 'string', maxLength: 3000 },
      paytrace: {
        type: 'object',
        required: ['transactionId'],
        additionalProperties: false,
        properties: {
          transactionId: { type: 'string', minLength: 1, maxLength: 21 },
          customerVaultId: { type: 'string', maxLength: 100 },
        },
      },
    },
  },
  output: summarySchema,
  sample: {
    input: {
      invoiceId: '130',
      amount: '150.00',
      customerId: '58',
      paytrace: { transactionId: '395612345', customerVaultId: 'shopify-7001' },
    },
    output: {
      id: '131',
      syncToken: '0',
      totalAmt: '150.00',
      entity: {
        Id: '131',
        SyncToken: '0',
        CustomerRef: { value: '58', name: "Amy's Bird Sanctuary" },
        TotalAmt: '150',
        UnappliedAmt: '0',
        PaymentRefNum: '395612345',
        PrivateNote: 'PayTrace TransactionID=395612345; CustomerVaultID=shopify-7001',
        Line: [{ Amount: '150', LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }],
      },
    },
  },
  run,
});
