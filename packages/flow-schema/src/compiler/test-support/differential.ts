import { isDeepStrictEqual } from 'node:util';
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

/** True when jsonata parses the source; generated text can be a syntax error (`[] / $` scans as a regex). */
export function parses(source: string): boolean {
  try {
    jsonata(source);
    return true;
  } catch {
    return false;
  }
}

/** The verdict of one differential case. */
export type Verdict =
  | { kind: 'agree' }
  | { kind: 'unparsable' }
  /** jsonata changed its input document and its result shows the change (see below). */
  | { kind: 'interpreterChangedInput' }
  | { kind: 'fallback'; reason: string }
  | { kind: 'mismatch'; compiled: Outcome; interpreted: Outcome; note?: string };

// A copy that keeps null prototypes (fast-check builds dictionaries without one).
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<
    string,
    unknown
  >;
  for (const [k, v] of Object.entries(value)) copy[k] = cloneJson(v);
  return copy;
}

const sameContent = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Runs one expression both ways (built-ins only) and says whether the outcomes agree. */
export async function compareWithInterpreter(source: string, input: unknown): Promise<Verdict> {
  if (!parses(source)) return { kind: 'unparsable' };
  // Each side gets its own copy, so neither sees what the other did to the document.
  const compiledInput = cloneJson(input);
  const compiled = runCompiled(source, compiledInput);
  if ('fallback' in compiled) return { kind: 'fallback', reason: compiled.fallback };
  const interpretedInput = cloneJson(input);
  const interpreted = await interpret(source, interpretedInput);
  if (!sameContent(compiledInput, input)) {
    return { kind: 'mismatch', compiled, interpreted, note: 'compiled code changed its input' };
  }
  // jsonata evaluates the entries of object and array constructors concurrently (Promise.all),
  // so when two entries both fail, which error wins depends on await depth. Both failing is the
  // property that holds there; the code is compared everywhere else.
  if ('error' in compiled && 'error' in interpreted && /[{[]/.test(source))
    return { kind: 'agree' };
  if (isDeepStrictEqual(compiled, interpreted)) return { kind: 'agree' };
  // jsonata's grouping pushes `undefined` into an empty input array (`[]{"k": 1}`), so an
  // expression that also returns that array (`$$`) shows the change. Compiled code leaves the
  // document alone; the difference is jsonata's side effect, not a different result.
  if (!sameContent(interpretedInput, input)) return { kind: 'interpreterChangedInput' };
  return { kind: 'mismatch', compiled, interpreted };
}
