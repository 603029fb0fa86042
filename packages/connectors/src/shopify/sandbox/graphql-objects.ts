/**
 * Views of the REST-shaped store as Admin GraphQL objects. Related objects are getters, so
 * cycles (order → transaction → order) are only walked as far as a query selects.
 */
import type { RestObject } from './fixtures.js';
import { fromMinor } from './money.js';
import { type RestTransaction, type ShopifyStore, idOf } from './store.js';

type Node = Record<string, unknown>;

/** A scalar REST field as text, or the fallback when it is missing or not a scalar. */
function str(value: unknown, fallback: string): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

/** Shopify's GraphQL Decimal: no trailing zeros, at least one decimal ("64.8", "10.0"). */
export function graphqlDecimal(amount: string): string {
  if (!amount.includes('.')) return `${amount}.0`;
  const trimmed = amount.replace(/0+$/, '');
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed;
}

/** A MoneyV2. */
export function moneyV2(amount: string, currencyCode: string): Node {
  return { __typename: 'MoneyV2', amount: graphqlDecimal(amount), currencyCode };
}

interface RestMoneySet {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
}

/** A MoneyBag from a REST `*_set`. */
export function moneyBag(set: unknown, fallback?: { amount: string; currency: string }): Node {
  const s = set as RestMoneySet | undefined;
  const shop = s?.shop_money ?? {
    amount: fallback?.amount ?? '0.00',
    currency_code: fallback?.currency ?? 'USD',
  };
  const presentment = s?.presentment_money ?? shop;
  return {
    __typename: 'MoneyBag',
    shopMoney: moneyV2(shop.amount, shop.currency_code),
    presentmentMoney: moneyV2(presentment.amount, presentment.currency_code),
  };
}

function bagOf(minor: number, currency: string): Node {
  return moneyBag(undefined, { amount: fromMinor(minor, currency), currency });
}

/** A connection over a list (all items on one page). */
export function connection(typename: string, nodes: Node[]): Node {
  return {
    __typename: `${typename}Connection`,
    nodes,
    edges: nodes.map((node, i) => ({ __typename: `${typename}Edge`, cursor: `c${i}`, node })),
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: nodes.length ? 'c0' : null,
      endCursor: nodes.length ? `c${nodes.length - 1}` : null,
    },
  };
}

const tagList = (tags: unknown): string[] =>
  typeof tags === 'string'
    ? tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : [];

/** A MailingAddress from a REST address. */
export function mailingAddress(a: unknown): Node | null {
  if (!a || typeof a !== 'object') return null;
  const r = a as RestObject;
  const text = (k: string): string | null => {
    const v = r[k];
    return typeof v === 'string' ? v : null;
  };
  return {
    __typename: 'MailingAddress',
    firstName: text('first_name'),
    lastName: text('last_name'),
    name: text('name'),
    company: text('company'),
    address1: text('address1'),
    address2: text('address2'),
    city: text('city'),
    province: text('province'),
    provinceCode: text('province_code'),
    country: text('country'),
    countryCodeV2: text('country_code'),
    zip: text('zip'),
    phone: text('phone'),
  };
}

/** An OrderTransaction. */
export function transactionNode(store: ShopifyStore, t: RestTransaction): Node {
  return {
    __typename: 'OrderTransaction',
    __implements: ['Node'],
    id: t.admin_graphql_api_id,
    kind: t.kind.toUpperCase(),
    status: t.status.toUpperCase(),
    gateway: t.gateway,
    test: t.test,
    createdAt: t.created_at,
    processedAt: t.processed_at,
    amountSet: moneyBag(undefined, { amount: t.amount, currency: t.currency }),
    get parentTransaction(): Node | null {
      const parent = store.transactions.find((p) => p.id === t.parent_id);
      return parent ? transactionNode(store, parent) : null;
    },
    get order(): Node | null {
      const order = store.orders.get(t.order_id);
      return order ? orderNode(store, order) : null;
    },
  };
}

