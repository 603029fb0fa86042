import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { readConfig } from '../config.js';
import {
  cardBody,
  cardSchema,
  orderFieldsSchema,
  type CardInput,
  type PayTraceAddress,
} from '../schemas.js';
import { customerIdSchema } from './customer-charge.js';
import { customerResultSchema, customerWrite, type CustomerResult } from './customer-write.js';

/** Input of `paytrace.updateCustomer`. */
export interface UpdateCustomerInput {
  customerId: string;
  /** Renames the vault customer. */
  newCustomerId?: string;
  card?: CardInput;
  encryptedCsc?: string;
  hpfToken?: string;
  encKey?: string;
  billingAddress?: PayTraceAddress;
  shippingAddress?: PayTraceAddress;
  email?: string;
  phone?: string;
}

/** `paytrace.updateCustomer`: replaces a vault customer's card, addresses or contact details. */
export const updateCustomer: OperationDeclaration<UpdateCustomerInput, CustomerResult> =
  defineOperation<UpdateCustomerInput, CustomerResult>({
    id: 'updateCustomer',
    label: 'Update vault customer',
    description:
      'Updates the fields given (card via encryption or hosted fields, addresses, email, phone, or a new customer id). Unknown customer is error 30.',
    effect: 'write',
    input: {
      type: 'object',
      required: ['customerId'],
      additionalProperties: false,
      dependentRequired: { hpfToken: ['encKey'], encKey: ['hpfToken'] },
      properties: {
        customerId: customerIdSchema,
        newCustomerId: customerIdSchema,
        card: cardSchema,
        encryptedCsc: { type: 'string', minLength: 1 },
        hpfToken: { type: 'string', minLength: 1 },
        encKey: { type: 'string', minLength: 1 },
        billingAddress: orderFieldsSchema.billingAddress ?? {},
        shippingAddress: orderFieldsSchema.shippingAddress ?? {},
        email: { type: 'string' },
        phone: { type: 'string' },
      },
    },
    output: customerResultSchema,
    sample: {
      input: { customerId: 'shopify-7390123', email: 'ada.l@example.com' },
      output: {
        customerId: 'shopify-7390123',
        responseCode: 161,
        statusMessage:
          'The customer profile for shopify-7390123/Ada Lovelace was successfully updated.',
        maskedCardNumber: 'xxxxxxxxxxxx5439',
      },
    },
    run(input, ctx) {
      const hosted = input.hpfToken !== undefined && input.encKey !== undefined;
      const card = hosted
        ? { hpf_token: input.hpfToken, enc_key: input.encKey }
        : input.card
          ? cardBody(readConfig(ctx.connection), input.card, input)
          : {};
      const optional: Record<string, unknown> = {
        new_customer_id: input.newCustomerId,
        billing_address: input.billingAddress,
        shipping_address: input.shippingAddress,
        email: input.email,
        phone: input.phone,
      };
      const body = {
        customer_id: input.customerId,
        ...card,
        ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
      };
      return customerWrite(
        ctx,
        hosted ? 'customer/pt_protect_update' : 'customer/update',
        body,
        input.newCustomerId ?? input.customerId,
      );
    },
  });
