import { StepFailure } from '@braid/engine';
import type { JsonSchema } from '../kit/types.js';
import type { PayTraceConfig } from './config.js';
import { AMOUNT_PATTERN } from './money.js';

/** A PayTrace billing or shipping address (the shape `$paytraceAddress` produces). */
export interface PayTraceAddress {
  name?: string;
  street_address?: string;
  street_address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
}

/** Optional order details that go with a charge. */
export interface OrderFields {
  billingAddress?: PayTraceAddress;
  shippingAddress?: PayTraceAddress;
  email?: string;
  customerReferenceId?: string;
  description?: string;
  taxAmount?: string;
  discountAmount?: string;
  freightAmount?: string;
}

/** Card details typed into a browser: encrypted there, or raw (refused by default). */
export interface CardInput {
  encryptedNumber?: string;
  number?: string;
  expirationMonth: string;
  expirationYear: string;
}

/** JSON Schema of an amount. */
export const amountSchema: JsonSchema = {
  type: 'string',
  pattern: AMOUNT_PATTERN,
  description:
    'Decimal string in the currency minor units: "10.00" (USD), "1000" (JPY), "1.250" (KWD).',
};

/** JSON Schema of an invoice id. */
export const invoiceIdSchema: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 50,
  description:
    'PayTrace invoice_id (≤ 50). Put the order reference here; defaults to the step idempotency key. How a lost outcome is found again.',
};

const addressSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    ['name', 'street_address', 'street_address2', 'city', 'state', 'zip', 'country'].map((k) => [
      k,
      { type: 'string' },
    ]),
  ),
};

/** JSON Schema properties of OrderFields. */
export const orderFieldsSchema: Record<string, JsonSchema> = {
  billingAddress: addressSchema,
  shippingAddress: addressSchema,
  email: { type: 'string' },
  customerReferenceId: { type: 'string', maxLength: 50 },
  description: { type: 'string' },
  taxAmount: amountSchema,
  discountAmount: amountSchema,
  freightAmount: amountSchema,
};

/** JSON Schema of CardInput. */
export const cardSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['expirationMonth', 'expirationYear'],
  oneOf: [{ required: ['encryptedNumber'] }, { required: ['number'] }],
  properties: {
    encryptedNumber: {
      type: 'string',
      minLength: 1,
      description: 'PayTrace client-side encryption.',
    },
    number: {
      type: 'string',
      pattern: '^[0-9]{12,19}$',
      description: 'Raw card number: refused unless the connection allows raw card numbers.',
    },
    expirationMonth: { type: 'string', pattern: '^[0-9]{1,2}$' },
    expirationYear: { type: 'string', pattern: '^[0-9]{2}([0-9]{2})?$' },
  },
};

/** Maps OrderFields to PayTrace's request fields. */
export function orderFieldsBody(input: OrderFields): Record<string, unknown> {
  const body: Record<string, unknown> = {
    billing_address: input.billingAddress,
    shipping_address: input.shippingAddress,
    email: input.email,
    customer_reference_id: input.customerReferenceId,
    description: input.description,
    tax_amount: input.taxAmount,
    discount_amount: input.discountAmount,
    freight_amount: input.freightAmount,
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

/** Refuses raw card data unless the connection explicitly allows it (PCI scope). */
export function assertRawCardAllowed(config: PayTraceConfig, field: string): void {
  if (config.allowRawCardNumbers) return;
  throw new StepFailure({
    kind: 'fatal',
    code: 'PAYTRACE_RAW_CARD',
    message:
      `raw card data (${field}) is refused: send encryptedNumber/encryptedCsc from PayTrace ` +
      'client-side encryption or hpfToken + encKey from hosted fields, or set ' +
      'allowRawCardNumbers on the connection',
    details: { field },
  });
}

/** Builds PayTrace's `credit_card` object and CSC field, enforcing the raw-card rule. */
export function cardBody(
  config: PayTraceConfig,
  card: CardInput,
  csc: { encryptedCsc?: string; csc?: string },
): Record<string, unknown> {
  const creditCard: Record<string, unknown> = {
    expiration_month: card.expirationMonth,
    expiration_year: card.expirationYear,
  };
  if (card.number !== undefined) {
    assertRawCardAllowed(config, 'card.number');
    creditCard.number = card.number;
  } else {
    creditCard.encrypted_number = card.encryptedNumber;
  }
  const body: Record<string, unknown> = { credit_card: creditCard };
  if (csc.csc !== undefined) {
    assertRawCardAllowed(config, 'csc');
    body.csc = csc.csc;
  }
  if (csc.encryptedCsc !== undefined) body.encrypted_csc = csc.encryptedCsc;
  return body;
}
