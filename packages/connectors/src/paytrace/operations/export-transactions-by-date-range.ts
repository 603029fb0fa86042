import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { callPayTrace } from '../client.js';
import { DATE_INPUT_PATTERN, toRequestDate } from '../dates.js';
import {
  exportedTransactionSchema,
  toExportedTransaction,
  type ExportedTransaction,
} from '../normalise.js';
import { customerIdSchema } from './customer-charge.js';

/** Input of `paytrace.exportTransactionsByDateRange`. */
export interface ExportTransactionsInput {
  /** `YYYY-MM-DD` or `MM/DD/YYYY`, inclusive. */
  startDate: string;
  endDate: string;
  transactionType?: string;
  customerId?: string;
  /** Filtered by the connector: the API has no invoice filter. */
  invoiceId?: string;
}

/** Output of `paytrace.exportTransactionsByDateRange`. */
export interface ExportTransactionsOutput {
  transactions: ExportedTransaction[];
}

const date = { type: 'string', pattern: DATE_INPUT_PATTERN } as const;

/** `paytrace.exportTransactionsByDateRange`: lists transactions between two days. */
export const exportTransactionsByDateRange: OperationDeclaration<
  ExportTransactionsInput,
  ExportTransactionsOutput
> = defineOperation<ExportTransactionsInput, ExportTransactionsOutput>({
  id: 'exportTransactionsByDateRange',
  label: 'List transactions',
  description:
    'Lists transactions created between two days (inclusive), optionally by type, vault customer or invoice id. Amounts are exact decimal strings; dates ISO local.',
  effect: 'read',
  input: {
    type: 'object',
    required: ['startDate', 'endDate'],
    additionalProperties: false,
    properties: {
      startDate: date,
      endDate: date,
      transactionType: { type: 'string', examples: ['SALE', 'AUTHORIZATION', 'REFUND'] },
      customerId: customerIdSchema,
      invoiceId: { type: 'string', maxLength: 50 },
    },
  },
  output: {
    type: 'object',
    required: ['transactions'],
    properties: { transactions: { type: 'array', items: exportedTransactionSchema } },
  },
  sample: {
    input: { startDate: '2015-04-10', endDate: '2015-04-10', invoiceId: 'SO-1001' },
    output: {
      transactions: [
        {
          transactionId: '178349480',
          transactionType: 'SALE',
          amount: '10.00',
          approved: true,
          settled: true,
          invoiceId: 'SO-1001',
          maskedCardNumber: 'xxxxxxxxxxxx5439',
          createdAt: '2015-04-10T20:13:45',
          createdAtText: '4/10/2015 8:13:45 PM',
        },
      ],
    },
  },
  async run(input, ctx) {
    const body = await callPayTrace(ctx, 'transactions/export/by_date_range', {
      start_date: toRequestDate(input.startDate),
      end_date: toRequestDate(input.endDate),
      ...(input.transactionType ? { transaction_type: input.transactionType } : {}),
      ...(input.customerId ? { customer_id: input.customerId } : {}),
    });
    const list = Array.isArray(body.transactions) ? (body.transactions as unknown[]) : [];
    const transactions = list
      .filter((t): t is Record<string, unknown> => t !== null && typeof t === 'object')
      .map(toExportedTransaction)
      .filter((t) => input.invoiceId === undefined || t.invoiceId === input.invoiceId);
    return { transactions };
  },
});
