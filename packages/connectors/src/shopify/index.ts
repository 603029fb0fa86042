export { createShopifyConnector } from './connector.js';
export {
  shopifyGraphql,
  graphqlEndpoint,
  userErrorFailure,
  DEFAULT_API_VERSION,
  type ShopifyConnectionConfig,
  type ShopifyUserError,
  type GraphqlCall,
} from './graphql.js';
export {
  verifyShopifyWebhook,
  shopifyHmac,
  shopifyWebhook,
  SHOPIFY_WEBHOOK_TOPICS,
  type ShopifyWebhookTopic,
} from './webhook.js';
export { parseShopifyJson, quoteIntegerIds, stringifyWithRawIds } from './safe-json.js';
export { toGid, toOwnerGid, legacyId, type ShopifyResource } from './ids.js';
export type { GetOrderInput, GetOrderOutput } from './operations/get-order.js';
export type { MarkOrderPaidInput, MarkOrderPaidOutput } from './operations/mark-order-paid.js';
export type {
  SetMetafieldsInput,
  SetMetafieldsOutput,
  MetafieldInput,
} from './operations/set-metafields.js';
export type {
  UpdateOrderNoteInput,
  UpdateOrderNoteOutput,
} from './operations/update-order-note.js';
export type { AddTagsInput, AddTagsOutput } from './operations/add-tags.js';
export type {
  CreateRiskAssessmentInput,
  CreateRiskAssessmentOutput,
  RiskLevel,
} from './operations/create-risk-assessment.js';
export type { CreateRefundInput, CreateRefundOutput } from './operations/create-refund.js';
export type { CaptureOrderInput, CaptureOrderOutput } from './operations/capture-order.js';
export type { GetCustomerInput, GetCustomerOutput } from './operations/get-customer.js';
export type { Money } from './operations/shared.js';
export * from './sandbox/index.js';
