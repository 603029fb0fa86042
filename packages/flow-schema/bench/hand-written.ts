import {
  decMul,
  decSum,
  mapStatus,
  paytraceReference,
  paytraceStatusOf,
  roundMoney,
  toMinorUnits,
  toPaytraceAddress,
  type ShopifyAddress,
} from '../src/functions/index.js';

/**
 * The benchmark's baseline: the two mappings written by hand in TypeScript, calling the same
 * finance helpers the `$` functions wrap. They produce the same output as the JSONata mappings in
 * `src/compiler/test-support/realistic-mapping.ts` for Shopify orders shaped like the fixture.
 */

interface LineItem {
  product_id?: string;
  sku?: string;
  title?: string;
  variant_title?: string | null;
  quantity: number;
  price: string;
  taxable?: boolean;
  discount_allocations?: { amount: string }[];
}

interface ShopifyOrder {
  id: string;
  name: string;
  order_number: number;
  email?: string | null;
  currency: string;
  financial_status?: string;
  source_name?: string;
  test?: boolean;
  tags?: string;
  created_at?: string;
  total_price: string;
  subtotal_price?: string;
  total_tax?: string;
  total_discounts?: string;
  total_weight?: number;
  tax_lines?: { rate: number }[];
  discount_codes?: { code: string }[];
  shipping_lines?: { title?: string; price: string }[];
  customer?: {
    id?: string;
    email?: string;
    first_name?: string | null;
    last_name?: string | null;
    phone?: string | null;
  };
  billing_address?: (ShopifyAddress & { phone?: string | null }) | null;
  shipping_address?: ShopifyAddress | null;
  line_items: LineItem[];
}

interface OrderDocument {
  trigger: ShopifyOrder;
  steps: { authorize?: Record<string, unknown> };
  params: { invoicePrefix?: string; statusOverrides?: Record<string, unknown> };
}

const PAYMENT_STATUS: Record<string, string> = {
  pending: 'unpaid',
  authorized: 'authorized',
  partially_paid: 'partially_paid',
  paid: 'paid',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  voided: 'voided',
};

const weightFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

function lineItem(li: LineItem, i: number, currency: string): Record<string, unknown> {
  return {
    line_number: i + 1,
    product_id: li.product_id,
    sku: li.sku,
    description: li.variant_title ? `${li.title} (${li.variant_title})` : li.title,
    quantity: li.quantity,
    unit_cost: roundMoney(li.price, currency),
    amount: roundMoney(decMul(li.price, li.quantity), currency),
    discount_amount: roundMoney(
      decSum((li.discount_allocations ?? []).map((d) => d.amount)),
      currency,
    ),
    taxable: li.taxable === true,
  };
}

/** The realistic Shopify order → PayTrace sale mapping, by hand. */
export function handWrittenSale(input: unknown): Record<string, unknown> {
  const doc = input as OrderDocument;
  const order = doc.trigger;
  const currency = order.currency;
  const customer = order.customer;
  const items = order.line_items;
  const shipping = order.shipping_lines ?? [];
  const taxLines = order.tax_lines ?? [];
  const taxRate = taxLines.reduce((sum, t) => sum + t.rate, 0);
  const names = [customer?.first_name, customer?.last_name].filter((n) => typeof n === 'string');
  const codes = (order.discount_codes ?? []).map((d) => d.code);
  const out: Record<string, unknown> = {
    amount: roundMoney(order.total_price, currency),
    currency_code: currency.toUpperCase(),
    amount_minor: toMinorUnits(order.total_price, currency),
    invoice_id: paytraceReference(
      order as unknown as Record<string, unknown>,
      doc.params.invoicePrefix,
    ),
    order_id: order.id,
    customer_id: customer?.id,
    email: (order.email || customer?.email)?.trim().toLowerCase(),
    customer_name: names.length === 0 ? undefined : names.join(' '),
    phone: order.billing_address?.phone ?? customer?.phone,
    description: `Order ${order.name}: ${items.map((li) => li.title).join(', ')}`,
    billing_address: order.billing_address ? toPaytraceAddress(order.billing_address) : undefined,
    shipping_address: order.shipping_address
      ? toPaytraceAddress(order.shipping_address)
      : undefined,
    tax_amount: order.total_tax === undefined ? undefined : roundMoney(order.total_tax, currency),
    discount_amount:
      order.total_discounts === undefined ? undefined : roundMoney(order.total_discounts, currency),
    freight_amount: roundMoney(decSum(shipping.map((s) => s.price)), currency),
    shipping_method: shipping[0]?.title,
    level3: {
      subtotal: roundMoney(decSum(items.map((li) => decMul(li.price, li.quantity))), currency),
      tax_rate_percent: taxLines.length === 0 ? undefined : Math.round(taxRate * 100 * 1000) / 1000,
      weight_kg:
        order.total_weight === undefined
          ? undefined
          : weightFormat.format(order.total_weight / 1000),
      item_count: items.length === 0 ? undefined : items.reduce((sum, li) => sum + li.quantity, 0),
    },
    line_items: items.map((li, i) => lineItem(li, i, currency)),
    discount_codes: codes.length === 0 ? undefined : codes,
    tags: order.tags === undefined ? [] : order.tags.split(',').map((t) => t.trim()),
    payment_status: PAYMENT_STATUS[order.financial_status ?? ''] ?? 'unknown',
    authorization_result:
      doc.steps.authorize === undefined
        ? undefined
        : mapStatus(paytraceStatusOf(doc.steps.authorize), doc.params.statusOverrides),
    test_mode: order.test === true,
    source: `shopify:${order.source_name}`,
    created_at: order.created_at,
  };
  return out;
}

/** The flat 12-field mapping, by hand. */
export function handWrittenFlat(input: unknown): Record<string, unknown> {
  const order = (input as OrderDocument).trigger;
  return {
    order_id: order.id,
    order_name: order.name,
    order_number: order.order_number,
    email: order.email,
    currency: order.currency,
    total_price: order.total_price,
    subtotal_price: order.subtotal_price,
    total_tax: order.total_tax,
    financial_status: order.financial_status,
    customer_id: order.customer?.id,
    customer_first_name: order.customer?.first_name,
    created_at: order.created_at,
  };
}
