import { StepFailure } from '@braid/engine';
import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { callPayTrace } from '../client.js';
import {
  exportedTransactionSchema,
  toExportedTransaction,
  type ExportedTransaction,
} from '../normalise.js';
import { transactionIdSchema, transactionIdValue } from './transaction-id.js';

/** Input of `paytrace.exportTransactionById`. */
export interface ExportTransactionByIdInput {
  transactionId: string;
}

/** Output of `paytrace.exportTransactionById`. */
export interface ExportTransactionByIdOutput {
  found: boolean;
  transaction?: ExportedTransaction;
}

/** `paytrace.exportTransactionById`: reads one transaction (amount, settled, masked card). */
export const exportTransactionById: OperationDeclaration<
  ExportTransactionByIdInput,
  ExportTransactionByIdOutput
> = defineOperation<ExportTransactionByIdInput, ExportTransactionByIdOutput>({
  id: 'exportTransactionById',
  label: 'Get transaction',
  description:
    'Reads one transaction: type, exact amount, settled flag, invoice and customer ids, masked card, creation time.',
  effect: 'read',
  input: {
    type: 'object',
    required: ['transactionId'],
    additionalProperties: false,
    properties: { transactionId: transactionIdSchema },
  },
  output: {
    type: 'object',
    required: ['found'],
    properties: { found: { type: 'boolean' }, transaction: exportedTransactionSchema },
  },
  sample: {
    input: { transactionId: '178349480' },
    output: {
      found: true,
      transaction: {
        transactionId: '178349480',
        transactionType: 'SALE',
        amount: '10.00',
        approved: true,
        settled: false,
        responseCode: 101,
        approvalCode: 'TAS867',
        approvalMessage: 'APPROVAL TAS867 - Approved and completed',
        invoiceId: 'SO-1001',
        maskedCardNumber: 'xxxxxxxxxxxx5439',
        cardType: 'VISA',
        createdAt: '2015-04-10T20:13:45',
        createdAtText: '4/10/2015 8:13:45 PM',
      },
    },
  },
  async run(input, ctx) {
    let body;
    try {
      body = await callPayTrace(ctx, 'transactions/export/by_id', {
        transaction_id: transactionIdValue(input.transactionId),
      });
    } catch (err) {
      // 811: "The Transaction ID that you provided was not found." — an answer, not a failure.
      if (err instanceof StepFailure && err.code === 'PAYTRACE_811') return { found: false };
      throw err;
    }
    const list = Array.isArray(body.transactions) ? (body.transactions as unknown[]) : [];
    const first = list.find(
      (t): t is Record<string, unknown> => t !== null && typeof t === 'object',
    );
    return first ? { found: true, transaction: toExportedTransaction(first) } : { found: false };
  },
});
