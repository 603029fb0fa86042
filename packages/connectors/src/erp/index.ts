export { createQboConnector } from './connector.js';
export {
  QboClient,
  QBO_ENTITIES,
  QBO_DEFAULT_BASE_URL,
  QBO_DEFAULT_MINOR_VERSION,
  quoteQueryValue,
  requestIdFor,
  type QboConnectionConfig,
  type QboEntityName,
  type QboObject,
} from './client.js';
export {
  classifyQboResponse,
  faultFailure,
  readFault,
  DEFAULT_THROTTLE_RETRY_MS,
  STALE_OBJECT_CODE,
  type QboErrorDetail,
  type QboFaultInfo,
} from './faults.js';
export { JsonDecimal, parseExact, stringifyExact } from './json-exact.js';
export {
  formatMills,
  multiplyToMills,
  normaliseMoney,
  parseDecimal,
  roundToMills,
  sumMills,
  toMills,
  type Decimal,
} from './money.js';
export type { EntitySummary, SalesLineInput, CustomFieldInput } from './operations/shared.js';
export type {
  FindOrCreateCustomerInput,
  FindOrCreateCustomerOutput,
  AddressInput,
} from './operations/find-or-create-customer.js';
export type { UpdateCustomerInput } from './operations/update-customer.js';
export type { CreateInvoiceInput } from './operations/create-invoice.js';
export type { VoidInvoiceInput } from './operations/void-invoice.js';
export type { CreatePaymentInput } from './operations/create-payment.js';
export type {
  CreateCreditMemoInput,
  CreateCreditMemoOutput,
} from './operations/create-credit-memo.js';
export type { CreateRefundReceiptInput } from './operations/create-refund-receipt.js';
export type {
  CreateJournalEntryInput,
  JournalLineInput,
} from './operations/create-journal-entry.js';
export type {
  QueryByDocNumberInput,
  QueryByDocNumberOutput,
} from './operations/query-by-doc-number.js';
export type { GetEntityInput } from './operations/get-entity.js';
export {
  createQboSandbox,
  QBO_SANDBOX_TOKEN,
  QboFault,
  qboFaults,
  type Fault200Rule,
  type QboFaultType,
  type QboRecord,
  type QboSandbox,
  type QboSandboxOptions,
} from './sandbox/index.js';
