import type { ConnectorDeclaration } from '../../kit/types.js';
import { authorizeByCustomer } from './authorize-by-customer.js';
import { authorizeKeyed } from './authorize-keyed.js';
import { capture } from './capture.js';
import { createCustomerFromTransaction } from './create-customer-from-transaction.js';
import { createCustomer } from './create-customer.js';
import { deleteCustomer } from './delete-customer.js';
import { exportBatches } from './export-batches.js';
import { exportTransactionById } from './export-transaction-by-id.js';
import { exportTransactionsByDateRange } from './export-transactions-by-date-range.js';
import { refundToCustomer } from './refund-to-customer.js';
import { refundTransaction } from './refund-transaction.js';
import { saleByCustomer } from './sale-by-customer.js';
import { saleKeyed } from './sale-keyed.js';
import { updateCustomer } from './update-customer.js';
import { voidTransaction } from './void.js';

type AnyOperation = ConnectorDeclaration['operations'][string];

/** Every PayTrace operation, keyed by its stable id, in palette order. */
export const payTraceOperations: Record<string, AnyOperation> = Object.fromEntries(
  [
    saleKeyed,
    saleByCustomer,
    authorizeKeyed,
    authorizeByCustomer,
    capture,
    voidTransaction,
    refundTransaction,
    refundToCustomer,
    createCustomer,
    updateCustomer,
    deleteCustomer,
    createCustomerFromTransaction,
    exportTransactionById,
    exportTransactionsByDateRange,
    exportBatches,
  ].map((op) => [op.id, op as unknown as AnyOperation]),
);
