import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QboClient } from '../client.js';
import { type AddressInput, addressSchema, customerFields } from './find-or-create-customer.js';
import { type EntitySummary, summarise, summarySchema } from './shared.js';

/** Input of `qbo.updateCustomer`. */
export interface UpdateCustomerInput {
  customerId: string;
  /** Current SyncToken; read fresh when omitted. A stale one is refreshed once. */
  syncToken?: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  companyName?: string;
  email?: string;
  billAddr?: AddressInput;
  active?: boolean;
}

async function run(input: UpdateCustomerInput, ctx: ConnectorContext): Promise<EntitySummary> {
  const qbo = new QboClient(ctx);
  const patch = {
    ...customerFields(input),
    ...(input.active !== undefined ? { Active: input.active } : {}),
  };
  const updated = await qbo.update('Customer', input.customerId, patch, {
    ...(input.syncToken !== undefined ? { syncToken: input.syncToken } : {}),
  });
  return summarise(updated);
}

/** `qbo.updateCustomer`: a sparse customer update with SyncToken handling. */
export const updateCustomer = defineOperation<UpdateCustomerInput, EntitySummary>({
  id: 'updateCustomer',
  label: 'Update customer',
  description:
    'Changes the given customer fields only (sparse update). A stale SyncToken is refreshed by re-reading the customer and retrying once.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['customerId'],
    minProperties: 2,
    additionalProperties: false,
    properties: {
      customerId: { type: 'string', pattern: '^[0-9]+$' },
      syncToken: { type: 'string', pattern: '^[0-9]+$' },
      displayName: { type: 'string', minLength: 1, maxLength: 500 },
      givenName: { type: 'string', maxLength: 100 },
      familyName: { type: 'string', maxLength: 100 },
      companyName: { type: 'string', maxLength: 100 },
      email: { type: 'string', format: 'email' },
      billAddr: addressSchema,
      active: { type: 'boolean' },
    },
  },
  output: summarySchema,
  sample: {
    input: { customerId: '58', email: 'amy@birds.example.com' },
    output: {
      id: '58',
      syncToken: '1',
      balance: '0.00',
      entity: {
        Id: '58',
        SyncToken: '1',
        DisplayName: "Amy's Bird Sanctuary",
        PrimaryEmailAddr: { Address: 'amy@birds.example.com' },
        Balance: '0',
      },
    },
  },
  run,
});
