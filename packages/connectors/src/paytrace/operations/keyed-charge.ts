import type { ConnectorContext, JsonSchema } from '../../kit/types.js';
import { readConfig } from '../config.js';
import { chargeOnce, invoiceIdFor } from '../exactly-once.js';
import type { TransactionResult } from '../normalise.js';
import {
  amountSchema,
  cardBody,
  cardSchema,
  invoiceIdSchema,
  orderFieldsBody,
  orderFieldsSchema,
  type CardInput,
  type OrderFields,
} from '../schemas.js';

/** Input of `saleKeyed` and `authorizeKeyed`. */
export interface KeyedChargeInput extends OrderFields {
  amount: string;
  invoiceId?: string;
  /** Browser-encrypted card (or raw, refused by default). */
  card?: CardInput;
  encryptedCsc?: string;
  /** Raw CSC: refused unless the connection allows raw card data. */
  csc?: string;
  /** Hosted-fields one-time token, with `encKey`: sent to the `pt_protect` endpoint. */
  hpfToken?: string;
  encKey?: string;
}

/** JSON Schema of KeyedChargeInput. */
export const keyedChargeInputSchema: JsonSchema = {
  type: 'object',
  required: ['amount'],
  additionalProperties: false,
  oneOf: [{ required: ['card'] }, { required: ['hpfToken', 'encKey'] }],
  properties: {
    amount: amountSchema,
    invoiceId: invoiceIdSchema,
    card: cardSchema,
    encryptedCsc: { type: 'string', minLength: 1 },
    csc: { type: 'string', pattern: '^[0-9]{3,4}$' },
    hpfToken: { type: 'string', minLength: 1 },
    encKey: { type: 'string', minLength: 1 },
    ...orderFieldsSchema,
  },
};

/** Runs a keyed sale or authorization exactly once. */
export function runKeyedCharge(
  kind: 'sale' | 'authorization',
  input: KeyedChargeInput,
  ctx: ConnectorContext,
): Promise<TransactionResult> {
  const config = readConfig(ctx.connection);
  const viaHostedFields = input.hpfToken !== undefined && input.encKey !== undefined;
  const card = viaHostedFields
    ? { hpf_token: input.hpfToken, enc_key: input.encKey }
    : cardBody(config, input.card ?? { expirationMonth: '', expirationYear: '' }, input);
  return chargeOnce(ctx, {
    path: `transactions/${kind}/${viaHostedFields ? 'pt_protect' : 'keyed'}`,
    body: { amount: input.amount, ...card, ...orderFieldsBody(input) },
    invoiceId: invoiceIdFor(input.invoiceId, ctx),
    transactionType: kind === 'sale' ? 'SALE' : 'AUTHORIZATION',
    amount: input.amount,
  });
}

/** A recorded approval, shared by the keyed samples. */
export const approvedSample: TransactionResult = {
  approved: true,
  responseCode: 101,
  statusMessage: 'Your transaction was successfully approved.',
  transactionId: '178349480',
  approvalCode: 'TAS867',
  approvalMessage: 'APPROVAL TAS867 - Approved and completed',
  maskedCardNumber: 'xxxxxxxxxxxx5439',
  avsResponse: '0',
  cscResponse: 'Match',
  invoiceId: 'SO-1001',
};
