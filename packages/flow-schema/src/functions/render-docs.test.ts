import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { braidFunctions, renderFunctionDocs } from './index.js';

describe('docs/functions.md', () => {
  it('matches the rendered function library (run scripts/gen-function-docs.ts)', () => {
    const committed = readFileSync(new URL('../../docs/functions.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderFunctionDocs(braidFunctions));
  });

  it('documents every function with its call form', () => {
    const text = renderFunctionDocs(braidFunctions);
    expect(text).toContain('### `$money(amount, currency[, mode])`');
    expect(text).toContain('### `$decDiv(a, b[, places[, mode]])`');
    for (const f of braidFunctions) expect(text).toContain(`\`$${f.name}(`);
  });
});
