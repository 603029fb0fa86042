import jsonata from 'jsonata';
import { compileAst } from '../index.js';
import type { EvalGuard } from '../compile.js';

/** Test support: runs an expression in jsonata and compiled, and reports both outcomes. */

/** A guard that never trips (budgets are tested separately). */
export const noGuard: EvalGuard = { enter() {}, exit() {} };

/** What an evaluation produced: a JSON-normalised value or an error code. */
export type Outcome = { value: unknown } | { error: string };

function normalise(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return '<function>';
  const text = JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'function' ? '<function>' : v,
  );
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  // Errors without a code (jsonata's own TypeErrors) compare by kind only.
  return typeof code === 'string' ? code : 'uncoded';
}

/** Evaluates with the jsonata interpreter. */
export async function interpret(
  source: string,
  input: unknown,
  functions: Record<
    string,
    { implementation: (...args: never[]) => unknown; signature?: string }
  > = {},
): Promise<Outcome> {
  try {
    const expr = jsonata(source);
    for (const [name, f] of Object.entries(functions)) {
      expr.registerFunction(name, f.implementation as (...args: unknown[]) => unknown, f.signature);
    }
    return { value: normalise(await expr.evaluate(input)) };
  } catch (err) {
    return { error: codeOf(err) };
  }
}

/** Compiles and evaluates; `undefined` when the expression falls back to the interpreter. */
export function runCompiled(
  source: string,
  input: unknown,
  functions: Record<
    string,
    { implementation: (...args: never[]) => unknown; signature?: string }
  > = {},
): Outcome | { fallback: string } {
  const impls = Object.fromEntries(
    Object.entries(functions).map(([n, f]) => [n, f.implementation]),
  );
  const sigs = Object.fromEntries(Object.entries(functions).map(([n, f]) => [n, f.signature]));
  const compiled = compileAst(jsonata(source).ast(), { functions: impls, signatures: sigs });
  if (!compiled.ok) return { fallback: compiled.reason };
  try {
    return { value: normalise(compiled.fn(input, {}, noGuard)) };
  } catch (err) {
    return { error: codeOf(err) };
  }
}
