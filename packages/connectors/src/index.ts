export * from './kit/index.js';
export * from './http/index.js';
export * from './erp/index.js';
export { createShopifyConnector } from './shopify/index.js';
export * as shopify from './shopify/index.js';
export * from './paytrace/index.js';
