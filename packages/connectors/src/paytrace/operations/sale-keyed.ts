import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { transactionResultSchema, type TransactionResult } from '../normalise.js';
import {
  approvedSample,
  keyedChargeInputSchema,
  runKeyedCharge,
  type KeyedChargeInput,
} from './keyed-charge.js';

/** `paytrace.saleKeyed`: charges a browser-encrypted card or hosted-fields token. */
export const saleKeyed: OperationDeclaration<KeyedChargeInput, TransactionResult> = defineOperation<
  KeyedChargeInput,
  TransactionResult
>({
  id: 'saleKeyed',
  label: 'Sale (keyed card)',
  description:
    'Charges a card encrypted in the browser (encryptedNumber/encryptedCsc) or a hosted-fields token (hpfToken + encKey, via pt_protect). Declines are results (approved: false). Exactly once per invoiceId.',
  effect: 'write',
  input: keyedChargeInputSchema,
  output: transactionResultSchema,
  sample: {
    input: {
      amount: '10.00',
      invoiceId: 'SO-1001',
      card: { encryptedNumber: 'k2nT…base64…', expirationMonth: '12', expirationYear: '2030' },
      encryptedCsc: 'Zm9v…base64…',
      billingAddress: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '99201' },
    },
    output: approvedSample,
  },
  run: (input, ctx) => runKeyedCharge('sale', input, ctx),
});
