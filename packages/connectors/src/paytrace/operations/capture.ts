import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { callPayTrace } from '../client.js';
import {
  toTransactionResult,
  transactionResultSchema,
  type TransactionResult,
} from '../normalise.js';
import { amountSchema } from '../schemas.js';
import { transactionIdSchema, transactionIdValue } from './transaction-id.js';

/** Input of `paytrace.capture`. */
export interface CaptureInput {
  transactionId: string;
  /** At most the authorized amount; omitted captures it all. */
  amount?: string;
}

/** `paytrace.capture`: captures an approved authorization (fully or partly). */
export const capture: OperationDeclaration<CaptureInput, TransactionResult> = defineOperation<
  CaptureInput,
  TransactionResult
>({
  id: 'capture',
  label: 'Capture authorization',
  description:
    'Captures an approved authorization, optionally for a smaller amount. A failed capture (113) is a result; capturing twice is error 816.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['transactionId'],
    additionalProperties: false,
    properties: { transactionId: transactionIdSchema, amount: amountSchema },
  },
  output: transactionResultSchema,
  sample: {
    input: { transactionId: '178963007', amount: '20.00' },
    output: {
      approved: true,
      responseCode: 112,
      statusMessage: 'Your transaction was successfully captured.',
      transactionId: '178963007',
    },
  },
  async run(input, ctx) {
    const body = await callPayTrace(ctx, 'transactions/authorization/capture', {
      transaction_id: transactionIdValue(input.transactionId),
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
    });
    return toTransactionResult(body);
  },
});
