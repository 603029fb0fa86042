import type { ConnectorDeclaration } from '../kit/types.js';
import { defineConnector } from '../kit/registry.js';
import { DEFAULT_BASE_URL } from './config.js';
import { payTraceOperations } from './operations/index.js';

/** The PayTrace connector: card sales, authorizations, refunds and the vault, exactly once. */
export function createPayTraceConnector(): ConnectorDeclaration {
  return defineConnector({
    id: 'paytrace',
    version: 1,
    label: 'PayTrace',
    description:
      'Charges, authorizes, captures, voids and refunds cards through PayTrace (JSON API v1), manages vault customers and exports transactions and batches. Charges happen at most once per invoice_id; card data is taken only encrypted or tokenized.',
    auth: {
      type: 'object',
      required: ['username', 'integratorId', 'password'],
      properties: {
        baseUrl: { type: 'string', format: 'uri', default: DEFAULT_BASE_URL },
        username: { type: 'string', minLength: 1, description: 'PayTrace API user.' },
        integratorId: {
          type: 'string',
          minLength: 1,
          description: 'Integrator id PayTrace issued for Braid; sent in every body.',
        },
        password: { type: 'string', minLength: 1, 'x-secret': true },
        allowRawCardNumbers: {
          type: 'boolean',
          default: false,
          description:
            'Accept raw card numbers and CSCs (puts Braid in PCI scope). Off: only encrypted or hosted-fields card data.',
        },
        timeoutMs: {
          type: 'integer',
          minimum: 1000,
          maximum: 120000,
          default: 30000,
          description: 'Per-request timeout; authorizations take 3–6 s.',
        },
      },
    },
    operations: payTraceOperations,
  });
}