/** A Customer. */
export function customerNode(store: ShopifyStore, c: RestObject): Node {
  const stored = store.customers.get(idOf(c)) ?? c;
  const id = idOf(stored);
  return {
    __typename: 'Customer',
    __implements: ['Node', 'HasMetafields'],
    id: `gid://shopify/Customer/${id}`,
    legacyResourceId: id,
    email: stored.email ?? null,
    firstName: stored.first_name ?? null,
    lastName: stored.last_name ?? null,
    displayName: [stored.first_name, stored.last_name].filter(Boolean).join(' '),
    phone: stored.phone ?? null,
    note: stored.note ?? null,
    state: str(stored.state, 'enabled').toUpperCase(),
    verifiedEmail: Boolean(stored.verified_email),
    taxExempt: Boolean(stored.tax_exempt),
    tags: tagList(stored.tags),
    // UnsignedInt64 is serialised as a string.
    numberOfOrders: str(stored.orders_count, '0'),
    amountSpent: moneyV2(str(stored.total_spent, '0.00'), str(stored.currency, 'USD')),
    createdAt: stored.created_at ?? null,
    updatedAt: stored.updated_at ?? null,
    defaultAddress: mailingAddress(stored.default_address),
    addresses: ((stored.addresses ?? []) as unknown[]).map(mailingAddress),
    get metafields(): Node {
      return metafieldConnection(store, `gid://shopify/Customer/${id}`);
    },
  };
}

/** The metafields of an owner. */
export function metafieldConnection(store: ShopifyStore, ownerId: string): Node {
  return connection(
    'Metafield',
    store.metafields.filter((m) => m.ownerId === ownerId).map(metafieldNode),
  );
}

/** A Metafield. */
export function metafieldNode(m: ShopifyStore['metafields'][number]): Node {
  return {
    __typename: 'Metafield',
    id: `gid://shopify/Metafield/${m.id}`,
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    ownerType: m.ownerId.split('/')[3]?.toUpperCase() ?? null,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

function lineItemNode(li: RestObject): Node {
  return {
    __typename: 'LineItem',
    id: li.admin_graphql_api_id ?? `gid://shopify/LineItem/${idOf(li)}`,
    title: li.title ?? null,
    name: li.name ?? null,
    sku: li.sku ?? null,
    vendor: li.vendor ?? null,
    quantity: li.quantity ?? 0,
    currentQuantity: li.current_quantity ?? li.quantity ?? 0,
    requiresShipping: Boolean(li.requires_shipping),
    taxable: Boolean(li.taxable),
    originalUnitPriceSet: moneyBag(li.price_set),
    totalDiscountSet: moneyBag(li.total_discount_set),
  };
}

/** An Order. */
export function orderNode(store: ShopifyStore, o: RestObject): Node {
  const id = idOf(o);
  const gid = `gid://shopify/Order/${id}`;
  const money = store.money(o);
  return {
    __typename: 'Order',
    __implements: ['Node', 'HasMetafields'],
    id: gid,
    legacyResourceId: id,
    name: o.name,
    email: o.email ?? null,
    phone: o.phone ?? null,
    note: o.note ?? null,
    tags: tagList(o.tags),
    test: Boolean(o.test),
    closed: o.closed_at !== null && o.closed_at !== undefined,
    displayFinancialStatus:
      typeof o.financial_status === 'string' ? o.financial_status.toUpperCase() : null,
    displayFulfillmentStatus: str(o.fulfillment_status, 'unfulfilled').toUpperCase(),
    cancelledAt: o.cancelled_at ?? null,
    cancelReason: typeof o.cancel_reason === 'string' ? o.cancel_reason.toUpperCase() : null,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    processedAt: o.processed_at ?? o.created_at,
    currencyCode: o.currency,
    presentmentCurrencyCode: o.presentment_currency ?? o.currency,
    totalPriceSet: moneyBag(o.total_price_set),
    subtotalPriceSet: moneyBag(o.subtotal_price_set),
    totalTaxSet: moneyBag(o.total_tax_set),
    totalDiscountsSet: moneyBag(o.total_discounts_set),
    totalShippingPriceSet: moneyBag(o.total_shipping_price_set),
    currentTotalPriceSet: moneyBag(o.current_total_price_set ?? o.total_price_set),
    totalOutstandingSet: bagOf(money.outstanding, money.currency),
    totalReceivedSet: bagOf(money.received, money.currency),
    totalRefundedSet: bagOf(money.refunded, money.currency),
    customAttributes: ((o.note_attributes ?? []) as { name: string; value: string }[]).map((a) => ({
      __typename: 'Attribute',
      key: a.name,
      value: a.value,
    })),
    billingAddress: mailingAddress(o.billing_address),
    shippingAddress: mailingAddress(o.shipping_address),
    get customer(): Node | null {
      const c = o.customer as RestObject | null | undefined;
      return c ? customerNode(store, c) : null;
    },
    lineItems: connection('LineItem', ((o.line_items ?? []) as RestObject[]).map(lineItemNode)),
    get transactions(): Node[] {
      return store.transactionsOf(id).map((t) => transactionNode(store, t));
    },
    get metafields(): Node {
      return metafieldConnection(store, gid);
    },
  };
}
