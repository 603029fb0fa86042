export * from './server.js';
export * from './faults.js';
export * from './stack.js';
export {
  createShopifySandbox,
  sendWebhook,
  buildOrder,
  buildRefund,
  buildCustomer,
  buildAddress,
  startShopifyIdsAt,
  type ShopifySandbox,
} from '../shopify/sandbox/index.js';
export { createPayTraceSandbox, type PayTraceSandbox } from '../paytrace/sandbox/index.js';
export { createQboSandbox, type QboSandbox } from '../erp/sandbox/index.js';
