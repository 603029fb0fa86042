import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { callPayTrace } from '../client.js';
import {
  toTransactionResult,
  transactionResultSchema,
  type TransactionResult,
} from '../normalise.js';
import { transactionIdSchema, transactionIdValue } from './transaction-id.js';

/** Input of `paytrace.void`. */
export interface VoidInput {
  transactionId: string;
}

/** `paytrace.void`: voids a transaction that has not settled yet. */
export const voidTransaction: OperationDeclaration<VoidInput, TransactionResult> = defineOperation<
  VoidInput,
  TransactionResult
>({
  id: 'void',
  label: 'Void transaction',
  description:
    'Voids an unsettled sale or authorization. Settled transactions answer error 818: refund them instead.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['transactionId'],
    additionalProperties: false,
    properties: { transactionId: transactionIdSchema },
  },
  output: transactionResultSchema,
  sample: {
    input: { transactionId: '179081332' },
    output: {
      approved: true,
      responseCode: 109,
      statusMessage: 'Your transaction was successfully voided.',
      transactionId: '179081332',
    },
  },
  async run(input, ctx) {
    const body = await callPayTrace(ctx, 'transactions/void', {
      transaction_id: transactionIdValue(input.transactionId),
    });
    return toTransactionResult(body);
  },
});
