import {
  FIXTURE_TIME,
  type RestAddress,
  type RestObject,
  buildAddress,
  buildCustomer,
  newShopifyId,
} from './fixtures.js';
import { fromMinor, moneySet, toMinor } from './money.js';

/** One line of {@link buildOrder}. */
export interface LineItemSpec {
  title: string;
  /** Unit price as a decimal string. */
  price: string;
  quantity?: number;
  sku?: string | null;
  vendor?: string;
  /** Tax rate, e.g. 0.13 (default 0). */
  taxRate?: number;
  grams?: number;
}

/** Options of {@link buildOrder}. */
export interface BuildOrderOptions {
  id?: string;
  orderNumber?: number;
  currency?: string;
  presentmentCurrency?: string;
  /** Presentment units per shop unit (default 1). */
  presentmentRate?: number;
  lineItems?: LineItemSpec[];
  shipping?: { title: string; price: string } | null;
  discount?: { code: string; amount: string } | null;
  financialStatus?: 'pending' | 'authorized' | 'paid';
  customer?: RestObject;
  email?: string;
  note?: string | null;
  tags?: string[];
  billingAddress?: Partial<RestAddress>;
  shippingAddress?: Partial<RestAddress>;
  gateway?: string;
  createdAt?: string;
  test?: boolean;
}

let nextOrderNumber = 1000;

