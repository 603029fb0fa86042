import type { FieldsMapping } from '../../types.js';

/**
 * The mappings the compiler benchmark times and `realistic-mapping.test.ts` checks, shared so both
 * measure and verify the same expressions. The input is the document every flow expression sees
 * (`trigger`, `steps`, `params`, `run`); the fixture is `bench/fixtures/order.json`.
 */

// Line items are wrapped in `[...]` because `$map` over a one-item order would otherwise yield a
// bare object (a singleton sequence), while PayTrace expects an array.
const LINE_ITEMS = `[$map(trigger.line_items, function($li, $i) {
  {
    "line_number": $i + 1,
    "product_id": $li.product_id,
    "sku": $li.sku,
    "description": $li.variant_title ? $li.title & " (" & $li.variant_title & ")" : $li.title,
    "quantity": $li.quantity,
    "unit_cost": $money($li.price, $$.trigger.currency),
    "amount": $money($decMul($li.price, $li.quantity), $$.trigger.currency),
    "discount_amount": $money($decSum([$li.discount_allocations.amount]), $$.trigger.currency),
    "taxable": $li.taxable = true
  }
})]`;

const PAYMENT_STATUS = `$lookup({
  "pending": "unpaid",
  "authorized": "authorized",
  "partially_paid": "partially_paid",
  "paid": "paid",
  "partially_refunded": "partially_refunded",
  "refunded": "refunded",
  "voided": "voided"
}, trigger.financial_status) ?? "unknown"`;

/** A Shopify order → PayTrace keyed sale request: 28 fields, finance functions throughout. */
export const realisticOrderMapping: FieldsMapping = {
  fields: {
    amount: '$money(trigger.total_price, trigger.currency)',
    currency_code: '$uppercase(trigger.currency)',
    amount_minor: '$toMinor(trigger.total_price, trigger.currency)',
    invoice_id: '$reference(trigger, params.invoicePrefix)',
    order_id: 'trigger.id',
    customer_id: 'trigger.customer.id',
    email: '(trigger.email ?: trigger.customer.email) ~> $trim() ~> $lowercase()',
    customer_name:
      '$join([trigger.customer.first_name, trigger.customer.last_name][$type($) = "string"], " ")',
    phone: 'trigger.billing_address.phone ?? trigger.customer.phone',
    description: '"Order " & trigger.name & ": " & $join(trigger.line_items.title, ", ")',
    billing_address: '$paytraceAddress(trigger.billing_address)',
    shipping_address: '$paytraceAddress(trigger.shipping_address)',
    tax_amount: '$money(trigger.total_tax, trigger.currency)',
    discount_amount: '$money(trigger.total_discounts, trigger.currency)',
    freight_amount: '$money($decSum([trigger.shipping_lines.price]), trigger.currency)',
    shipping_method: 'trigger.shipping_lines[0].title',
    'level3.subtotal':
      '$money($decSum([trigger.line_items.$decMul(price, quantity)]), trigger.currency)',
    'level3.tax_rate_percent': '$round($sum(trigger.tax_lines.rate) * 100, 3)',
    'level3.weight_kg': '$formatNumber(trigger.total_weight / 1000, "#,##0.00")',
    'level3.item_count': '$sum(trigger.line_items.quantity)',
    line_items: LINE_ITEMS,
    discount_codes: 'trigger.discount_codes.code[]',
    tags: '[$map($split(trigger.tags, ","), $trim)]',
    payment_status: PAYMENT_STATUS,
    authorization_result: '$statusMap($paytraceStatus(steps.authorize), params.statusOverrides)',
    test_mode: 'trigger.test = true',
    source: '"shopify:" & trigger.source_name',
    created_at: 'trigger.created_at',
  },
};

/** A flat 12-field copy of order fields: the shape of the simplest mappings. */
export const flatOrderMapping: FieldsMapping = {
  fields: {
    order_id: 'trigger.id',
    order_name: 'trigger.name',
    order_number: 'trigger.order_number',
    email: 'trigger.email',
    currency: 'trigger.currency',
    total_price: 'trigger.total_price',
    subtotal_price: 'trigger.subtotal_price',
    total_tax: 'trigger.total_tax',
    financial_status: 'trigger.financial_status',
    customer_id: 'trigger.customer.id',
    customer_first_name: 'trigger.customer.first_name',
    created_at: 'trigger.created_at',
  },
};
