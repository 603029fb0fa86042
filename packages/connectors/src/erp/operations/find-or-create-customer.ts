import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { QboClient, type QboObject } from '../client.js';
import { type EntitySummary, optionalFields, summarise, summarySchema } from './shared.js';

/** A postal address in the connector's input shape. */
export interface AddressInput {
  line1?: string;
  city?: string;
  countrySubDivisionCode?: string;
  postalCode?: string;
  country?: string;
}

/** Input of `qbo.findOrCreateCustomer`. */
export interface FindOrCreateCustomerInput {
  displayName: string;
  givenName?: string;
  familyName?: string;
  companyName?: string;
  email?: string;
  billAddr?: AddressInput;
}

/** Output of `qbo.findOrCreateCustomer`. */
export interface FindOrCreateCustomerOutput extends EntitySummary {
  created: boolean;
}

/** JSON Schema of an address. */
export const addressSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    line1: { type: 'string', maxLength: 500 },
    city: { type: 'string', maxLength: 255 },
    countrySubDivisionCode: { type: 'string', maxLength: 255 },
    postalCode: { type: 'string', maxLength: 30 },
    country: { type: 'string', maxLength: 255 },
  },
};

/** Maps an input address to QBO's `BillAddr` shape. */
export function toQboAddress(a: AddressInput): QboObject {
  return optionalFields({
    Line1: a.line1,
    City: a.city,
    CountrySubDivisionCode: a.countrySubDivisionCode,
    PostalCode: a.postalCode,
    Country: a.country,
  });
}

/** The customer fields of an input, in QBO's shape. */
export function customerFields(input: Partial<FindOrCreateCustomerInput>): QboObject {
  return {
    ...optionalFields({
      DisplayName: input.displayName,
      GivenName: input.givenName,
      FamilyName: input.familyName,
      CompanyName: input.companyName,
    }),
    ...(input.email !== undefined ? { PrimaryEmailAddr: { Address: input.email } } : {}),
    ...(input.billAddr ? { BillAddr: toQboAddress(input.billAddr) } : {}),
  };
}

async function run(
  input: FindOrCreateCustomerInput,
  ctx: ConnectorContext,
): Promise<FindOrCreateCustomerOutput> {
  const qbo = new QboClient(ctx);
  const [existing] = await qbo.queryBy('Customer', 'DisplayName', input.displayName);
  if (existing) return { ...summarise(existing), created: false };
  try {
    const created = await qbo.write('Customer', customerFields(input), qbo.requestId());
    return { ...summarise(created), created: true };
  } catch (err) {
    // The name exists after all (another writer, or a case-insensitive clash): use that customer.
    const id = err instanceof StepFailure && err.code === 'QBO_6240' ? duplicateId(err) : undefined;
    if (id === undefined) throw err;
    return { ...summarise(await qbo.read('Customer', id)), created: false };
  }
}

function duplicateId(err: StepFailure): string | undefined {
  const detail = err.details?.detail;
  return typeof detail === 'string' ? /Id=(\d+)/.exec(detail)?.[1] : undefined;
}

/** `qbo.findOrCreateCustomer`: looks a customer up by DisplayName and creates it when missing. */
export const findOrCreateCustomer = defineOperation<
  FindOrCreateCustomerInput,
  FindOrCreateCustomerOutput
>({
  id: 'findOrCreateCustomer',
  label: 'Find or create customer',
  description:
    'Finds a customer by DisplayName (unique in QuickBooks) or creates it; a duplicate-name answer resolves to the existing customer.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['displayName'],
    additionalProperties: false,
    properties: {
      displayName: { type: 'string', minLength: 1, maxLength: 500 },
      givenName: { type: 'string', maxLength: 100 },
      familyName: { type: 'string', maxLength: 100 },
      companyName: { type: 'string', maxLength: 100 },
      email: { type: 'string', format: 'email' },
      billAddr: addressSchema,
    },
  },
  output: {
    ...summarySchema,
    required: ['id', 'syncToken', 'entity', 'created'],
    properties: {
      ...(summarySchema.properties as object),
      created: { type: 'boolean' },
    },
  },
  sample: {
    input: {
      displayName: "Amy's Bird Sanctuary",
      givenName: 'Amy',
      familyName: 'Lauterbach',
      email: 'amy@example.com',
      billAddr: {
        line1: '4581 Finch St.',
        city: 'Bayshore',
        countrySubDivisionCode: 'CA',
        postalCode: '94326',
      },
    },
    output: {
      id: '58',
      syncToken: '0',
      balance: '0.00',
      created: true,
      entity: {
        Id: '58',
        SyncToken: '0',
        DisplayName: "Amy's Bird Sanctuary",
        GivenName: 'Amy',
        FamilyName: 'Lauterbach',
        PrimaryEmailAddr: { Address: 'amy@example.com' },
        Balance: '0',
        Active: true,
      },
    },
  },
  run,
});
