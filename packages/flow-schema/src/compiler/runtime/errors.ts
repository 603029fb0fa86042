/**
 * Errors thrown by compiled expressions. They carry the same `code` (and, where jsonata sets
 * them, `position` and `token`) as the interpreter's errors so callers cannot tell the two
 * apart by code. Messages are Braid's own short wording, not jsonata's message catalogue.
 */
const MESSAGES: Record<string, string> = {
  T0410: 'Argument {index} does not match the function signature',
  T0411: 'Context value is not a compatible type for argument {index}',
  T0412: 'Argument {index} must be an array of the declared item type',
  T1003: 'Key in object structure must evaluate to a string',
  T1006: 'Attempted to invoke a non-function',
  T2001: 'The left side of the arithmetic operator must evaluate to a number',
  T2002: 'The right side of the arithmetic operator must evaluate to a number',
  T2003: 'The left side of the range operator must evaluate to an integer',
  T2004: 'The right side of the range operator must evaluate to an integer',
  T2006: 'The right side of the function application operator must be a function',
  T2009: 'The values on both sides of a comparison must be of the same type',
  T2010: 'A comparison operand must be a string or a number',
  D1001: 'Number out of range',
  D1002: 'Cannot negate a non-numeric value',
  D1009: 'Multiple key definitions evaluate to the same key',
  D1011: 'Stack overflow',
  D1013: 'Reserved key in object constructor',
  D2014: 'Range expression generates too many results',
  D2015: 'The maximum sequence length was exceeded',
  D3001: 'Attempting to invoke string function on Infinity or NaN',
  D3010: 'Second argument of replace function cannot be an empty string',
  D3011: 'Fourth argument of replace function must be a non-negative number',
  D3020: 'Third argument of split function must be a non-negative number',
  D3030: 'Unable to cast value to a number',
  D3050: 'The second argument of reduce function must be a function with at least two arguments',
  D3060: 'The sqrt function cannot be applied to a negative number',
  D3061: 'The power function has resulted in a value that cannot be represented as a JSON number',
};

/** An evaluation error of compiled code, shaped like a jsonata error (`code`, `position`, `token`, `value`). */
export class CompiledEvalError extends Error {
  position: number | undefined;
  token: string | undefined;
  constructor(
    readonly code: string,
    readonly value?: unknown,
    readonly index?: number,
  ) {
    super((MESSAGES[code] ?? `Evaluation error ${code}`).replace('{index}', String(index ?? '')));
    this.name = 'CompiledEvalError';
  }
}

/** Throws an evaluation error with a jsonata error code. */
export function fail(code: string, value?: unknown, index?: number): never {
  throw new CompiledEvalError(code, value, index);
}

interface Positioned {
  position?: unknown;
  token?: unknown;
}

/** Adds a position and token to an error that has none yet, as jsonata does at call sites and operators. */
export function locate(
  err: unknown,
  position: number,
  token: string | undefined,
  force = false,
): unknown {
  if (err !== null && typeof err === 'object') {
    const e = err as Positioned;
    if (force || e.position === undefined) e.position = position;
    if (token !== undefined && (force || e.token === undefined)) e.token = token;
  }
  return err;
}
