import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { transactionResultSchema, type TransactionResult } from '../normalise.js';
import {
  customerChargeInputSchema,
  runCustomerCharge,
  type CustomerChargeInput,
} from './customer-charge.js';
import { approvedSample } from './keyed-charge.js';

/** `paytrace.saleByCustomer`: charges a vaulted customer's card. */
export const saleByCustomer: OperationDeclaration<CustomerChargeInput, TransactionResult> =
  defineOperation<CustomerChargeInput, TransactionResult>({
    id: 'saleByCustomer',
    label: 'Sale (vault customer)',
    description:
      'Charges the card stored for a vault customer_id. Declines are results (approved: false). Exactly once per invoiceId.',
    effect: 'write',
    input: customerChargeInputSchema,
    output: transactionResultSchema,
    sample: {
      input: { customerId: 'shopify-7390123', amount: '42.50', invoiceId: 'SO-1003' },
      output: { ...approvedSample, transactionId: '178350012', invoiceId: 'SO-1003' },
    },
    run: (input, ctx) => runCustomerCharge('sale', input, ctx),
  });
