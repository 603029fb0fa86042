import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { shopifyGraphql } from '../graphql.js';
import { idSchema, toGid } from '../ids.js';
import {
  MONEY_BAG,
  type Money,
  type MoneyBag,
  decimalSchema,
  moneySchema,
  restEnum,
  shopMoney,
} from './shared.js';

/** Input of `shopify.createRefund`. */
export interface CreateRefundInput {
  orderId: string;
  note?: string;
  /** Email the customer (default false). */
  notify?: boolean;
  refundLineItems?: {
    lineItemId: string;
    quantity: number;
    restockType?: 'NO_RESTOCK' | 'CANCEL' | 'RETURN';
    locationId?: string;
  }[];
  shipping?: { amount?: string; fullRefund?: boolean };
  /** Money actually returned; without it Shopify only records the line items. */
  transactions?: { amount: string; gateway: string; parentId?: string }[];
  currency?: string;
}

/** Output of `shopify.createRefund`. */
export interface CreateRefundOutput {
  refundId: string;
  orderId: string;
  createdAt: string;
  note: string | null;
  totalRefunded: Money;
  transactions: {
    id: string;
    kind: string | null;
    status: string | null;
    gateway: string | null;
    amount: Money;
  }[];
}

const MUTATION = `mutation BraidCreateRefund($input: RefundInput!) {
  refundCreate(input: $input) {
    refund {
      id createdAt note
      totalRefundedSet { ${MONEY_BAG} }
      transactions(first: 10) { nodes { id kind status gateway amountSet { ${MONEY_BAG} } } }
    }
    userErrors { field message }
  }
}`;

interface Result {
  refund: {
    id: string;
    createdAt: string;
    note: string | null;
    totalRefundedSet: MoneyBag;
    transactions: {
      nodes: { id: string; kind: string; status: string; gateway: string; amountSet: MoneyBag }[];
    };
  };
}

function refundInput(input: CreateRefundInput, orderId: string): Record<string, unknown> {
  return {
    orderId,
    notify: input.notify ?? false,
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.shipping !== undefined ? { shipping: input.shipping } : {}),
    refundLineItems: (input.refundLineItems ?? []).map((li) => ({
      lineItemId: toGid('LineItem', li.lineItemId),
      quantity: li.quantity,
      restockType: li.restockType ?? 'NO_RESTOCK',
      ...(li.locationId !== undefined ? { locationId: toGid('Location', li.locationId) } : {}),
    })),
    transactions: (input.transactions ?? []).map((t) => ({
      orderId,
      kind: 'REFUND',
      amount: t.amount,
      gateway: t.gateway,
      ...(t.parentId !== undefined ? { parentId: toGid('OrderTransaction', t.parentId) } : {}),
    })),
  };
}

async function run(input: CreateRefundInput, ctx: ConnectorContext): Promise<CreateRefundOutput> {
  const orderId = toGid('Order', input.orderId);
  const { refund } = await shopifyGraphql<Result>(ctx, {
    query: MUTATION,
    variables: { input: refundInput(input, orderId) },
    root: 'refundCreate',
    expectedCost: 47,
  });
  return {
    refundId: refund.id,
    orderId,
    createdAt: refund.createdAt,
    note: refund.note,
    totalRefunded: shopMoney(refund.totalRefundedSet),
    transactions: refund.transactions.nodes.map((t) => ({
      id: t.id,
      kind: restEnum(t.kind),
      status: restEnum(t.status),
      gateway: t.gateway,
      amount: shopMoney(t.amountSet),
    })),
  };
}

const lineItemId = idSchema('LineItem');

/** `shopify.createRefund`: refunds line items, shipping and money on an order (refundCreate). */
export const createRefundOperation = defineOperation<CreateRefundInput, CreateRefundOutput>({
  id: 'createRefund',
  label: 'Create refund',
  description:
    'Creates a refund on an order: line items (with restock), shipping and refund transactions (refundCreate). Not idempotent at Shopify: after an unknown outcome, read the order before repeating.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['orderId'],
    additionalProperties: false,
    properties: {
      orderId: idSchema('Order'),
      note: { type: 'string' },
      notify: { type: 'boolean' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      refundLineItems: {
        type: 'array',
        items: {
          type: 'object',
          required: ['lineItemId', 'quantity'],
          additionalProperties: false,
          properties: {
            lineItemId,
            quantity: { type: 'integer', minimum: 1 },
            restockType: { enum: ['NO_RESTOCK', 'CANCEL', 'RETURN'] },
            locationId: idSchema('Location'),
          },
        },
      },
      shipping: {
        type: 'object',
        additionalProperties: false,
        properties: { amount: decimalSchema, fullRefund: { type: 'boolean' } },
      },
      transactions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['amount', 'gateway'],
          additionalProperties: false,
          properties: {
            amount: decimalSchema,
            gateway: { type: 'string', minLength: 1 },
            parentId: idSchema('OrderTransaction'),
          },
        },
      },
    },
  },
  output: {
    type: 'object',
    required: ['refundId', 'orderId', 'totalRefunded', 'transactions'],
    properties: {
      refundId: { type: 'string' },
      orderId: { type: 'string' },
      createdAt: { type: 'string' },
      note: { type: ['string', 'null'] },
      totalRefunded: moneySchema,
      transactions: { type: 'array', items: { type: 'object' } },
    },
  },
  sample: {
    input: {
      orderId: '820982911946154508',
      note: 'Damaged in transit',
      refundLineItems: [{ lineItemId: '866550311766439020', quantity: 1 }],
      transactions: [{ amount: '27.00', gateway: 'manual', parentId: '389404469' }],
    },
    output: {
      refundId: 'gid://shopify/Refund/929361463',
      orderId: 'gid://shopify/Order/820982911946154508',
      createdAt: '2025-10-03T09:30:00-04:00',
      note: 'Damaged in transit',
      totalRefunded: { amount: '27.0', currencyCode: 'USD' },
      transactions: [
        {
          id: 'gid://shopify/OrderTransaction/1068278509',
          kind: 'refund',
          status: 'success',
          gateway: 'manual',
          amount: { amount: '27.0', currencyCode: 'USD' },
        },
      ],
    },
  },
  run,
});
