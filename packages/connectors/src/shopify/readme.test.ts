import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createShopifyConnector } from './connector.js';
import { extractOperationsTable, renderOperationsTable } from './readme-table.js';

describe('README', () => {
  it('lists exactly the declared operations (regenerate with renderOperationsTable)', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    expect(extractOperationsTable(readme)).toBe(renderOperationsTable(createShopifyConnector()));
  });
});
