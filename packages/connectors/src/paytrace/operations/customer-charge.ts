import type { ConnectorContext, JsonSchema } from '../../kit/types.js';
import { chargeOnce, invoiceIdFor } from '../exactly-once.js';
import type { TransactionResult } from '../normalise.js';
import {
  amountSchema,
  invoiceIdSchema,
  orderFieldsBody,
  orderFieldsSchema,
  type OrderFields,
} from '../schemas.js';

/** Input of `saleByCustomer` and `authorizeByCustomer`. */
export interface CustomerChargeInput extends OrderFields {
  /** The vault `customer_id` chosen when the customer was created. */
  customerId: string;
  amount: string;
  invoiceId?: string;
}

/** JSON Schema of a vault customer id. */
export const customerIdSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 50 };

/** JSON Schema of CustomerChargeInput. */
export const customerChargeInputSchema: JsonSchema = {
  type: 'object',
  required: ['customerId', 'amount'],
  additionalProperties: false,
  properties: {
    customerId: customerIdSchema,
    amount: amountSchema,
    invoiceId: invoiceIdSchema,
    ...orderFieldsSchema,
  },
};

/** Runs a sale or authorization against a vaulted card, exactly once. */
export function runCustomerCharge(
  kind: 'sale' | 'authorization',
  input: CustomerChargeInput,
  ctx: ConnectorContext,
): Promise<TransactionResult> {
  return chargeOnce(ctx, {
    path: `transactions/${kind}/by_customer`,
    body: { customer_id: input.customerId, amount: input.amount, ...orderFieldsBody(input) },
    invoiceId: invoiceIdFor(input.invoiceId, ctx),
    transactionType: kind === 'sale' ? 'SALE' : 'AUTHORIZATION',
    amount: input.amount,
    customerId: input.customerId,
  });
}
