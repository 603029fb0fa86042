import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { chargeOnce, invoiceIdFor } from '../exactly-once.js';
import { transactionResultSchema, type TransactionResult } from '../normalise.js';
import { amountSchema, invoiceIdSchema } from '../schemas.js';
import { customerIdSchema } from './customer-charge.js';

/** Input of `paytrace.refundToCustomer`. */
export interface RefundToCustomerInput {
  customerId: string;
  amount: string;
  invoiceId?: string;
  description?: string;
}

/** `paytrace.refundToCustomer`: credits a vaulted customer's card, exactly once. */
export const refundToCustomer: OperationDeclaration<RefundToCustomerInput, TransactionResult> =
  defineOperation<RefundToCustomerInput, TransactionResult>({
    id: 'refundToCustomer',
    label: 'Refund to vault customer',
    description:
      'Credits an amount to the card stored for a vault customer_id (no original transaction needed). Exactly once per invoiceId.',
    effect: 'write',
    input: {
      type: 'object',
      required: ['customerId', 'amount'],
      additionalProperties: false,
      properties: {
        customerId: customerIdSchema,
        amount: amountSchema,
        invoiceId: invoiceIdSchema,
        description: { type: 'string' },
      },
    },
    output: transactionResultSchema,
    sample: {
      input: { customerId: 'shopify-7390123', amount: '12.00', invoiceId: 'RF-1003-1' },
      output: {
        approved: true,
        responseCode: 106,
        statusMessage: 'Your transaction was successfully refunded.',
        transactionId: '179066901',
        maskedCardNumber: 'xxxxxxxxxxxx5439',
        invoiceId: 'RF-1003-1',
      },
    },
    run: (input, ctx) =>
      chargeOnce(ctx, {
        path: 'transactions/refund/to_customer',
        body: {
          customer_id: input.customerId,
          amount: input.amount,
          ...(input.description !== undefined ? { description: input.description } : {}),
        },
        invoiceId: invoiceIdFor(input.invoiceId, ctx),
        transactionType: 'REFUND',
        amount: input.amount,
        customerId: input.customerId,
      }),
  });
