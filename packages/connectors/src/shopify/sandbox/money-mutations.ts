import type { RestObject } from './fixtures.js';
import type { RootResolver } from './graphql-execute.js';
import { connection, moneyBag, orderNode, transactionNode } from './graphql-objects.js';
import { fromMinor, moneySet, toMinor } from './money.js';
import {
  decimalValue,
  enumValue,
  gidId,
  inputObject,
  listValue,
  userError,
} from './resolve-util.js';
import { type ShopifyStore, idOf } from './store.js';

const RESTOCK_TYPES = ['NO_RESTOCK', 'CANCEL', 'RETURN'] as const;

/** orderMarkAsPaid, orderCapture and refundCreate: the mutations that move money. */
export function moneyMutations(store: ShopifyStore): Record<string, RootResolver> {
  const orderFor = (gid: unknown): RestObject | undefined => store.orders.get(gidId(gid, 'Order'));

  function orderMarkAsPaid({ input }: Record<string, unknown>): unknown {
    const fields = inputObject(input, 'OrderMarkAsPaidInput', ['id'], []);
    const order = orderFor(fields.id);
    const fail = (message: string): unknown => ({
      __typename: 'OrderMarkAsPaidPayload',
      order: null,
      userErrors: [userError(['id'], message)],
    });
    if (!order) return fail('Order does not exist');
    if (order.cancelled_at) return fail('Order cannot be marked as paid because it is cancelled.');
    const { outstanding, currency } = store.money(order);
    // Shopify only marks an order paid while an amount is outstanding.
    if (outstanding <= 0) return fail('Order cannot be marked as paid.');
    store.addTransaction(order, 'sale', fromMinor(outstanding, currency), null);
    store.settle(order);
    return { __typename: 'OrderMarkAsPaidPayload', order: orderNode(store, order), userErrors: [] };
  }

  function orderCapture({ input }: Record<string, unknown>): unknown {
    const fields = inputObject(
      input,
      'OrderCaptureInput',
      ['id', 'parentTransactionId', 'amount'],
      ['currency', 'finalCapture'],
    );
    const amount = decimalValue(fields.amount, 'amount');
    const fail = (field: string, message: string): unknown => ({
      __typename: 'OrderCapturePayload',
      transaction: null,
      userErrors: [userError([field], message)],
    });
    const order = orderFor(fields.id);
    if (!order) return fail('id', 'Order does not exist');
    const parentId = gidId(fields.parentTransactionId, 'OrderTransaction');
    const parent = store.transactionsOf(idOf(order)).find((t) => t.id === parentId);
    if (!parent || parent.kind !== 'authorization' || parent.status !== 'success') {
      return fail(
        'parentTransactionId',
        'Parent transaction does not exist or is not an authorization',
      );
    }
    const currency = order.currency as string;
    if (
      fields.currency !== undefined &&
      fields.currency !== (order.presentment_currency ?? currency)
    ) {
      return fail('currency', 'Currency must match the order presentment currency');
    }
    const captured = store
      .transactionsOf(idOf(order))
      .filter((t) => t.kind === 'capture' && t.parent_id === parent.id && t.status === 'success')
      .reduce((n, t) => n + toMinor(t.amount, currency), 0);
    const capturable = toMinor(parent.amount, currency) - captured;
    const wanted = toMinor(amount, currency);
    if (wanted <= 0 || wanted > capturable) {
      return fail(
        'amount',
        `Amount must be greater than zero and at most ${fromMinor(capturable, currency)}`,
      );
    }
    const tx = store.addTransaction(order, 'capture', fromMinor(wanted, currency), parent.id);
    store.settle(order);
    return {
      __typename: 'OrderCapturePayload',
      transaction: transactionNode(store, tx),
      userErrors: [],
    };
  }

  function refundCreate({ input }: Record<string, unknown>): unknown {
    const fields = inputObject(
      input,
      'RefundInput',
      ['orderId'],
      ['note', 'notify', 'refundLineItems', 'shipping', 'transactions', 'currency', 'refundDuties'],
    );
    const fail = (field: string[], message: string): unknown => ({
      __typename: 'RefundCreatePayload',
      refund: null,
      order: null,
      userErrors: [userError(field, message)],
    });
    const order = orderFor(fields.orderId);
    if (!order) return fail(['orderId'], 'Order does not exist');
    const orderId = idOf(order);
    const currency = order.currency as string;
    const lines = (order.line_items ?? []) as RestObject[];
    const refundLines: RestObject[] = [];
    let lineMinor = 0;
    const requested = listValue(fields.refundLineItems ?? [], 'RefundLineItemInput');
    for (const [i, raw] of requested.entries()) {
      const li = inputObject(
        raw,
        'RefundLineItemInput',
        ['lineItemId', 'quantity'],
        ['restockType', 'locationId'],
      );
      const line = lines.find((l) => idOf(l) === gidId(li.lineItemId, 'LineItem'));
      if (!line)
        return fail(['refundLineItems', String(i), 'lineItemId'], 'Line item does not exist');
      const remaining = Number(line.current_quantity ?? line.quantity ?? 0);
      const quantity = Number(li.quantity);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > remaining) {
        return fail(
          ['refundLineItems', String(i), 'quantity'],
          `Quantity cannot refund more items than were purchased (${remaining} left)`,
        );
      }
      const restock =
        li.restockType === undefined
          ? 'NO_RESTOCK'
          : enumValue(li.restockType, 'RefundLineItemRestockType', RESTOCK_TYPES);
      const unit = toMinor(line.price as string, currency);
      const lineTax = ((line.tax_lines ?? []) as { price: string }[]).reduce(
        (n, t) => n + toMinor(t.price, currency),
        0,
      );
      const taxShare = Math.round((lineTax * quantity) / Number(line.quantity ?? 1));
      lineMinor += unit * quantity + taxShare;
      refundLines.push({
        id: store.newId(),
        line_item_id: idOf(line),
        quantity,
        restock_type: restock.toLowerCase(),
        subtotal: fromMinor(unit * quantity, currency),
        subtotal_set: moneySet(unit * quantity, currency),
        total_tax: fromMinor(taxShare, currency),
        total_tax_set: moneySet(taxShare, currency),
        _line: line,
      });
    }
    const money = store.money(order);
    let refundable = money.received - money.refunded;
    const txInputs = listValue(fields.transactions ?? [], 'OrderTransactionInput');
    const planned: { minor: number; gateway: string; parentId: string | null }[] = [];
    for (const [i, raw] of txInputs.entries()) {
      const t = inputObject(
        raw,
        'OrderTransactionInput',
        ['amount', 'gateway', 'kind', 'orderId'],
        ['parentId'],
      );
      enumValue(t.kind, 'OrderTransactionKind', ['REFUND']);
      const minor = toMinor(decimalValue(t.amount, 'amount'), currency);
      if (minor <= 0 || minor > refundable) {
        return fail(
          ['transactions', String(i), 'amount'],
          `Amount cannot be greater than the refundable amount of ${fromMinor(refundable, currency)}`,
        );
      }
      const parentId = t.parentId === undefined ? null : gidId(t.parentId, 'OrderTransaction');
      if (
        parentId &&
        !store
          .transactionsOf(orderId)
          .some((p) => p.id === parentId && (p.kind === 'sale' || p.kind === 'capture'))
      ) {
        return fail(['transactions', String(i), 'parentId'], 'Parent transaction does not exist');
      }
      refundable -= minor;
      planned.push({ minor, gateway: String(t.gateway), parentId });
    }
    const txs = planned.map((p) => {
      const tx = store.addTransaction(order, 'refund', fromMinor(p.minor, currency), p.parentId);
      tx.gateway = p.gateway;
      return tx;
    });
    for (const rl of refundLines) {
      const line = rl._line as RestObject;
      line.current_quantity = Number(line.current_quantity ?? line.quantity) - Number(rl.quantity);
      delete rl._line;
    }
    if (lineMinor > 0) {
      const current = toMinor((order.current_total_price ?? order.total_price) as string, currency);
      store.setMoney(order, 'current_total_price', Math.max(0, current - lineMinor));
    }
    const id = store.newId();
    const now = store.now();
    const refund: RestObject = {
      id,
      admin_graphql_api_id: `gid://shopify/Refund/${id}`,
      order_id: orderId,
      created_at: now,
      processed_at: now,
      note: typeof fields.note === 'string' ? fields.note : null,
      restock: refundLines.some((r) => r.restock_type !== 'no_restock'),
      user_id: null,
      refund_line_items: refundLines,
      refund_shipping_lines: [],
      order_adjustments: [],
      transactions: txs,
    };
    store.refunds.push(refund);
    order.refunds = [...((order.refunds ?? []) as RestObject[]), refund];
    store.settle(order);
    const total = txs.reduce((n, t) => n + toMinor(t.amount, currency), 0);
    return {
      __typename: 'RefundCreatePayload',
      refund: {
        __typename: 'Refund',
        id: refund.admin_graphql_api_id,
        legacyResourceId: id,
        createdAt: now,
        note: refund.note,
        totalRefundedSet: moneyBag(moneySet(total, currency)),
        transactions: connection(
          'OrderTransaction',
          txs.map((t) => transactionNode(store, t)),
        ),
        get order() {
          return orderNode(store, order);
        },
      },
      get order() {
        return orderNode(store, order);
      },
      userErrors: [],
    };
  }

  return { orderMarkAsPaid, orderCapture, refundCreate };
}
