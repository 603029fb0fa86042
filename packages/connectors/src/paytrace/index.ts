// Names carry a PayTrace prefix: the package index re-exports every connector side by side.
export { createPayTraceConnector } from './connector.js';
export { clearPayTraceTokens } from './auth.js';
export { callPayTrace, type PayTraceBody } from './client.js';
export { DEFAULT_BASE_URL as PAYTRACE_DEFAULT_BASE_URL, type PayTraceConfig } from './config.js';
export { INVOICE_ID_MAX as PAYTRACE_INVOICE_ID_MAX } from './exactly-once.js';
export type {
  TransactionResult as PayTraceTransactionResult,
  ExportedTransaction as PayTraceExportedTransaction,
} from './normalise.js';
export type {
  PayTraceAddress,
  OrderFields as PayTraceOrderFields,
  CardInput as PayTraceCardInput,
} from './schemas.js';
export type { KeyedChargeInput as PayTraceKeyedChargeInput } from './operations/keyed-charge.js';
export type { CustomerChargeInput as PayTraceCustomerChargeInput } from './operations/customer-charge.js';
export type { CustomerResult as PayTraceCustomerResult } from './operations/customer-write.js';
export type { CaptureInput as PayTraceCaptureInput } from './operations/capture.js';
export type { VoidInput as PayTraceVoidInput } from './operations/void.js';
export type { RefundTransactionInput as PayTraceRefundTransactionInput } from './operations/refund-transaction.js';
export type { RefundToCustomerInput as PayTraceRefundToCustomerInput } from './operations/refund-to-customer.js';
export type { CreateCustomerInput as PayTraceCreateCustomerInput } from './operations/create-customer.js';
export type { UpdateCustomerInput as PayTraceUpdateCustomerInput } from './operations/update-customer.js';
export type { DeleteCustomerInput as PayTraceDeleteCustomerInput } from './operations/delete-customer.js';
export type { CreateCustomerFromTransactionInput as PayTraceCreateCustomerFromTransactionInput } from './operations/create-customer-from-transaction.js';
export type {
  ExportTransactionByIdInput as PayTraceExportTransactionByIdInput,
  ExportTransactionByIdOutput as PayTraceExportTransactionByIdOutput,
} from './operations/export-transaction-by-id.js';
export type {
  ExportTransactionsInput as PayTraceExportTransactionsInput,
  ExportTransactionsOutput as PayTraceExportTransactionsOutput,
} from './operations/export-transactions-by-date-range.js';
export type {
  ExportBatchesInput as PayTraceExportBatchesInput,
  BatchSummary as PayTraceBatchSummary,
} from './operations/export-batches.js';
export {
  createPayTraceSandbox,
  sandboxEncrypt as encryptForPayTraceSandbox,
  type PayTraceSandbox,
  type PayTraceSandboxOptions,
  type PayTraceSandboxState,
} from './sandbox/index.js';
