import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { shopifyGraphql } from '../graphql.js';
import { idSchema, legacyId, toGid } from '../ids.js';
import { type Money, moneySchema } from './shared.js';

/** Input of `shopify.getCustomer`. */
export interface GetCustomerInput {
  customerId: string;
}

/** A customer as `shopify.getCustomer` returns it. */
export interface GetCustomerOutput {
  id: string;
  legacyId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  tags: string[];
  numberOfOrders: string;
  amountSpent: Money;
  createdAt: string;
  updatedAt: string;
  defaultAddress: {
    address1: string | null;
    address2: string | null;
    city: string | null;
    province: string | null;
    provinceCode: string | null;
    country: string | null;
    countryCodeV2: string | null;
    zip: string | null;
  } | null;
}

const QUERY = `query BraidGetCustomer($id: ID!) {
  customer(id: $id) {
    id email firstName lastName phone tags numberOfOrders createdAt updatedAt
    amountSpent { amount currencyCode }
    defaultAddress { address1 address2 city province provinceCode country countryCodeV2 zip }
  }
}`;

async function run(input: GetCustomerInput, ctx: ConnectorContext): Promise<GetCustomerOutput> {
  const id = toGid('Customer', input.customerId);
  const customer = await shopifyGraphql<Omit<GetCustomerOutput, 'legacyId'> | null>(ctx, {
    query: QUERY,
    variables: { id },
    root: 'customer',
    expectedCost: 3,
  });
  if (!customer) {
    throw new StepFailure({
      kind: 'fatal',
      code: 'SHOPIFY_NOT_FOUND',
      message: `shopify: customer ${id} does not exist`,
      details: { id },
    });
  }
  return { ...customer, legacyId: legacyId(customer.id) };
}

/** `shopify.getCustomer`: reads a customer with contact details, spend and default address. */
export const getCustomerOperation = defineOperation<GetCustomerInput, GetCustomerOutput>({
  id: 'getCustomer',
  label: 'Get customer',
  description:
    'Reads a customer: email, names, phone, tags, number of orders, amount spent and default address.',
  effect: 'read',
  input: {
    type: 'object',
    required: ['customerId'],
    additionalProperties: false,
    properties: { customerId: idSchema('Customer') },
  },
  output: {
    type: 'object',
    required: ['id', 'legacyId', 'email', 'amountSpent'],
    properties: {
      id: { type: 'string' },
      legacyId: { type: 'string' },
      email: { type: ['string', 'null'] },
      firstName: { type: ['string', 'null'] },
      lastName: { type: ['string', 'null'] },
      phone: { type: ['string', 'null'] },
      tags: { type: 'array', items: { type: 'string' } },
      numberOfOrders: { type: 'string' },
      amountSpent: moneySchema,
      defaultAddress: { type: ['object', 'null'] },
    },
  },
  sample: {
    input: { customerId: '115310627314723954' },
    output: {
      id: 'gid://shopify/Customer/115310627314723954',
      legacyId: '115310627314723954',
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+16135550135',
      tags: ['vip'],
      numberOfOrders: '3',
      amountSpent: { amount: '199.4', currencyCode: 'USD' },
      createdAt: '2025-09-12T10:15:00-04:00',
      updatedAt: '2025-10-01T12:00:00-04:00',
      defaultAddress: {
        address1: '12 Analytical Row',
        address2: null,
        city: 'Ottawa',
        province: 'Ontario',
        provinceCode: 'ON',
        country: 'Canada',
        countryCodeV2: 'CA',
        zip: 'K1P 1J1',
      },
    },
  },
  run,
});
