import type { ConnectorDeclaration, OperationDeclaration } from '../kit/types.js';
import { defineConnector } from '../kit/registry.js';
import { DEFAULT_API_VERSION } from './graphql.js';
import { addTagsOperation } from './operations/add-tags.js';
import { captureOrderOperation } from './operations/capture-order.js';
import { createRefundOperation } from './operations/create-refund.js';
import { createRiskAssessmentOperation } from './operations/create-risk-assessment.js';
import { getCustomerOperation } from './operations/get-customer.js';
import { getOrderOperation } from './operations/get-order.js';
import { markOrderPaidOperation } from './operations/mark-order-paid.js';
import { setMetafieldsOperation } from './operations/set-metafields.js';
import { updateOrderNoteOperation } from './operations/update-order-note.js';
import { shopifyWebhook } from './webhook.js';

type AnyOperation = ConnectorDeclaration['operations'][string];

// The registry validates input against the schema before `run`, so widening is safe here.
const erase = <I, O>(op: OperationDeclaration<I, O>): AnyOperation => op as unknown as AnyOperation;

/** The Shopify connector: Admin GraphQL operations on orders and customers, signed webhooks. */
export function createShopifyConnector(): ConnectorDeclaration {
  const operations: AnyOperation[] = [
    erase(getOrderOperation),
    erase(markOrderPaidOperation),
    erase(setMetafieldsOperation),
    erase(updateOrderNoteOperation),
    erase(addTagsOperation),
    erase(createRiskAssessmentOperation),
    erase(createRefundOperation),
    erase(captureOrderOperation),
    erase(getCustomerOperation),
  ];
  return defineConnector({
    id: 'shopify',
    version: 1,
    label: 'Shopify',
    description:
      'Reads and updates Shopify orders and customers through the Admin GraphQL API, and receives HMAC-signed order, refund and customer webhooks.',
    auth: {
      type: 'object',
      required: ['shopDomain', 'accessToken'],
      properties: {
        shopDomain: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$',
          description: 'The shop’s myshopify.com domain, e.g. braid-demo.myshopify.com.',
        },
        baseUrl: {
          type: 'string',
          format: 'uri',
          description: 'Overrides https://{shopDomain}, e.g. the sandbox URL.',
        },
        apiVersion: {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}$',
          default: DEFAULT_API_VERSION,
          description: 'Admin API version (YYYY-MM).',
        },
        accessToken: {
          type: 'string',
          'x-secret': true,
          description: 'Admin API access token (sent as X-Shopify-Access-Token).',
        },
        clientSecret: {
          type: 'string',
          'x-secret': true,
          description: 'The app’s client secret; verifies the HMAC of webhook deliveries.',
        },
      },
    },
    operations: Object.fromEntries(operations.map((op) => [op.id, op])),
    webhook: shopifyWebhook,
    // Shopify limits GraphQL by cost points (paced in graphql.ts); this only stops bursts of
    // cheap calls from one connection swamping the shop.
    rateLimit: { requestsPerSecond: 20, burst: 40 },
  });
}
