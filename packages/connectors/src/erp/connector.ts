import type { ConnectorDeclaration } from '../kit/types.js';
import { defineConnector } from '../kit/registry.js';
import { QBO_DEFAULT_BASE_URL, QBO_DEFAULT_MINOR_VERSION } from './client.js';
import { createCreditMemo } from './operations/create-credit-memo.js';
import { createInvoice } from './operations/create-invoice.js';
import { createJournalEntry } from './operations/create-journal-entry.js';
import { createPayment } from './operations/create-payment.js';
import { createRefundReceipt } from './operations/create-refund-receipt.js';
import { findOrCreateCustomer } from './operations/find-or-create-customer.js';
import { getEntity } from './operations/get-entity.js';
import { queryByDocNumber } from './operations/query-by-doc-number.js';
import { updateCustomer } from './operations/update-customer.js';
import { voidInvoice } from './operations/void-invoice.js';

type AnyOperation = ConnectorDeclaration['operations'][string];

const operations = [
  findOrCreateCustomer,
  updateCustomer,
  createInvoice,
  voidInvoice,
  createPayment,
  createCreditMemo,
  createRefundReceipt,
  createJournalEntry,
  queryByDocNumber,
  getEntity,
] as unknown as AnyOperation[];

/** The QuickBooks Online-shaped ERP connector (`qbo@1`). */
export function createQboConnector(): ConnectorDeclaration {
  return defineConnector({
    id: 'qbo',
    version: 1,
    label: 'QuickBooks Online',
    description:
      'Customers, invoices, payments, credit memos, refund receipts and journal entries in a QuickBooks Online company. Every write carries a requestid, so retries never duplicate.',
    auth: {
      type: 'object',
      required: ['realmId', 'accessToken'],
      properties: {
        baseUrl: { type: 'string', format: 'uri', default: QBO_DEFAULT_BASE_URL },
        realmId: { type: 'string', minLength: 1, description: 'The company id.' },
        minorVersion: { type: 'integer', minimum: 1, default: QBO_DEFAULT_MINOR_VERSION },
        accessToken: {
          type: 'string',
          'x-secret': true,
          description: 'OAuth 2 access token (valid for an hour; refreshed by the runtime).',
        },
      },
    },
    operations: Object.fromEntries(operations.map((op) => [op.id, op])),
    rateLimit: { requestsPerSecond: 10, burst: 10 },
  });
}
