import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QboClient } from '../client.js';
import { JsonDecimal } from '../json-exact.js';
import { formatMills, toMills } from '../money.js';
import {
  dateSchema,
  type EntitySummary,
  moneySchema,
  optionalFields,
  summarise,
  summarySchema,
} from './shared.js';

/** One debit or credit line. */
export interface JournalLineInput {
  postingType: 'Debit' | 'Credit';
  accountId: string;
  accountName?: string;
  amount: string;
  description?: string;
}

/** Input of `qbo.createJournalEntry`. */
export interface CreateJournalEntryInput {
  lines: JournalLineInput[];
  docNumber?: string;
  txnDate?: string;
  privateNote?: string;
}

/** Totals of a journal entry in mills; throws a fatal failure when debits ≠ credits. */
export function assertBalanced(lines: readonly JournalLineInput[]): bigint {
  let debits = 0n;
  let credits = 0n;
  for (const line of lines) {
    if (line.postingType === 'Debit') debits += toMills(line.amount);
    else credits += toMills(line.amount);
  }
  if (debits !== credits) {
    throw new StepFailure({
      kind: 'fatal',
      code: 'QBO_UNBALANCED',
      message: `qbo: journal entry is not balanced (debits ${formatMills(debits)}, credits ${formatMills(credits)})`,
      details: { debits: formatMills(debits), credits: formatMills(credits) },
    });
  }
  return debits;
}

async function run(input: CreateJournalEntryInput, ctx: ConnectorContext): Promise<EntitySummary> {
  assertBalanced(input.lines);
  const qbo = new QboClient(ctx);
  const entry = await qbo.write(
    'JournalEntry',
    {
      Line: input.lines.map((line) => ({
        Amount: new JsonDecimal(formatMills(toMills(line.amount))),
        DetailType: 'JournalEntryLineDetail',
        ...(line.description !== undefined ? { Description: line.description } : {}),
        JournalEntryLineDetail: {
          PostingType: line.postingType,
          AccountRef: {
            value: line.accountId,
            ...(line.accountName ? { name: line.accountName } : {}),
          },
        },
      })),
      ...optionalFields({
        DocNumber: input.docNumber,
        TxnDate: input.txnDate,
        PrivateNote: input.privateNote,
      }),
    },
    qbo.requestId(),
  );
  return summarise(entry);
}

/** `qbo.createJournalEntry`: posts a balanced journal entry (refused locally when unbalanced). */
export const createJournalEntry = defineOperation<CreateJournalEntryInput, EntitySummary>({
  id: 'createJournalEntry',
  label: 'Create journal entry',
  description:
    'Posts a journal entry. Debits must equal credits (compared exactly as integers); an unbalanced entry fails before any call.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['lines'],
    additionalProperties: false,
    properties: {
      lines: {
        type: 'array',
        minItems: 2,
        items: {
          type: 'object',
          required: ['postingType', 'accountId', 'amount'],
          additionalProperties: false,
          properties: {
            postingType: { enum: ['Debit', 'Credit'] },
            accountId: { type: 'string', minLength: 1 },
            accountName: { type: 'string' },
            amount: moneySchema,
            description: { type: 'string', maxLength: 4000 },
          },
        },
      },
      docNumber: { type: 'string', maxLength: 21 },
      txnDate: dateSchema,
      privateNote: { type: 'string', maxLength: 4000 },
    },
  },
  output: summarySchema,
  sample: {
    input: {
      docNumber: 'FEES-2025-01',
      lines: [
        { postingType: 'Debit', accountId: '76', accountName: 'Merchant fees', amount: '4.65' },
        {
          postingType: 'Credit',
          accountId: '35',
          accountName: 'PayTrace clearing',
          amount: '4.65',
        },
      ],
    },
    output: {
      id: '135',
      syncToken: '0',
      docNumber: 'FEES-2025-01',
      totalAmt: '4.65',
      entity: { Id: '135', SyncToken: '0', DocNumber: 'FEES-2025-01', TotalAmt: '4.65' },
    },
  },
  run,
});
