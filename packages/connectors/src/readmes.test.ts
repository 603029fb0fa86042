import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createQboConnector } from './erp/index.js';
import { extractOperationsTable, renderOperationsTable } from './kit/readme-table.js';
import { createPayTraceConnector } from './paytrace/index.js';
import { createShopifyConnector } from './shopify/index.js';

// Each connector's README embeds its operations table; regenerate with `pnpm -C packages/connectors readmes`.
describe.each([
  ['shopify', createShopifyConnector()],
  ['paytrace', createPayTraceConnector()],
  ['erp', createQboConnector()],
])('%s README', (folder, connector) => {
  it('lists exactly the declared operations', () => {
    const readme = readFileSync(new URL(`./${folder}/README.md`, import.meta.url), 'utf8');
    expect(extractOperationsTable(readme)).toBe(renderOperationsTable(connector));
  });
});
