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

/** Input of `shopify.captureOrder`. */
export interface CaptureOrderInput {
  orderId: string;
  /** The authorization transaction to capture from. */
  parentTransactionId: string;
  amount: string;
  currency?: string;
}

/** Output of `shopify.captureOrder`. */
export interface CaptureOrderOutput {
  transactionId: string;
  orderId: string;
  kind: string | null;
  status: string | null;
  amount: Money;
  parentTransactionId: string | null;
  financialStatus: string | null;
}

const MUTATION = `mutation BraidCaptureOrder($input: OrderCaptureInput!) {
  orderCapture(input: $input) {
    transaction {
      id kind status amountSet { ${MONEY_BAG} }
      parentTransaction { id }
      order { id displayFinancialStatus }
    }
    userErrors { field message }
  }
}`;

interface Result {
  transaction: {
    id: string;
    kind: string;
    status: string;
    amountSet: MoneyBag;
    parentTransaction: { id: string } | null;
    order: { id: string; displayFinancialStatus: string | null };
  };
}

async function run(input: CaptureOrderInput, ctx: ConnectorContext): Promise<CaptureOrderOutput> {
  const { transaction } = await shopifyGraphql<Result>(ctx, {
    query: MUTATION,
    variables: {
      input: {
        id: toGid('Order', input.orderId),
        parentTransactionId: toGid('OrderTransaction', input.parentTransactionId),
        amount: input.amount,
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
      },
    },
    root: 'orderCapture',
    expectedCost: 17,
  });
  return {
    transactionId: transaction.id,
    orderId: transaction.order.id,
    kind: restEnum(transaction.kind),
    status: restEnum(transaction.status),
    amount: shopMoney(transaction.amountSet),
    parentTransactionId: transaction.parentTransaction?.id ?? null,
    financialStatus: restEnum(transaction.order.displayFinancialStatus),
  };
}

/** `shopify.captureOrder`: captures (part of) an authorized payment on an order (orderCapture). */
export const captureOrderOperation = defineOperation<CaptureOrderInput, CaptureOrderOutput>({
  id: 'captureOrder',
  label: 'Capture payment',
  description:
    'Captures an authorized payment, fully or partly, through the authorization transaction (orderCapture). Shopify refuses amounts above what is still capturable.',
  effect: 'write',
  input: {
    type: 'object',
    required: ['orderId', 'parentTransactionId', 'amount'],
    additionalProperties: false,
    properties: {
      orderId: idSchema('Order'),
      parentTransactionId: idSchema('OrderTransaction'),
      amount: decimalSchema,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    },
  },
  output: {
    type: 'object',
    required: ['transactionId', 'orderId', 'amount', 'financialStatus'],
    properties: {
      transactionId: { type: 'string' },
      orderId: { type: 'string' },
      kind: { type: ['string', 'null'] },
      status: { type: ['string', 'null'] },
      amount: moneySchema,
      parentTransactionId: { type: ['string', 'null'] },
      financialStatus: { type: ['string', 'null'] },
    },
  },
  sample: {
    input: { orderId: '820982911946154508', parentTransactionId: '389404469', amount: '64.80' },
    output: {
      transactionId: 'gid://shopify/OrderTransaction/1068278510',
      orderId: 'gid://shopify/Order/820982911946154508',
      kind: 'capture',
      status: 'success',
      amount: { amount: '64.8', currencyCode: 'USD' },
      parentTransactionId: 'gid://shopify/OrderTransaction/389404469',
      financialStatus: 'paid',
    },
  },
  run,
});
