import { type Callable } from './builtins.js';
import { fail, locate } from './errors.js';
import * as ops from './operators.js';
import * as paths from './paths.js';
import {
  type FunctionValue,
  type Sequence,
  append,
  createSeq,
  has,
  lookup,
  norm,
  normKeep,
  toBool,
  truthy,
} from './values.js';

/** Calls a function value the way jsonata's `apply` does; non-functions are T1006. */
function call(fn: unknown, args: unknown[], context: unknown): unknown {
  if (typeof fn !== 'function') return fail('T1006');
  const f = fn as FunctionValue;
  return f.withContext ? f.withContext(context, args) : f(...args);
}

/** Calls a known built-in or host function directly (validation, then implementation). */
function invoke(c: Callable, args: unknown[], context: unknown): unknown {
  return c.validate === undefined ? c.impl(...args) : c.impl(...c.validate(args, context));
}

/** A call site: errors get the call's position and function name, as jsonata reports them. */
function callAt(
  fn: unknown,
  args: unknown[],
  context: unknown,
  position: number,
  token: string,
): unknown {
  try {
    return call(fn, args, context);
  } catch (err) {
    throw locate(err, position, token || undefined);
  }
}

/** An operator: errors get the operator's position and symbol. */
function at(
  op: (l: unknown, r: unknown) => unknown,
  l: unknown,
  r: unknown,
  position: number,
  token: string,
): unknown {
  try {
    return op(l, r);
  } catch (err) {
    throw locate(err, position, token, true);
  }
}

/** Array constructor: nested constructors stay arrays, other values are appended (flattened). */
function array(items: unknown[], nested: boolean[], cons: boolean): unknown[] {
  let result: unknown = [];
  for (let i = 0; i < items.length; i++) {
    const value = items[i];
    if (value === undefined) continue;
    if (nested[i] === true) (result as unknown[]).push(value);
    else result = append(result, value);
  }
  if (cons)
    Object.defineProperty(result, 'cons', { enumerable: false, configurable: false, value: true });
  return result as unknown[];
}

/** `a ~> b` where `b` is not a call: applies `b` to `a`, or composes when `a` is a function too. */
function pipe(lhs: unknown, fn: unknown): unknown {
  if (typeof fn !== 'function') return fail('T2006', fn);
  if (typeof lhs === 'function') {
    const composed = (x: unknown): unknown => call(fn, [call(lhs, [x], null)], null);
    return composed;
  }
  return call(fn, [lhs], null);
}

/** The top-level context: jsonata wraps an array input so it is treated as one value. */
function root(input: unknown): unknown {
  if (Array.isArray(input) && (input as Sequence).sequence !== true) {
    const wrapped = createSeq(input);
    wrapped.outerWrapper = true;
    return wrapped;
  }
  return input;
}

/** `$` inside the expression: the context, unwrapped if it is the top-level wrapper. */
function self(input: unknown): unknown {
  return Array.isArray(input) && (input as Sequence).outerWrapper === true ? input[0] : input;
}

/** The runtime helpers generated code calls through its `R` parameter. */
export const R = {
  ...ops,
  ...paths,
  norm,
  normKeep,
  lookup,
  toBool,
  truthy,
  has,
  call,
  callAt,
  at,
  invoke,
  array,
  pipe,
  root,
  self,
  locate,
  fail,
  /** Marks a frame variable that has not been bound yet (lookups continue outwards). */
  UNBOUND: Symbol('unbound'),
};

/** The type of the runtime helper object. */
export type Runtime = typeof R;
