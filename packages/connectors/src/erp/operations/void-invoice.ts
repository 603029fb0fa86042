import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QboClient } from '../client.js';
import { type EntitySummary, summarise, summarySchema } from './shared.js';

/** Input of `qbo.voidInvoice`. */
export interface VoidInvoiceInput {
  invoiceId: string;
  /** Current SyncToken; read fresh when omitted. A stale one is refreshed once. */
  syncToken?: string;
}

async function run(input: VoidInvoiceInput, ctx: ConnectorContext): Promise<EntitySummary> {
  const qbo = new QboClient(ctx);
  const voided = await qbo.update(
    'Invoice',
    input.invoiceId,
    {},
    {
      operation: 'void',
      ...(input.syncToken !== undefined ? { syncToken: input.syncToken } : {}),
    },
  );
  return summarise(voided);
}

/** `qbo.voidInvoice`: voids an invoice (amounts become zero; the record stays). */
export const voidInvoice = defineOperation<VoidInvoiceInput, EntitySummary>({
  id: 'voidInvoice',
  label: 'Void invoice',
  description:
    'Voids an invoice (operation=void with its SyncToken): amounts become zero and the record stays. A stale SyncToken is refreshed once.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['invoiceId'],
    additionalProperties: false,
    properties: {
      invoiceId: { type: 'string', pattern: '^[0-9]+$' },
      syncToken: { type: 'string', pattern: '^[0-9]+$' },
    },
  },
  output: summarySchema,
  sample: {
    input: { invoiceId: '130' },
    output: {
      id: '130',
      syncToken: '2',
      docNumber: 'SH-1001',
      totalAmt: '0.00',
      balance: '0.00',
      entity: {
        Id: '130',
        SyncToken: '2',
        DocNumber: 'SH-1001',
        TotalAmt: '0',
        Balance: '0',
        PrivateNote: 'Voided',
      },
    },
  },
  run,
});
