import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { chargeOnce, invoiceIdFor } from '../exactly-once.js';
import { transactionResultSchema, type TransactionResult } from '../normalise.js';
import { amountSchema, invoiceIdSchema } from '../schemas.js';
import { transactionIdSchema, transactionIdValue } from './transaction-id.js';

/** Input of `paytrace.refundTransaction`. */
export interface RefundTransactionInput {
  transactionId: string;
  /** Partial refund; at most what is left to refund. Omitted refunds the rest. */
  amount?: string;
  invoiceId?: string;
}

/** `paytrace.refundTransaction`: refunds a settled transaction, fully or partly, exactly once. */
export const refundTransaction: OperationDeclaration<RefundTransactionInput, TransactionResult> =
  defineOperation<RefundTransactionInput, TransactionResult>({
    id: 'refundTransaction',
    label: 'Refund transaction',
    description:
      'Refunds a settled transaction (full, or partial with amount). Unsettled ones answer error 817: void them instead. Exactly once per invoiceId.',
    effect: 'write',
    input: {
      type: 'object',
      required: ['transactionId'],
      additionalProperties: false,
      properties: {
        transactionId: transactionIdSchema,
        amount: amountSchema,
        invoiceId: invoiceIdSchema,
      },
    },
    output: transactionResultSchema,
    sample: {
      input: { transactionId: '178349480', amount: '5.00', invoiceId: 'RF-1001-1' },
      output: {
        approved: true,
        responseCode: 106,
        statusMessage: 'Your transaction was successfully refunded.',
        transactionId: '179066852',
        maskedCardNumber: 'xxxxxxxxxxxx5439',
        invoiceId: 'RF-1001-1',
      },
    },
    run: (input, ctx) =>
      chargeOnce(ctx, {
        path: 'transactions/refund/for_transaction',
        body: {
          transaction_id: transactionIdValue(input.transactionId),
          ...(input.amount !== undefined ? { amount: input.amount } : {}),
        },
        invoiceId: invoiceIdFor(input.invoiceId, ctx),
        transactionType: 'REFUND',
        ...(input.amount !== undefined ? { amount: input.amount } : {}),
      }),
  });
