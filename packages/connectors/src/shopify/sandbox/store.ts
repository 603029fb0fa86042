import type { Clock } from '@braid/engine';
import type { RestObject } from './fixtures.js';
import { fromMinor, moneySet, toMinor } from './money.js';

/** An order transaction in REST shape (Shopify keeps them apart from the order payload). */
export interface RestTransaction {
  id: string;
  admin_graphql_api_id: string;
  order_id: string;
  kind: 'authorization' | 'capture' | 'sale' | 'void' | 'refund';
  status: 'success' | 'failure' | 'pending';
  amount: string;
  currency: string;
  gateway: string;
  parent_id: string | null;
  created_at: string;
  processed_at: string;
  test: boolean;
}

/** A stored metafield. */
export interface MetafieldRecord {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

/** A stored risk assessment. */
export interface RiskRecord {
  orderId: string;
  riskLevel: string;
  facts: { description: string; sentiment: string }[];
  createdAt: string;
}

/** Seed of the Shopify sandbox: REST payloads as webhooks deliver them, ids as strings. */
export interface ShopifySeed {
  orders?: RestObject[];
  customers?: RestObject[];
  /** Order transactions; orders without any get them from their financial_status. */
  transactions?: RestTransaction[];
}

interface State {
  orders: Map<string, RestObject>;
  customers: Map<string, RestObject>;
  transactions: RestTransaction[];
  refunds: RestObject[];
  metafields: MetafieldRecord[];
  risks: RiskRecord[];
  seq: bigint;
}

function empty(): State {
  return {
    orders: new Map(),
    customers: new Map(),
    transactions: [],
    refunds: [],
    metafields: [],
    risks: [],
    // Sandbox-made ids stay above 2^53 like the real ones.
    seq: 7_340_000_000_000_000_000n,
  };
}

/** Money totals of an order, in minor units. */
export interface OrderMoney {
  currency: string;
  total: number;
  authorized: number;
  received: number;
  refunded: number;
  outstanding: number;
}

/** The sandbox's state: orders, customers, transactions, refunds, metafields, risks. */
export class ShopifyStore {
  private s: State = empty();

  constructor(private readonly clock: Clock) {}

