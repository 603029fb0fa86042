/** One worked example of a function; doubles as a test case and as reference documentation. */
export interface FunctionExample {
  /** A JSONata expression using the function, e.g. `$money("10.005", "USD")`. */
  expression: string;
  /** The input document the expression is evaluated against (default `{}`). */
  input?: unknown;
  /** The exact result. */
  result: unknown;
}

/** Reference documentation of a function, rendered into docs/functions.md and the designer. */
export interface FunctionDoc {
  summary: string;
  params: { name: string; type: string; description: string; optional?: boolean }[];
  returns: string;
  examples: FunctionExample[];
}

/**
 * A Braid function available to every expression as `$<name>`. Implementations are synchronous
 * and pure (no clock, no I/O) so compiled mappings can call them directly. They throw
 * `FunctionError` on bad input.
 */
export interface BraidFunction {
  name: string;
  /** JSONata signature, e.g. `<s-s?:s>`; omitted for functions that check their own arguments. */
  signature?: string;
  category: 'money' | 'decimal' | 'status' | 'address' | 'reference' | 'card';
  implementation: (...args: never[]) => unknown;
  doc: FunctionDoc;
}

/** A bad argument to a Braid function; surfaces as an expression error with this code. */
export class FunctionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FunctionError';
  }
}
