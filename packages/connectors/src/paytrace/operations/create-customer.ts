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

/** Input of `paytrace.createCustomer`. */
export interface CreateCustomerInput {
  /** Chosen by the merchant; unique in the vault. */
  customerId: string;
  card?: CardInput;
  encryptedCsc?: string;
  csc?: string;
  hpfToken?: string;
  encKey?: string;
  billingAddress: PayTraceAddress;
  shippingAddress?: PayTraceAddress;
  email?: string;
  phone?: string;
}

/** `paytrace.createCustomer`: stores a card in the vault under a merchant-chosen customer id. */
export const createCustomer: OperationDeclaration<CreateCustomerInput, CustomerResult> =
  defineOperation<CreateCustomerInput, CustomerResult>({
    id: 'createCustomer',
    label: 'Create vault customer',
    description:
      'Stores a browser-encrypted card (or hosted-fields token, via pt_protect_create) under customerId. A duplicate id is error 171, except on a retry, where it means an earlier attempt succeeded.',
    effect: 'write',
    input: {
      type: 'object',
      required: ['customerId', 'billingAddress'],
      additionalProperties: false,
      oneOf: [{ required: ['card'] }, { required: ['hpfToken', 'encKey'] }],
      properties: {
        customerId: customerIdSchema,
        card: cardSchema,
        encryptedCsc: { type: 'string', minLength: 1 },
        csc: { type: 'string', pattern: '^[0-9]{3,4}$' },
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
      input: {
        customerId: 'shopify-7390123',
        card: { encryptedNumber: 'k2nT…base64…', expirationMonth: '12', expirationYear: '2030' },
        billingAddress: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '99201' },
        email: 'ada@example.com',
      },
      output: {
        customerId: 'shopify-7390123',
        responseCode: 160,
        statusMessage:
          'The customer profile for shopify-7390123/Ada Lovelace was successfully created.',
        maskedCardNumber: 'xxxxxxxxxxxx5439',
      },
    },
    run(input, ctx) {
      const hosted = input.hpfToken !== undefined && input.encKey !== undefined;
      const card = hosted
        ? { hpf_token: input.hpfToken, enc_key: input.encKey }
        : cardBody(
            readConfig(ctx.connection),
            input.card ?? { expirationMonth: '', expirationYear: '' },
            input,
          );
      const body = {
        customer_id: input.customerId,
        ...card,
        billing_address: input.billingAddress,
        ...(input.shippingAddress ? { shipping_address: input.shippingAddress } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
      };
      return customerWrite(
        ctx,
        hosted ? 'customer/pt_protect_create' : 'customer/create',
        body,
        input.customerId,
        { code: 'PAYTRACE_171', mark: 'alreadyExisted' },
      );
    },
  });
