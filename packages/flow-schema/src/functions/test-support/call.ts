import jsonata from 'jsonata';
import { expect } from 'vitest';
import { braidFunctions } from '../index.js';
import { FunctionError } from '../types.js';

/** Calls a library function's implementation directly, as a compiled mapping would. */
export function call(name: string, ...args: unknown[]): unknown {
  const f = braidFunctions.find((candidate) => candidate.name === name);
  if (f === undefined) throw new Error(`no function ${name}`);
  return (f.implementation as (...a: unknown[]) => unknown)(...args);
}

/** Evaluates a JSONata expression with the whole library registered, as the runtime does. */
export async function evaluate(source: string, input: unknown = {}): Promise<unknown> {
  const expr = jsonata(source);
  for (const f of braidFunctions) {
    expr.registerFunction(f.name, f.implementation as (...a: unknown[]) => unknown, f.signature);
  }
  return (await expr.evaluate(input)) as unknown;
}

/** Asserts that a call throws a FunctionError with the given code. */
export function expectCode(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(FunctionError);
  expect((caught as FunctionError).code).toBe(code);
}
