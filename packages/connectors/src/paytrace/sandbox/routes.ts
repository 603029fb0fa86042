import {
  createCustomerHandler,
  createFromTransactionHandler,
  deleteCustomerHandler,
  exportCustomersHandler,
  updateCustomerHandler,
} from './customers.js';
import type { PayTraceHandler } from './env.js';
import {
  batchTransactionsHandler,
  exportBatchesHandler,
  exportByDateRangeHandler,
  exportByIdHandler,
} from './exports.js';
import {
  captureHandler,
  chargeHandler,
  refundForTransactionHandler,
  refundToCustomerHandler,
  voidHandler,
} from './transactions.js';

/** Every `/v1/<path>` endpoint of the sandbox (all POST, Bearer token, `integrator_id`). */
export const v1Handlers: Record<string, PayTraceHandler> = {
  'transactions/sale/keyed': chargeHandler('SALE', 'keyed'),
  'transactions/sale/pt_protect': chargeHandler('SALE', 'pt_protect'),
  'transactions/sale/by_customer': chargeHandler('SALE', 'by_customer'),
  'transactions/authorization/keyed': chargeHandler('AUTHORIZATION', 'keyed'),
  'transactions/authorization/pt_protect': chargeHandler('AUTHORIZATION', 'pt_protect'),
  'transactions/authorization/by_customer': chargeHandler('AUTHORIZATION', 'by_customer'),
  'transactions/authorization/capture': captureHandler,
  'transactions/void': voidHandler,
  'transactions/refund/for_transaction': refundForTransactionHandler,
  'transactions/refund/to_customer': refundToCustomerHandler,
  'transactions/export/by_id': exportByIdHandler,
  'transactions/export/by_date_range': exportByDateRangeHandler,
  'customer/create': createCustomerHandler('keyed'),
  'customer/pt_protect_create': createCustomerHandler('pt_protect'),
  'customer/update': updateCustomerHandler('keyed'),
  'customer/pt_protect_update': updateCustomerHandler('pt_protect'),
  'customer/delete': deleteCustomerHandler,
  'customer/create_from_transaction': createFromTransactionHandler,
  'customer/export': exportCustomersHandler,
  'batches/export': exportBatchesHandler,
  'batches/transaction_list': batchTransactionsHandler,
};
