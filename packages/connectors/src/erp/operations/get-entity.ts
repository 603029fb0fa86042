import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QBO_ENTITIES, QboClient, type QboEntityName } from '../client.js';
import { type EntitySummary, summarise, summarySchema } from './shared.js';

/** Input of `qbo.getEntity`. */
export interface GetEntityInput {
  entity: QboEntityName;
  id: string;
}

async function run(input: GetEntityInput, ctx: ConnectorContext): Promise<EntitySummary> {
  return summarise(await new QboClient(ctx).read(input.entity, input.id));
}

/** `qbo.getEntity`: reads one entity by id (unknown ids fail with QBO_610). */
export const getEntity = defineOperation<GetEntityInput, EntitySummary>({
  id: 'getEntity',
  label: 'Get entity',
  description:
    'Reads a customer, invoice, payment, credit memo, refund receipt or journal entry by Id. An unknown Id fails with QBO_610.',
  effect: 'read',
  input: {
    type: 'object',
    required: ['entity', 'id'],
    additionalProperties: false,
    properties: {
      entity: { enum: [...QBO_ENTITIES] },
      id: { type: 'string', pattern: '^[0-9]+$' },
    },
  },
  output: summarySchema,
  sample: {
    input: { entity: 'Invoice', id: '130' },
    output: {
      id: '130',
      syncToken: '1',
      docNumber: 'SH-1001',
      totalAmt: '150.00',
      balance: '0.00',
      entity: { Id: '130', SyncToken: '1', DocNumber: 'SH-1001', TotalAmt: '150', Balance: '0' },
    },
  },
  run,
});
