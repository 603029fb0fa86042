import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QboClient } from '../client.js';
import {
  type CustomFieldInput,
  customFieldsSchema,
  dateSchema,
  discountSchema,
  type EntitySummary,
  type SalesLineInput,
  salesLinesSchema,
  summarise,
  summarySchema,
  salesFormFields,
} from './shared.js';

/** Input of `qbo.createInvoice`. */
export interface CreateInvoiceInput {
  customerId: string;
  lines: SalesLineInput[];
  docNumber?: string;
  txnDate?: string;
  dueDate?: string;
  currency?: string;
  privateNote?: string;
  customFields?: CustomFieldInput[];
  /** A fixed discount off the subtotal, e.g. a Shopify order's discount codes. */
  discount?: { amount: string; description?: string };
}

async function run(input: CreateInvoiceInput, ctx: ConnectorContext): Promise<EntitySummary> {
  const qbo = new QboClient(ctx);
  const invoice = await qbo.write(
    'Invoice',
    salesFormFields(input, { DueDate: input.dueDate }),
    qbo.requestId(),
  );
  return summarise(invoice);
}

/** `qbo.createInvoice`: creates an invoice; the step's requestid makes a repeat return the same one. */
export const createInvoice = defineOperation<CreateInvoiceInput, EntitySummary>({
  id: 'createInvoice',
  label: 'Create invoice',
  description:
    'Creates an invoice with sales lines. Repeats of the same step return the original invoice (requestid).',
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
      dueDate: dateSchema,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      discount: discountSchema,
      privateNote: { type: 'string', maxLength: 4000 },
      customFields: customFieldsSchema,
    },
  },
  output: summarySchema,
  sample: {
    input: {
      customerId: '58',
      docNumber: 'SH-1001',
      lines: [{ itemId: '1', itemName: 'Services', qty: 2, unitPrice: '75.00' }],
      privateNote: 'Shopify order #1001',
    },
    output: {
      id: '130',
      syncToken: '0',
      docNumber: 'SH-1001',
      totalAmt: '150.00',
      balance: '150.00',
      entity: {
        Id: '130',
        SyncToken: '0',
        DocNumber: 'SH-1001',
        CustomerRef: { value: '58', name: "Amy's Bird Sanctuary" },
        TotalAmt: '150',
        Balance: '150',
      },
    },
  },
  run,
});
