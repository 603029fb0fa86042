import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { shopifyGraphql } from '../graphql.js';
import { idSchema, toGid } from '../ids.js';
import {
  MONEY_BAG,
  type Money,
  type MoneyBag,
  moneySchema,
  restEnum,
  shopMoney,
} from './shared.js';

/** Input of `shopify.markOrderPaid`. */
export interface MarkOrderPaidInput {
  orderId: string;
}

/** Output of `shopify.markOrderPaid`. */
export interface MarkOrderPaidOutput {
  orderId: string;
  financialStatus: string | null;
  totalOutstanding: Money;
}

const MUTATION = `mutation BraidMarkOrderPaid($input: OrderMarkAsPaidInput!) {
  orderMarkAsPaid(input: $input) {
    order { id displayFinancialStatus totalOutstandingSet { ${MONEY_BAG} } }
    userErrors { field message }
  }
}`;

interface Result {
  order: { id: string; displayFinancialStatus: string | null; totalOutstandingSet: MoneyBag };
}

const READ = `query BraidOrderOutstanding($id: ID!) {
  order(id: $id) { id displayFinancialStatus totalOutstandingSet { ${MONEY_BAG} } }
}`;

function outputOf(order: Result['order']): MarkOrderPaidOutput {
  return {
    orderId: order.id,
    financialStatus: restEnum(order.displayFinancialStatus),
    totalOutstanding: shopMoney(order.totalOutstandingSet),
  };
}

async function run(input: MarkOrderPaidInput, ctx: ConnectorContext): Promise<MarkOrderPaidOutput> {
  const id = toGid('Order', input.orderId);
  try {
    const result = await shopifyGraphql<Result>(ctx, {
      query: MUTATION,
      variables: { input: { id } },
      root: 'orderMarkAsPaid',
      expectedCost: 15,
    });
    return outputOf(result.order);
  } catch (err) {
    // A retry after a lost answer finds the order already paid: that was our own earlier attempt.
    if (!(err instanceof StepFailure) || err.code !== 'SHOPIFY_USER_ERROR' || ctx.attempt < 2) {
      throw err;
    }
    const order = await shopifyGraphql<Result['order'] | null>(ctx, {
      query: READ,
      variables: { id },
      root: 'order',
      expectedCost: 2,
    });
    if (!order || !/^0(\.0*)?$/.test(shopMoney(order.totalOutstandingSet).amount)) throw err;
    return outputOf(order);
  }
}

/** `shopify.markOrderPaid`: records the outstanding amount as paid outside Shopify (orderMarkAsPaid). */
export const markOrderPaidOperation = defineOperation<MarkOrderPaidInput, MarkOrderPaidOutput>({
  id: 'markOrderPaid',
  label: 'Mark order as paid',
  description:
    'Marks an order as paid when the payment was taken elsewhere (e.g. PayTrace). Shopify refuses when nothing is outstanding, so a second run fails with SHOPIFY_USER_ERROR instead of paying twice; a retry of the same step after a lost answer reads the order and succeeds when it is paid.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['orderId'],
    additionalProperties: false,
    properties: { orderId: idSchema('Order') },
  },
  output: {
    type: 'object',
    required: ['orderId', 'financialStatus', 'totalOutstanding'],
    properties: {
      orderId: { type: 'string' },
      financialStatus: { type: ['string', 'null'] },
      totalOutstanding: moneySchema,
    },
  },
  sample: {
    input: { orderId: '820982911946154508' },
    output: {
      orderId: 'gid://shopify/Order/820982911946154508',
      financialStatus: 'paid',
      totalOutstanding: { amount: '0.0', currencyCode: 'USD' },
    },
  },
  run,
});
