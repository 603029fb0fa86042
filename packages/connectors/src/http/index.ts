import type { ConnectorDeclaration } from '../kit/types.js';
import { defineConnector } from '../kit/registry.js';
import { requestOperation } from './request.js';
import { httpWebhook } from './webhook.js';

export { verifyHttpWebhook, type HmacConfig } from './webhook.js';
export type { HttpRequestInput, HttpRequestOutput, HttpConnectionConfig } from './request.js';

/** The generic HTTP connector: call any JSON/HTTP service, receive signed webhooks. */
export function createHttpConnector(): ConnectorDeclaration {
  return defineConnector({
    id: 'http',
    version: 1,
    label: 'HTTP',
    description:
      'Calls any HTTP service (bearer, basic or API-key auth) and receives signed webhooks.',
    auth: {
      type: 'object',
      properties: {
        baseUrl: { type: 'string', format: 'uri' },
        defaultHeaders: { type: 'object', additionalProperties: { type: 'string' } },
        auth: {
          type: 'object',
          properties: {
            type: { enum: ['none', 'bearer', 'basic', 'apiKey'] },
            headerName: { type: 'string' },
          },
        },
        hmac: {
          type: 'object',
          properties: {
            header: { type: 'string' },
            algorithm: { enum: ['sha256', 'sha1'] },
            encoding: { enum: ['hex', 'base64'] },
            prefix: { type: 'string' },
          },
        },
        dedupeHeader: { type: 'string' },
        eventHeader: { type: 'string' },
        token: { type: 'string', 'x-secret': true },
        username: { type: 'string' },
        password: { type: 'string', 'x-secret': true },
        apiKey: { type: 'string', 'x-secret': true },
        hmacSecret: { type: 'string', 'x-secret': true },
      },
    },
    operations: { request: requestOperation as ConnectorDeclaration['operations'][string] },
    webhook: httpWebhook,
  });
}
