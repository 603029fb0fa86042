import { spend } from './budget.js';
import { fail } from './errors.js';

/** An array jsonata treats as a sequence rather than a JSON array; flags mirror jsonata's. */
export interface Sequence extends Array<unknown> {
  sequence?: boolean;
  keepSingleton?: boolean;
  outerWrapper?: boolean;
  cons?: boolean;
}

/** A function value inside compiled code: lambdas, built-ins and host functions are all plain JS functions. */
export type FunctionValue = ((...args: unknown[]) => unknown) & {
  arity?: number;
  /** Built-ins substitute the context for a missing first argument, so call sites pass it. */
  withContext?: (context: unknown, args: unknown[]) => unknown;
};

/** Creates an empty sequence, or a singleton sequence holding `item` (even when it is undefined). */
export function createSeq(...items: unknown[]): Sequence {
  const seq: Sequence = items;
  seq.sequence = true;
  return seq;
}

/** True for arrays flagged as sequences. */
export function isSeq(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Sequence).sequence === true;
}

/** What jsonata does to every node's value: empty sequences vanish, singletons unwrap unless kept. */
export function norm(value: unknown): unknown {
  if (Array.isArray(value) && (value as Sequence).sequence === true) {
    const seq = value as Sequence;
    if (seq.length === 0) return undefined;
    if (seq.length === 1 && seq.keepSingleton !== true) return seq[0];
  }
  return value;
}

/** `norm` for nodes written with `[]`: singleton sequences stay arrays. */
export function normKeep(value: unknown): unknown {
  if (Array.isArray(value) && (value as Sequence).sequence === true) {
    const seq = value as Sequence;
    seq.keepSingleton = true;
    if (seq.length === 0) return undefined;
  }
  return value;
}

/** True for function values (anything callable). */
export function isFn(value: unknown): value is FunctionValue {
  return typeof value === 'function';
}

/** jsonata's numeric test: NaN is not a number, and an infinite number is an error. */
export function isNumeric(value: unknown): value is number {
  if (typeof value !== 'number') return false;
  if (Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) fail('D1001', value);
  return true;
}

function jsonReplacer(_key: string, val: unknown): unknown {
  if (val !== undefined && val !== null && isNumeric(val)) {
    return Number.isInteger(val) ? val : Number(val.toPrecision(15));
  }
  return typeof val === 'function' ? '' : val;
}

/** `$string` semantics: strings as is, numbers to 15 significant digits, everything else as JSON. */
export function toStr(arg: unknown, prettify = false): string | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'function') return '';
  if (typeof arg === 'number') {
    if (!Number.isFinite(arg)) fail('D3001', arg);
    return String(Number.isInteger(arg) ? arg : Number(arg.toPrecision(15)));
  }
  const value: unknown =
    Array.isArray(arg) && (arg as Sequence).outerWrapper === true ? (arg as unknown[])[0] : arg;
  return JSON.stringify(value, jsonReplacer, prettify ? 2 : 0);
}

/** The effective boolean value of jsonata (`$boolean`). */
export function toBool(arg: unknown): boolean | undefined {
  if (arg === undefined) return undefined;
  if (Array.isArray(arg)) {
    if (arg.length === 1) return toBool(arg[0]);
    // Every item is tested (no short-circuit) because testing can throw D1001, as in jsonata.
    if (arg.length > 1) return arg.filter((v) => toBool(v) === true).length > 0;
    return false;
  }
  if (typeof arg === 'string') return arg.length > 0;
  if (typeof arg === 'boolean') return arg;
  if (isNumeric(arg)) return arg !== 0;
  if (arg !== null && typeof arg === 'object') return Object.keys(arg).length > 0;
  return false;
}

/** `toBool` with undefined as false, for `and`, `or`, conditions and predicates. */
export function truthy(arg: unknown): boolean {
  return toBool(arg) === true;
}

/** jsonata's deep equality (`=`, `$distinct`): arrays by position, objects by key set. */
export function deepEqual(lhs: unknown, rhs: unknown): boolean {
  if (lhs === rhs) return true;
  if (typeof lhs !== 'object' || typeof rhs !== 'object' || lhs === null || rhs === null)
    return false;
  if (Array.isArray(lhs) && Array.isArray(rhs)) {
    if (lhs.length !== rhs.length) return false;
    return lhs.every((v, i) => deepEqual(v, rhs[i]));
  }
  const lkeys = Object.getOwnPropertyNames(lhs).sort();
  const rkeys = Object.getOwnPropertyNames(rhs).sort();
  if (lkeys.length !== rkeys.length) return false;
  if (lkeys.some((k, i) => k !== rkeys[i])) return false;
  const l = lhs as Record<string, unknown>;
  const r = rhs as Record<string, unknown>;
  return lkeys.every((k) => deepEqual(l[k], r[k]));
}

/** `$type`. */
export function typeName(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (isNumeric(value)) return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'function') return 'function';
  return 'object';
}

/** `$append` semantics: undefined is dropped, non-arrays are wrapped, arrays are concatenated. */
export function append(arg1: unknown, arg2: unknown): unknown {
  if (arg1 === undefined) return arg2;
  if (arg2 === undefined) return arg1;
  const a: unknown[] = Array.isArray(arg1) ? arg1 : createSeq(arg1);
  const b: unknown[] = Array.isArray(arg2) ? arg2 : [arg2];
  return a.concat(b);
}

const hasOwn = (obj: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(obj, key);

/** Field lookup (`$lookup`, path names): maps over arrays, flattening one level. */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = createSeq();
    spend(input.length);
    for (const item of input) {
      const res = lookup(item, key);
      if (res === undefined) continue;
      if (Array.isArray(res)) for (const v of res) result.push(v);
      else result.push(res);
    }
    return result;
  }
  if (input !== null && typeof input === 'object' && hasOwn(input, key)) {
    return (input as Record<string, unknown>)[key];
  }
  return undefined;
}

/** True when the value's own keys include `key` (bindings lookups). */
export function has(obj: object, key: string): boolean {
  return hasOwn(obj, key);
}
