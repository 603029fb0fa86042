import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { expression, jsonInput } from './test-support/arbitraries.js';
import { interpret, runCompiled } from './test-support/differential.js';

const RUNS = 3000;

// Generated text can be a syntax error (e.g. `[] / $` scans as a regex); those are skipped.
function parses(source: string): boolean {
  try {
    jsonata(source);
    return true;
  } catch {
    return false;
  }
}

describe('compiled expressions against the jsonata interpreter', () => {
  it(`agree on ${RUNS} random expressions and inputs`, async () => {
    let fallbacks = 0;
    await fc.assert(
      fc.asyncProperty(expression, jsonInput, async (source, input) => {
        fc.pre(parses(source));
        const compiled = runCompiled(source, input);
        if ('fallback' in compiled) {
          fallbacks += 1;
          return;
        }
        const expected = await interpret(source, input);
        // jsonata evaluates the entries of object and array constructors concurrently (Promise.all),
        // so when two entries both fail, which error wins depends on await depth. Both failing is
        // the property that holds; the code is compared everywhere else.
        if ('error' in compiled && 'error' in expected && /[{[]/.test(source)) return;
        expect(compiled, source).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
    // Every generated construct is in the subset: nothing should fall back.
    expect(fallbacks).toBe(0);
  }, 60_000);
});
