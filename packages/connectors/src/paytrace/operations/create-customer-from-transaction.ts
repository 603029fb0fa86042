import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { orderFieldsSchema, type PayTraceAddress } from '../schemas.js';
import { customerIdSchema } from './customer-charge.js';
import { customerResultSchema, customerWrite, type CustomerResult } from './customer-write.js';
import { transactionIdSchema, transactionIdValue } from './transaction-id.js';

/** Input of `paytrace.createCustomerFromTransaction`. */
export interface CreateCustomerFromTransactionInput {
  transactionId: string;
  customerId: string;
  billingAddress?: PayTraceAddress;
  email?: string;
}

/** `paytrace.createCustomerFromTransaction`: vaults the card of an earlier transaction. */
export const createCustomerFromTransaction: OperationDeclaration<
  CreateCustomerFromTransactionInput,
  CustomerResult
> = defineOperation<CreateCustomerFromTransactionInput, CustomerResult>({
  id: 'createCustomerFromTransaction',
  label: 'Create vault customer from transaction',
  description:
    'Stores the card of an earlier transaction under customerId, so the card never passes through Braid. Duplicate id is error 171 (a success on a retry).',
  effect: 'write',
  input: {
    type: 'object',
    required: ['transactionId', 'customerId'],
    additionalProperties: false,
    properties: {
      transactionId: transactionIdSchema,
      customerId: customerIdSchema,
      billingAddress: orderFieldsSchema.billingAddress ?? {},
      email: { type: 'string' },
    },
  },
  output: customerResultSchema,
  sample: {
    input: { transactionId: '178349480', customerId: 'shopify-7390123' },
    output: {
      customerId: 'shopify-7390123',
      responseCode: 160,
      statusMessage:
        'The customer profile for shopify-7390123/Ada Lovelace was successfully created.',
      maskedCardNumber: 'xxxxxxxxxxxx5439',
    },
  },
  run: (input, ctx) =>
    customerWrite(
      ctx,
      'customer/create_from_transaction',
      {
        transaction_id: transactionIdValue(input.transactionId),
        customer_id: input.customerId,
        ...(input.billingAddress ? { billing_address: input.billingAddress } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
      },
      input.customerId,
      { code: 'PAYTRACE_171', mark: 'alreadyExisted' },
    ),
});
