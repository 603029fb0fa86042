import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { transactionResultSchema, type TransactionResult } from '../normalise.js';
import {
  customerChargeInputSchema,
  runCustomerCharge,
  type CustomerChargeInput,
} from './customer-charge.js';
import { approvedSample } from './keyed-charge.js';

/** `paytrace.authorizeByCustomer`: authorizes an amount on a vaulted customer's card. */
export const authorizeByCustomer: OperationDeclaration<CustomerChargeInput, TransactionResult> =
  defineOperation<CustomerChargeInput, TransactionResult>({
    id: 'authorizeByCustomer',
    label: 'Authorize (vault customer)',
    description:
      'Authorizes an amount on the card stored for a vault customer_id; capture it later. Declines are results. Exactly once per invoiceId.',
    effect: 'write',
    input: customerChargeInputSchema,
    output: transactionResultSchema,
    sample: {
      input: { customerId: 'shopify-7390123', amount: '99.00', invoiceId: 'SO-1004' },
      output: { ...approvedSample, transactionId: '178350044', invoiceId: 'SO-1004' },
    },
    run: (input, ctx) => runCustomerCharge('authorization', input, ctx),
  });
