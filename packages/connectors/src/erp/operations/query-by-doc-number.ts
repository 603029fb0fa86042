import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QboClient } from '../client.js';
import { type EntitySummary, summarise, summarySchema } from './shared.js';

/** Entities with a DocNumber. */
export const DOC_NUMBER_ENTITIES = [
  'Invoice',
  'CreditMemo',
  'RefundReceipt',
  'JournalEntry',
] as const;

/** Input of `qbo.queryByDocNumber`. */
export interface QueryByDocNumberInput {
  entity: (typeof DOC_NUMBER_ENTITIES)[number];
  docNumber: string;
}

/** Output of `qbo.queryByDocNumber`. */
export interface QueryByDocNumberOutput {
  found: boolean;
  count: number;
  matches: EntitySummary[];
}

async function run(
  input: QueryByDocNumberInput,
  ctx: ConnectorContext,
): Promise<QueryByDocNumberOutput> {
  const list = await new QboClient(ctx).queryBy(input.entity, 'DocNumber', input.docNumber);
  return { found: list.length > 0, count: list.length, matches: list.map(summarise) };
}

/** `qbo.queryByDocNumber`: finds transactions by document number. */
export const queryByDocNumber = defineOperation<QueryByDocNumberInput, QueryByDocNumberOutput>({
  id: 'queryByDocNumber',
  label: 'Find by document number',
  description:
    'Finds invoices, credit memos, refund receipts or journal entries by DocNumber (not necessarily unique in QuickBooks).',
  effect: 'read',
  input: {
    type: 'object',
    required: ['entity', 'docNumber'],
    additionalProperties: false,
    properties: {
      entity: { enum: [...DOC_NUMBER_ENTITIES] },
      docNumber: { type: 'string', minLength: 1, maxLength: 21 },
    },
  },
  output: {
    type: 'object',
    required: ['found', 'count', 'matches'],
    properties: {
      found: { type: 'boolean' },
      count: { type: 'integer', minimum: 0 },
      matches: { type: 'array', items: summarySchema },
    },
  },
  sample: {
    input: { entity: 'Invoice', docNumber: 'SH-1001' },
    output: {
      found: true,
      count: 1,
      matches: [
        {
          id: '130',
          syncToken: '1',
          docNumber: 'SH-1001',
          totalAmt: '150.00',
          balance: '0.00',
          entity: {
            Id: '130',
            SyncToken: '1',
            DocNumber: 'SH-1001',
            TotalAmt: '150',
            Balance: '0',
          },
        },
      ],
    },
  },
  run,
});
