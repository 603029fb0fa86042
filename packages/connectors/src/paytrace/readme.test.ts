import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPayTraceConnector } from './connector.js';
import { renderOperationsTable, tableInReadme } from './readme.js';

describe('paytrace README', () => {
  it('embeds the operations table rendered from the declarations', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    expect(tableInReadme(readme)).toBe(renderOperationsTable(createPayTraceConnector()));
  });
});