/** An order as `orders/create` delivers it: money as decimal strings with `*_set`, 64-bit ids. */
export function buildOrder(options: BuildOrderOptions = {}): RestObject {
  const currency = options.currency ?? 'USD';
  const presentment = {
    currency: options.presentmentCurrency ?? currency,
    rate: options.presentmentRate ?? 1,
  };
  const set = (minor: number): ReturnType<typeof moneySet> =>
    moneySet(minor, currency, presentment);
  const money = (minor: number): string => fromMinor(minor, currency);
  const id = options.id ?? newShopifyId();
  const number = options.orderNumber ?? (nextOrderNumber += 1);
  const created = options.createdAt ?? FIXTURE_TIME;
  const customer = options.customer ?? buildCustomer({ currency });
  const email = options.email ?? (customer.email as string);
  const specs = options.lineItems ?? [{ title: 'Linen apron', price: '27.00', quantity: 2 }];
  let lineTotal = 0;
  let tax = 0;
  const lineItems = specs.map((spec, i) => {
    const quantity = spec.quantity ?? 1;
    const unit = toMinor(spec.price, currency);
    const lineTax = Math.round(unit * quantity * (spec.taxRate ?? 0));
    lineTotal += unit * quantity;
    tax += lineTax;
    const lineId = newShopifyId();
    return {
      id: lineId,
      admin_graphql_api_id: `gid://shopify/LineItem/${lineId}`,
      variant_id: newShopifyId(),
      product_id: newShopifyId(),
      title: spec.title,
      name: spec.title,
      variant_title: null,
      sku: spec.sku === undefined ? `SKU-${i + 1}` : spec.sku,
      vendor: spec.vendor ?? 'Braid Demo Goods',
      quantity,
      current_quantity: quantity,
      fulfillable_quantity: quantity,
      fulfillment_status: null,
      price: money(unit),
      price_set: set(unit),
      total_discount: money(0),
      total_discount_set: set(0),
      discount_allocations: [],
      taxable: (spec.taxRate ?? 0) > 0,
      tax_lines:
        lineTax > 0
          ? [{ title: 'HST', rate: spec.taxRate, price: money(lineTax), price_set: set(lineTax) }]
          : [],
      requires_shipping: true,
      grams: spec.grams ?? 450,
      gift_card: false,
      properties: [],
    };
  });
  const shipping =
    options.shipping === undefined ? { title: 'Standard', price: '10.80' } : options.shipping;
  const shippingMinor = shipping ? toMinor(shipping.price, currency) : 0;
  const discountMinor = options.discount ? toMinor(options.discount.amount, currency) : 0;
  const subtotal = lineTotal - discountMinor;
  const total = subtotal + shippingMinor + tax;
  const status = options.financialStatus ?? 'pending';
  const outstanding = status === 'paid' ? 0 : total;
  const billing = buildAddress({
    first_name: customer.first_name as string,
    last_name: customer.last_name as string,
    ...options.billingAddress,
  });
  const embeddedCustomer = { ...customer };
  delete embeddedCustomer.addresses;
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${number}`,
    order_number: number,
    number: number - 1000,
    email,
    contact_email: email,
    phone: null,
    created_at: created,
    updated_at: created,
    processed_at: created,
    closed_at: null,
    cancelled_at: null,
    cancel_reason: null,
    confirmed: true,
    test: options.test ?? false,
    currency,
    presentment_currency: presentment.currency,
    financial_status: status,
    fulfillment_status: null,
    taxes_included: false,
    tax_exempt: false,
    total_line_items_price: money(lineTotal),
    total_line_items_price_set: set(lineTotal),
    subtotal_price: money(subtotal),
    subtotal_price_set: set(subtotal),
    total_tax: money(tax),
    total_tax_set: set(tax),
    total_discounts: money(discountMinor),
    total_discounts_set: set(discountMinor),
    total_shipping_price_set: set(shippingMinor),
    total_price: money(total),
    total_price_set: set(total),
    current_subtotal_price: money(subtotal),
    current_subtotal_price_set: set(subtotal),
    current_total_tax: money(tax),
    current_total_tax_set: set(tax),
    current_total_discounts: money(discountMinor),
    current_total_discounts_set: set(discountMinor),
    current_total_price: money(total),
    current_total_price_set: set(total),
    total_outstanding: money(outstanding),
    total_weight: lineItems.reduce((g, li) => g + li.grams * li.quantity, 0),
    tax_lines: tax > 0 ? [{ title: 'HST', price: money(tax), price_set: set(tax) }] : [],
    discount_codes: options.discount
      ? [{ code: options.discount.code, amount: money(discountMinor), type: 'fixed_amount' }]
      : [],
    note: options.note ?? null,
    note_attributes: [],
    tags: (options.tags ?? []).join(', '),
    payment_gateway_names: [options.gateway ?? 'manual'],
    source_name: 'web',
    buyer_accepts_marketing: false,
    billing_address: billing,
    shipping_address: buildAddress({ ...billing, ...options.shippingAddress }),
    customer: embeddedCustomer,
    line_items: lineItems,
    shipping_lines: shipping
      ? [
          {
            id: newShopifyId(),
            title: shipping.title,
            code: shipping.title,
            source: 'shopify',
            price: money(shippingMinor),
            price_set: set(shippingMinor),
            discounted_price: money(shippingMinor),
            discounted_price_set: set(shippingMinor),
            tax_lines: [],
          },
        ]
      : [],
    refunds: [],
  };
}

/** Options of {@link buildRefund}. */
export interface BuildRefundOptions {
  order: RestObject;
  /** Line items to refund (by REST line item id); default none. */
  lineItems?: { lineItemId: string; quantity: number }[];
  /** Money returned; default the refunded lines' subtotal plus tax. */
  amount?: string;
  note?: string | null;
  restock?: boolean;
  gateway?: string;
  parentId?: string | null;
  createdAt?: string;
  id?: string;
}

/** A refund as `refunds/create` delivers it. */
export function buildRefund(options: BuildRefundOptions): RestObject {
  const order = options.order;
  const currency = order.currency as string;
  const orderId = order.id as string;
  const id = options.id ?? newShopifyId();
  const created = options.createdAt ?? FIXTURE_TIME;
  const set = (minor: number): ReturnType<typeof moneySet> => moneySet(minor, currency);
  const lines = (order.line_items ?? []) as RestObject[];
  let linesMinor = 0;
  const refundLineItems = (options.lineItems ?? []).map((want) => {
    const line = lines.find((l) => l.id === want.lineItemId);
    if (!line) throw new Error(`order ${orderId} has no line item ${want.lineItemId}`);
    const unit = toMinor(line.price as string, currency);
    const quantity = line.quantity as number;
    const lineTax = ((line.tax_lines ?? []) as { price: string }[]).reduce(
      (sum, t) => sum + toMinor(t.price, currency),
      0,
    );
    const subtotal = unit * want.quantity;
    const taxShare = Math.round((lineTax * want.quantity) / quantity);
    linesMinor += subtotal + taxShare;
    return {
      id: newShopifyId(),
      line_item_id: want.lineItemId,
      line_item: line,
      quantity: want.quantity,
      restock_type: options.restock ? 'return' : 'no_restock',
      location_id: options.restock ? newShopifyId() : null,
      subtotal: fromMinor(subtotal, currency),
      subtotal_set: set(subtotal),
      total_tax: fromMinor(taxShare, currency),
      total_tax_set: set(taxShare),
    };
  });
  const amount = options.amount !== undefined ? toMinor(options.amount, currency) : linesMinor;
  const transactionId = newShopifyId();
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Refund/${id}`,
    order_id: orderId,
    created_at: created,
    processed_at: created,
    note: options.note ?? null,
    restock: options.restock ?? false,
    user_id: null,
    duties: [],
    total_duties_set: set(0),
    refund_line_items: refundLineItems,
    refund_shipping_lines: [],
    order_adjustments: [],
    transactions: [
      {
        id: transactionId,
        admin_graphql_api_id: `gid://shopify/OrderTransaction/${transactionId}`,
        order_id: orderId,
        kind: 'refund',
        status: 'success',
        amount: fromMinor(amount, currency),
        currency,
        gateway: options.gateway ?? 'manual',
        parent_id: options.parentId ?? null,
        created_at: created,
        processed_at: created,
        source_name: 'external',
        test: false,
        error_code: null,
        message: null,
      },
    ],
  };
}