  /** The current time as Shopify formats it. */
  now(): string {
    return new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** A fresh 64-bit id string. */
  newId(): string {
    this.s.seq += 1n;
    return this.s.seq.toString();
  }

  get orders(): Map<string, RestObject> {
    return this.s.orders;
  }
  get customers(): Map<string, RestObject> {
    return this.s.customers;
  }
  get transactions(): RestTransaction[] {
    return this.s.transactions;
  }
  get refunds(): RestObject[] {
    return this.s.refunds;
  }
  get metafields(): MetafieldRecord[] {
    return this.s.metafields;
  }
  get risks(): RiskRecord[] {
    return this.s.risks;
  }

  /** Forgets everything. */
  reset(): void {
    this.s = empty();
  }

  /** A deep copy, so a request that fails validation can leave no trace. */
  snapshot(): State {
    return structuredClone(this.s);
  }

  /** Puts a snapshot back. */
  restore(snapshot: State): void {
    this.s = snapshot;
  }

  /** Loads REST payloads; ids must be strings (numbers beyond 2^53 would already be wrong). */
  seed(seed: ShopifySeed): void {
    for (const c of seed.customers ?? []) this.s.customers.set(idOf(c), structuredClone(c));
    for (const o of seed.orders ?? []) {
      const order = structuredClone(o);
      this.s.orders.set(idOf(order), order);
      const customer = order.customer as RestObject | null | undefined;
      if (customer && !this.s.customers.has(idOf(customer))) {
        this.s.customers.set(idOf(customer), structuredClone(customer));
      }
    }
    this.s.transactions.push(...structuredClone(seed.transactions ?? []));
    for (const order of seed.orders ?? []) {
      const id = idOf(order);
      if (!this.s.transactions.some((t) => t.order_id === id)) this.synthesiseTransactions(id);
    }
  }

  /** Transactions an order must have had to reach its seeded financial_status. */
  private synthesiseTransactions(orderId: string): void {
    const order = this.s.orders.get(orderId);
    if (!order) return;
    const currency = order.currency as string;
    const total = toMinor(order.total_price as string, currency);
    const outstanding = toMinor((order.total_outstanding as string | undefined) ?? '0', currency);
    const add = (kind: RestTransaction['kind'], minor: number, parent: string | null): string =>
      this.addTransaction(
        order,
        kind,
        fromMinor(minor, currency),
        parent,
        order.created_at as string,
      ).id;
    switch (order.financial_status) {
      case 'authorized':
        add('authorization', total, null);
        break;
      case 'partially_paid':
        add('sale', total - outstanding, null);
        break;
      case 'paid':
        add('sale', total, null);
        break;
      case 'refunded':
      case 'partially_refunded': {
        const sale = add('sale', total, null);
        for (const r of (order.refunds ?? []) as RestObject[]) {
          for (const t of (r.transactions ?? []) as { amount: string }[]) {
            add('refund', toMinor(t.amount, currency), sale);
          }
        }
        break;
      }
      default:
        break;
    }
  }

  /** Records a successful transaction on an order. */
  addTransaction(
    order: RestObject,
    kind: RestTransaction['kind'],
    amount: string,
    parentId: string | null,
    at = this.now(),
  ): RestTransaction {
    const id = this.newId();
    const tx: RestTransaction = {
      id,
      admin_graphql_api_id: `gid://shopify/OrderTransaction/${id}`,
      order_id: idOf(order),
      kind,
      status: 'success',
      amount,
      currency: order.currency as string,
      gateway: ((order.payment_gateway_names ?? ['manual']) as string[])[0] ?? 'manual',
      parent_id: parentId,
      created_at: at,
      processed_at: at,
      test: Boolean(order.test),
    };
    this.s.transactions.push(tx);
    return tx;
  }

  /** Transactions of one order, oldest first. */
  transactionsOf(orderId: string): RestTransaction[] {
    return this.s.transactions.filter((t) => t.order_id === orderId);
  }

  /** What was authorized, received, refunded and is still outstanding on an order. */
  money(order: RestObject): OrderMoney {
    const currency = order.currency as string;
    const sum = (kinds: string[]): number =>
      this.transactionsOf(idOf(order))
        .filter((t) => t.status === 'success' && kinds.includes(t.kind))
        .reduce((n, t) => n + toMinor(t.amount, currency), 0);
    const total = toMinor((order.current_total_price ?? order.total_price) as string, currency);
    const received = sum(['sale', 'capture']);
    const refunded = sum(['refund']);
    return {
      currency,
      total,
      authorized: sum(['authorization']),
      received,
      refunded,
      outstanding: Math.max(0, total - (received - refunded)),
    };
  }

  /** Re-derives financial_status and total_outstanding from the transactions, as Shopify does. */
  settle(order: RestObject): void {
    const m = this.money(order);
    let status: string;
    if (m.refunded > 0) status = m.refunded >= m.received ? 'refunded' : 'partially_refunded';
    else if (m.received > 0) status = m.received >= m.total ? 'paid' : 'partially_paid';
    else if (m.authorized > 0) status = 'authorized';
    else status = order.financial_status === 'voided' ? 'voided' : 'pending';
    order.financial_status = status;
    order.total_outstanding = fromMinor(m.outstanding, m.currency);
    order.updated_at = this.now();
  }

  /** Replaces a REST money field and its `*_set`. */
  setMoney(order: RestObject, field: string, minor: number): void {
    const currency = order.currency as string;
    const totals = order.total_price_set as
      { presentment_money?: { amount?: string; currency_code?: string } } | undefined;
    const shopTotal = Number(order.total_price);
    const presentmentTotal = Number(totals?.presentment_money?.amount);
    // Keep the order's exchange rate so presentment money stays consistent after edits.
    const rate = shopTotal > 0 && presentmentTotal > 0 ? presentmentTotal / shopTotal : 1;
    order[field] = fromMinor(minor, currency);
    order[`${field}_set`] = moneySet(minor, currency, {
      currency: (order.presentment_currency as string | undefined) ?? currency,
      rate,
    });
  }

  /** The state as JSON for tests and the demo. */
  view(): Record<string, unknown> {
    return {
      orders: [...this.s.orders.values()],
      customers: [...this.s.customers.values()],
      transactions: this.s.transactions,
      refunds: this.s.refunds,
      metafields: this.s.metafields,
      riskAssessments: this.s.risks,
    };
  }
}

/** The REST id of a payload as a string. */
export function idOf(obj: RestObject): string {
  const id = obj.id;
  if (typeof id !== 'string' && typeof id !== 'number')
    throw new Error('a seeded object has no id');
  return String(id);
}
