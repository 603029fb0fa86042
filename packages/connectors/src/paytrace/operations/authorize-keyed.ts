import type { OperationDeclaration } from '../../kit/types.js';
import { defineOperation } from '../../kit/registry.js';
import { transactionResultSchema, type TransactionResult } from '../normalise.js';
import {
  approvedSample,
  keyedChargeInputSchema,
  runKeyedCharge,
  type KeyedChargeInput,
} from './keyed-charge.js';

/** `paytrace.authorizeKeyed`: authorizes (holds) an amount on a keyed card, to capture later. */
export const authorizeKeyed: OperationDeclaration<KeyedChargeInput, TransactionResult> =
  defineOperation<KeyedChargeInput, TransactionResult>({
    id: 'authorizeKeyed',
    label: 'Authorize (keyed card)',
    description:
      'Authorizes an amount on a browser-encrypted card or hosted-fields token; capture it later. Declines are results. Exactly once per invoiceId.',
    effect: 'write',
    input: keyedChargeInputSchema,
    output: transactionResultSchema,
    sample: {
      input: {
        amount: '25.00',
        invoiceId: 'SO-1002',
        hpfToken: 'hpf-1f0c…',
        encKey: 'enc-9a2b…',
      },
      output: { ...approvedSample, transactionId: '178963007', invoiceId: 'SO-1002' },
    },
    run: (input, ctx) => runKeyedCharge('authorization', input, ctx),
  });
