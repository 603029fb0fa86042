import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QboClient } from '../client.js';
import {
  type CustomFieldInput,
  customFieldsSchema,
  dateSchema,
  type EntitySummary,
  type SalesLineInput,
  salesLinesSchema,
  summarise,
  summarySchema,
  salesFormFields,
} from './shared.js';

/** Input of `qbo.createRefundReceipt`. */
export interface CreateRefundReceiptInput {
  customerId: string;
  lines: SalesLineInput[];
  /** The bank or clearing account the refund is paid from (QBO requires it). */
  refundFromAccountId: string;
  paymentRefNum?: string;
  docNumber?: string;
  txnDate?: string;
  privateNote?: string;
  customFields?: CustomFieldInput[];
}

async function run(input: CreateRefundReceiptInput, ctx: ConnectorContext): Promise<EntitySummary> {
  const qbo = new QboClient(ctx);
  const receipt = await qbo.write(
    'RefundReceipt',
    {
      ...salesFormFields(input, { PaymentRefNum: input.paymentRefNum }),
      DepositToAccountRef: { value: input.refundFromAccountId },
    },
    qbo.requestId(),
  );
  return summarise(receipt);
}

/** `qbo.createRefundReceipt`: records money paid back to a customer. */
export const createRefundReceipt = defineOperation<CreateRefundReceiptInput, EntitySummary>({
  id: 'createRefundReceipt',
  label: 'Create refund receipt',
  description:
    'Records a refund paid to a customer from an account (e.g. a PayTrace refund), with the refund transaction id as PaymentRefNum.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['customerId', 'lines', 'refundFromAccountId'],
    additionalProperties: false,
    properties: {
      customerId: { type: 'string', minLength: 1 },
      lines: salesLinesSchema,
      refundFromAccountId: { type: 'string', minLength: 1 },
      paymentRefNum: { type: 'string', maxLength: 21 },
      docNumber: { type: 'string', maxLength: 21 },
      txnDate: dateSchema,
      privateNote: { type: 'string', maxLength: 4000 },
      customFields: customFieldsSchema,
    },
  },
  output: summarySchema,
  sample: {
    input: {
      customerId: '58',
      refundFromAccountId: '35',
      lines: [{ itemId: '1', amount: '40.00' }],
      paymentRefNum: '395612399',
      privateNote: 'PayTrace refund of TransactionID=395612345',
    },
    output: {
      id: '134',
      syncToken: '0',
      docNumber: '1003',
      totalAmt: '40.00',
      balance: '0.00',
      entity: { Id: '134', SyncToken: '0', DocNumber: '1003', TotalAmt: '40', Balance: '0' },
    },
  },
  run,
});
