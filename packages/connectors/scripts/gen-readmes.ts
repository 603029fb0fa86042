// Rewrites the operations table of every connector README from the connector declarations.
import { readFileSync, writeFileSync } from 'node:fs';
import { createQboConnector } from '../src/erp/index.js';
import { renderOperationsTable, replaceOperationsTable } from '../src/kit/readme-table.js';
import { createPayTraceConnector } from '../src/paytrace/index.js';
import { createShopifyConnector } from '../src/shopify/index.js';

const connectors = {
  shopify: createShopifyConnector(),
  paytrace: createPayTraceConnector(),
  erp: createQboConnector(),
};
for (const [folder, connector] of Object.entries(connectors)) {
  const file = new URL(`../src/${folder}/README.md`, import.meta.url);
  const readme = readFileSync(file, 'utf8');
  writeFileSync(file, replaceOperationsTable(readme, renderOperationsTable(connector)));
  process.stdout.write(`wrote src/${folder}/README.md\n`);
}
