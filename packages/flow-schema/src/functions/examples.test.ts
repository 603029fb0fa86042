import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { braidFunctions } from './index.js';

// The documented examples are the reference docs; evaluating each through real JSONata keeps
// them honest.
describe('documented examples', () => {
  it('has unique names and at least two examples per function', () => {
    const names = braidFunctions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of braidFunctions) {
      expect(f.doc.examples.length, f.name).toBeGreaterThanOrEqual(2);
      expect(f.doc.summary, f.name).not.toBe('');
    }
  });

  const cases = braidFunctions.flatMap((f) =>
    f.doc.examples.map((example) => ({ name: f.name, ...example })),
  );

  it.each(cases)('$name: $expression', async ({ expression, input, result }) => {
    const expr = jsonata(expression);
    for (const f of braidFunctions) {
      expr.registerFunction(f.name, f.implementation as (...a: unknown[]) => unknown, f.signature);
    }
    expect(await expr.evaluate(input ?? {})).toEqual(result);
  });

  it('uses each function in its own examples', () => {
    for (const f of braidFunctions) {
      for (const example of f.doc.examples)
        expect(example.expression, f.name).toContain(`$${f.name}(`);
    }
  });
});
