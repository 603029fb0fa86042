import type { JsonSchema } from '../kit/types.js';

// What every delivery of a topic must carry for flows to rely on it. Shopify sends far more;
// `additionalProperties` stays open so new API versions never break a flow.
const id: JsonSchema = { type: 'string', pattern: '^[0-9]{1,20}$' };
const money: JsonSchema = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };
const currency: JsonSchema = { type: 'string', pattern: '^[A-Z]{3}$' };

const order: JsonSchema = {
  type: 'object',
  required: ['id', 'name', 'currency', 'total_price', 'line_items'],
  properties: {
    id,
    name: { type: 'string', minLength: 1 },
    order_number: { type: ['integer', 'string'] },
    currency,
    total_price: money,
    total_tax: money,
    total_discounts: money,
    financial_status: { type: ['string', 'null'] },
    line_items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'quantity', 'price'],
        properties: { id, quantity: { type: 'integer', minimum: 0 }, price: money },
      },
    },
    customer: { type: ['object', 'null'], properties: { id } },
  },
};

const refund: JsonSchema = {
  type: 'object',
  required: ['id', 'order_id', 'transactions'],
  properties: {
    id,
    order_id: id,
    refund_line_items: { type: 'array' },
    transactions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'amount'],
        properties: { kind: { type: 'string' }, amount: money, currency },
      },
    },
  },
};

const customer: JsonSchema = {
  type: 'object',
  required: ['id'],
  properties: { id, email: { type: ['string', 'null'] } },
};

/** The JSON Schema of each Shopify webhook topic's payload (ids are strings after verification). */
export const SHOPIFY_WEBHOOK_PAYLOADS: Record<string, JsonSchema> = {
  'orders/create': order,
  'orders/paid': order,
  'orders/updated': order,
  'orders/cancelled': order,
  'refunds/create': refund,
  'customers/create': customer,
  'customers/update': customer,
};
