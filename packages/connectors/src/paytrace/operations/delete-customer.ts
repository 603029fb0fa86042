import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { customerIdSchema } from './customer-charge.js';
import { customerResultSchema, customerWrite, type CustomerResult } from './customer-write.js';

/** Input of `paytrace.deleteCustomer`. */
export interface DeleteCustomerInput {
  customerId: string;
}

/** `paytrace.deleteCustomer`: removes a customer (and its card) from the vault. */
export const deleteCustomer: OperationDeclaration<DeleteCustomerInput, CustomerResult> =
  defineOperation<DeleteCustomerInput, CustomerResult>({
    id: 'deleteCustomer',
    label: 'Delete vault customer',
    description:
      'Deletes a vault customer. Unknown id is error 30, except on a retry, where it means an earlier attempt deleted it.',
    effect: 'write',
    input: {
      type: 'object',
      required: ['customerId'],
      additionalProperties: false,
      properties: { customerId: customerIdSchema },
    },
    output: customerResultSchema,
    sample: {
      input: { customerId: 'shopify-7390123' },
      output: {
        customerId: 'shopify-7390123',
        responseCode: 162,
        statusMessage:
          'The customer profile for shopify-7390123/Ada Lovelace was successfully deleted.',
      },
    },
    run: (input, ctx) =>
      customerWrite(ctx, 'customer/delete', { customer_id: input.customerId }, input.customerId, {
        code: 'PAYTRACE_30',
        mark: 'alreadyDeleted',
      }),
  });
