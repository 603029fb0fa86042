import { collectionBuiltins } from './builtins-collections.js';
import { numericBuiltins } from './builtins-numeric.js';
import { textBuiltins } from './builtins-text.js';
import { type ArgValidator, compileSignature } from './signature.js';
import type { FunctionValue } from './values.js';

/** A function callable from compiled code with jsonata's argument conventions. */
export interface Callable {
  name: string;
  validate: ArgValidator | undefined;
  impl: (...args: unknown[]) => unknown;
  /** The function as a value (passed to `$map`, bound to a variable, ...). */
  value: FunctionValue;
}

/** Wraps an implementation with its signature (if any) into a callable and a function value. */
export function makeCallable(
  name: string,
  signature: string | undefined,
  arity: number,
  impl: (...args: never[]) => unknown,
): Callable {
  const run = impl as (...args: unknown[]) => unknown;
  const validate = signature === undefined ? undefined : compileSignature(signature);
  const withContext = (context: unknown, args: unknown[]): unknown =>
    validate === undefined ? run(...args) : run(...validate(args, context));
  // Higher-order functions invoke function values without a context, like jsonata (null).
  const value = ((...args: unknown[]) => withContext(null, args)) as FunctionValue;
  value.arity = arity;
  value.withContext = withContext;
  return { name, validate, impl: run, value };
}

/** The jsonata built-ins compiled code supports, by name (without `$`). */
export const BUILTINS: ReadonlyMap<string, Callable> = new Map(
  Object.entries({ ...textBuiltins, ...numericBuiltins, ...collectionBuiltins }).map(
    ([name, [sig, arity, impl]]) => [name, makeCallable(name, sig, arity, impl)],
  ),
);

/** Every function name jsonata 2.2 defines; the ones not in BUILTINS make compilation fall back. */
export const JSONATA_FUNCTION_NAMES: ReadonlySet<string> = new Set(
  (
    'sum count max min average string substring substringBefore substringAfter lowercase uppercase length ' +
    'trim pad match contains replace split join formatNumber formatBase formatInteger parseInteger number ' +
    'floor ceil round abs sqrt power random boolean not map zip filter single reduce sift keys lookup append ' +
    'exists spread merge reverse each error assert type sort shuffle distinct base64encode base64decode ' +
    'encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval toMillis fromMillis clone now millis'
  ).split(' '),
);
