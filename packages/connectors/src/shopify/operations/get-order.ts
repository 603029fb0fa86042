import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { shopifyGraphql } from '../graphql.js';
import { idSchema, legacyId, toGid } from '../ids.js';
import {
  MONEY_BAG,
  type Money,
  type MoneyBag,
  moneySchema,
  restEnum,
  shopMoney,
} from './shared.js';

/** Input of `shopify.getOrder`. */
export interface GetOrderInput {
  orderId: string;
}

/** An order as `shopify.getOrder` returns it. */
export interface GetOrderOutput {
  id: string;
  legacyId: string;
  name: string;
  email: string | null;
  note: string | null;
  tags: string[];
  financialStatus: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  currency: string;
  presentmentCurrency: string;
  totalPrice: Money;
  totalOutstanding: Money;
  totalReceived: Money;
  totalRefunded: Money;
  customer: {
    id: string;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
  } | null;
  lineItems: {
    id: string;
    title: string;
    quantity: number;
    sku: string | null;
    unitPrice: Money;
  }[];
  transactions: {
    id: string;
    kind: string | null;
    status: string | null;
    gateway: string | null;
    amount: Money;
    parentId: string | null;
  }[];
  /** Metafield values keyed `namespace.key` (e.g. `paytrace.transaction_id`). */
  metafields: Record<string, string>;
}

const QUERY = `query BraidGetOrder($id: ID!) {
  order(id: $id) {
    id name email note tags displayFinancialStatus cancelledAt createdAt updatedAt
    currencyCode presentmentCurrencyCode
    totalPriceSet { ${MONEY_BAG} }
    totalOutstandingSet { ${MONEY_BAG} }
    totalReceivedSet { ${MONEY_BAG} }
    totalRefundedSet { ${MONEY_BAG} }
    customer { id email firstName lastName }
    lineItems(first: 50) { nodes { id title quantity sku originalUnitPriceSet { ${MONEY_BAG} } } }
    transactions(first: 20) { id kind status gateway amountSet { ${MONEY_BAG} } parentTransaction { id } }
    metafields(first: 50) { nodes { namespace key value } }
  }
}`;

interface OrderNode {
  id: string;
  name: string;
  email: string | null;
  note: string | null;
  tags: string[];
  displayFinancialStatus: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  currencyCode: string;
  presentmentCurrencyCode: string;
  totalPriceSet: MoneyBag;
  totalOutstandingSet: MoneyBag;
  totalReceivedSet: MoneyBag;
  totalRefundedSet: MoneyBag;
  customer: GetOrderOutput['customer'];
  lineItems: {
    nodes: {
      id: string;
      title: string;
      quantity: number;
      sku: string | null;
      originalUnitPriceSet: MoneyBag;
    }[];
  };
  transactions: {
    id: string;
    kind: string | null;
    status: string | null;
    gateway: string | null;
    amountSet: MoneyBag;
    parentTransaction: { id: string } | null;
  }[];
  metafields: { nodes: { namespace: string; key: string; value: string }[] };
}

async function run(input: GetOrderInput, ctx: ConnectorContext): Promise<GetOrderOutput> {
  const id = toGid('Order', input.orderId);
  const order = await shopifyGraphql<OrderNode | null>(ctx, {
    query: QUERY,
    variables: { id },
    root: 'order',
    expectedCost: 276,
  });
  if (!order) {
    throw new StepFailure({
      kind: 'fatal',
      code: 'SHOPIFY_NOT_FOUND',
      message: `shopify: order ${id} does not exist`,
      details: { id },
    });
  }
  return {
    id: order.id,
    legacyId: legacyId(order.id),
    name: order.name,
    email: order.email,
    note: order.note,
    tags: order.tags,
    financialStatus: restEnum(order.displayFinancialStatus),
    cancelledAt: order.cancelledAt,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    currency: order.currencyCode,
    presentmentCurrency: order.presentmentCurrencyCode,
    totalPrice: shopMoney(order.totalPriceSet),
    totalOutstanding: shopMoney(order.totalOutstandingSet),
    totalReceived: shopMoney(order.totalReceivedSet),
    totalRefunded: shopMoney(order.totalRefundedSet),
    customer: order.customer,
    lineItems: order.lineItems.nodes.map((li) => ({
      id: li.id,
      title: li.title,
      quantity: li.quantity,
      sku: li.sku,
      unitPrice: shopMoney(li.originalUnitPriceSet),
    })),
    transactions: order.transactions.map((t) => ({
      id: t.id,
      kind: restEnum(t.kind),
      status: restEnum(t.status),
      gateway: t.gateway,
      amount: shopMoney(t.amountSet),
      parentId: t.parentTransaction?.id ?? null,
    })),
    metafields: Object.fromEntries(
      order.metafields.nodes.map((m) => [`${m.namespace}.${m.key}`, m.value]),
    ),
  };
}

const usd = (amount: string): Money => ({ amount, currencyCode: 'USD' });

/** `shopify.getOrder`: reads an order with money, status, customer, line items and transactions. */
export const getOrderOperation = defineOperation<GetOrderInput, GetOrderOutput>({
  id: 'getOrder',
  label: 'Get order',
  description:
    'Reads an order: financial status, totals (outstanding, received, refunded), customer, line items, payment transactions and metafields.',
  effect: 'read',
  input: {
    type: 'object',
    required: ['orderId'],
    additionalProperties: false,
    properties: { orderId: idSchema('Order') },
  },
  output: {
    type: 'object',
    required: ['id', 'legacyId', 'name', 'financialStatus', 'totalPrice', 'totalOutstanding'],
    properties: {
      id: { type: 'string' },
      legacyId: { type: 'string' },
      name: { type: 'string' },
      email: { type: ['string', 'null'] },
      note: { type: ['string', 'null'] },
      tags: { type: 'array', items: { type: 'string' } },
      financialStatus: { type: ['string', 'null'] },
      currency: { type: 'string' },
      totalPrice: moneySchema,
      totalOutstanding: moneySchema,
      totalReceived: moneySchema,
      totalRefunded: moneySchema,
      customer: { type: ['object', 'null'] },
      lineItems: { type: 'array', items: { type: 'object' } },
      transactions: { type: 'array', items: { type: 'object' } },
      metafields: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  sample: {
    input: { orderId: '820982911946154508' },
    output: {
      id: 'gid://shopify/Order/820982911946154508',
      legacyId: '820982911946154508',
      name: '#1001',
      email: 'ada@example.com',
      note: null,
      tags: ['wholesale'],
      financialStatus: 'pending',
      cancelledAt: null,
      createdAt: '2025-10-01T12:00:00-04:00',
      updatedAt: '2025-10-01T12:00:00-04:00',
      currency: 'USD',
      presentmentCurrency: 'USD',
      totalPrice: usd('64.8'),
      totalOutstanding: usd('64.8'),
      totalReceived: usd('0.0'),
      totalRefunded: usd('0.0'),
      customer: {
        id: 'gid://shopify/Customer/115310627314723954',
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
      },
      lineItems: [
        {
          id: 'gid://shopify/LineItem/866550311766439020',
          title: 'Linen apron',
          quantity: 2,
          sku: 'APRON-LIN',
          unitPrice: usd('27.0'),
        },
      ],
      transactions: [],
      metafields: { 'paytrace.transaction_id': '178350012' },
    },
  },
  run,
});
