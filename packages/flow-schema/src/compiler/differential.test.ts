import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expression, jsonInput } from './test-support/arbitraries.js';
import { compareWithInterpreter } from './test-support/differential.js';

const RUNS = 3000;

// The nightly script bench/fuzz-compiler.ts runs the same property over far more cases.
describe('compiled expressions against the jsonata interpreter', () => {
  it(`agree on ${RUNS} random expressions and inputs`, async () => {
    let fallbacks = 0;
    await fc.assert(
      fc.asyncProperty(expression, jsonInput, async (source, input) => {
        const verdict = await compareWithInterpreter(source, input);
        fc.pre(verdict.kind !== 'unparsable' && verdict.kind !== 'interpreterChangedInput');
        if (verdict.kind === 'fallback') {
          fallbacks += 1;
          return;
        }
        if (verdict.kind === 'mismatch')
          expect(verdict.compiled, source).toEqual(verdict.interpreted);
      }),
      { numRuns: RUNS },
    );
    // Every generated construct is in the subset: nothing should fall back.
    expect(fallbacks).toBe(0);
  }, 60_000);
});
