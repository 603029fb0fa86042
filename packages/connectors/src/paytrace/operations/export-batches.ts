import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { callPayTrace } from '../client.js';
import { DATE_INPUT_PATTERN, parseUsDateTime, toRequestDate } from '../dates.js';
import { toDecimalString } from '../money.js';

/** Input of `paytrace.exportBatches`. */
export interface ExportBatchesInput {
  startDate: string;
  endDate: string;
}

/** One settlement batch (field names of the API are unconfirmed; see README). */
export interface BatchSummary {
  batchNumber: string;
  settledAt?: string;
  settledAtText?: string;
  transactionCount: number;
  salesCount: number;
  salesAmount: string;
  refundCount: number;
  refundAmount: string;
  netAmount: string;
}

const date = { type: 'string', pattern: DATE_INPUT_PATTERN } as const;
const money = { type: 'string' } as const;
const count = { type: 'integer' } as const;

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0) || 0;
}

function toBatch(b: Record<string, unknown>): BatchSummary {
  const created = b.created as Record<string, unknown> | undefined;
  const raw = created?.at ?? b.created_at ?? b.settlement_date;
  const text = typeof raw === 'string' ? raw : undefined;
  const settledAt = text ? parseUsDateTime(text) : undefined;
  return {
    batchNumber:
      typeof b.batch_number === 'number' || typeof b.batch_number === 'string'
        ? String(b.batch_number)
        : '',
    ...(settledAt ? { settledAt } : {}),
    ...(text ? { settledAtText: text } : {}),
    transactionCount: num(b.transaction_count),
    salesCount: num(b.sales_count),
    salesAmount: toDecimalString(b.sales_amount) ?? '0.00',
    refundCount: num(b.refund_count),
    refundAmount: toDecimalString(b.refund_amount) ?? '0.00',
    netAmount: toDecimalString(b.net_amount) ?? '0.00',
  };
}

/** `paytrace.exportBatches`: lists settlement batches between two days. */
export const exportBatches: OperationDeclaration<ExportBatchesInput, { batches: BatchSummary[] }> =
  defineOperation<ExportBatchesInput, { batches: BatchSummary[] }>({
    id: 'exportBatches',
    label: 'List settlement batches',
    description:
      'Lists settled batches between two days with counts and exact sale, refund and net amounts (for deposits in the ERP).',
    effect: 'read',
    input: {
      type: 'object',
      required: ['startDate', 'endDate'],
      additionalProperties: false,
      properties: { startDate: date, endDate: date },
    },
    output: {
      type: 'object',
      required: ['batches'],
      properties: {
        batches: {
          type: 'array',
          items: {
            type: 'object',
            required: ['batchNumber', 'transactionCount', 'netAmount'],
            properties: {
              batchNumber: { type: 'string' },
              settledAt: { type: 'string' },
              settledAtText: { type: 'string' },
              transactionCount: count,
              salesCount: count,
              salesAmount: money,
              refundCount: count,
              refundAmount: money,
              netAmount: money,
            },
          },
        },
      },
    },
    sample: {
      input: { startDate: '2015-04-11', endDate: '2015-04-11' },
      output: {
        batches: [
          {
            batchNumber: '381',
            settledAt: '2015-04-11T02:00:00',
            settledAtText: '4/11/2015 2:00:00 AM',
            transactionCount: 3,
            salesCount: 2,
            salesAmount: '52.50',
            refundCount: 1,
            refundAmount: '5.00',
            netAmount: '47.50',
          },
        ],
      },
    },
    async run(input, ctx) {
      const body = await callPayTrace(ctx, 'batches/export', {
        start_date: toRequestDate(input.startDate),
        end_date: toRequestDate(input.endDate),
      });
      const list = Array.isArray(body.batches) ? (body.batches as unknown[]) : [];
      return {
        batches: list
          .filter((b): b is Record<string, unknown> => b !== null && typeof b === 'object')
          .map(toBatch),
      };
    },
  });
