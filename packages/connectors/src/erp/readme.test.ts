import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createQboConnector } from './connector.js';
import { extractOperationsTable, renderOperationsTable } from './readme.js';

describe('README', () => {
  it('lists exactly the declared operations', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    expect(extractOperationsTable(readme)).toBe(renderOperationsTable(createQboConnector()));
  });
});
