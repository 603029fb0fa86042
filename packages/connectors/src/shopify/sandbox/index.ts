export {
  createShopifySandbox,
  type ShopifySandbox,
  type ShopifySandboxOptions,
} from './sandbox.js';
export {
  sendWebhook,
  type SendWebhookOptions,
  type SendWebhookReport,
  type DeliveryAttempt,
} from './webhook-sender.js';
export {
  buildAddress,
  buildCustomer,
  newShopifyId,
  startShopifyIdsAt,
  FIXTURE_TIME,
  type BuildCustomerOptions,
  type RestAddress,
  type RestObject,
} from './fixtures.js';
export {
  buildOrder,
  buildRefund,
  type BuildOrderOptions,
  type BuildRefundOptions,
  type LineItemSpec,
} from './order-fixtures.js';
export type { ShopifySeed, RestTransaction, MetafieldRecord, RiskRecord } from './store.js';
export { ShopifyStore } from './store.js';
