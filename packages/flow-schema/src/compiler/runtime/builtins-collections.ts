import { fail } from './errors.js';
import {
  type FunctionValue,
  append,
  createSeq,
  deepEqual,
  isSeq,
  lookup,
  toBool,
  typeName,
} from './values.js';

/** Object, array, boolean and higher-order built-ins. Arguments arrive already validated. */

function keys(arg: unknown): unknown[] {
  const result = createSeq();
  if (Array.isArray(arg)) {
    const seen = new Set<string>();
    for (const item of arg) for (const k of keys(item) as string[]) seen.add(k);
    // jsonata collects keys in an object, which orders integer-like keys first.
    const merged: Record<string, true> = Object.create(null) as Record<string, true>;
    for (const k of seen) merged[k] = true;
    for (const k of Object.keys(merged)) result.push(k);
  } else if (arg !== null && typeof arg === 'object') {
    for (const k of Object.keys(arg)) result.push(k);
  }
  return result;
}

function merge(arg: unknown[] | undefined): unknown {
  if (arg === undefined) return undefined;
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const obj of arg) {
    if (obj === null || typeof obj !== 'object') continue;
    for (const prop of Object.keys(obj)) result[prop] = (obj as Record<string, unknown>)[prop];
  }
  return result;
}

function reverse(arr: unknown[] | undefined): unknown {
  if (arr === undefined) return undefined;
  if (arr.length <= 1) return arr;
  return arr.slice().reverse();
}

function distinct(arr: unknown): unknown {
  if (arr === undefined) return undefined;
  if (!Array.isArray(arr) || arr.length <= 1) return arr;
  const results: unknown[] = isSeq(arr) ? createSeq() : [];
  for (const value of arr) {
    if (!results.some((r) => deepEqual(value, r))) results.push(value);
  }
  return results;
}

function arityOf(fn: FunctionValue): number {
  return typeof fn.arity === 'number' ? fn.arity : fn.length;
}

function hofArgs(fn: FunctionValue, value: unknown, index: number, all: unknown): unknown[] {
  const arity = arityOf(fn);
  const args = [value];
  if (arity >= 2) args.push(index);
  if (arity >= 3) args.push(all);
  return args;
}

function map(arr: unknown[] | undefined, fn: FunctionValue): unknown {
  if (arr === undefined) return undefined;
  const result = createSeq();
  for (let i = 0; i < arr.length; i++) {
    const res = fn(...hofArgs(fn, arr[i], i, arr));
    if (res !== undefined) result.push(res);
  }
  return result;
}

function filter(arr: unknown[] | undefined, fn: FunctionValue): unknown {
  if (arr === undefined) return undefined;
  const result = createSeq();
  for (let i = 0; i < arr.length; i++) {
    if (toBool(fn(...hofArgs(fn, arr[i], i, arr))) === true) result.push(arr[i]);
  }
  return result;
}

function reduce(seq: unknown[] | undefined, fn: FunctionValue, init?: unknown): unknown {
  if (seq === undefined) return undefined;
  const arity = arityOf(fn);
  if (arity < 2) fail('D3050', undefined, 1);
  let index = 0;
  let result = init;
  if (init === undefined && seq.length > 0) {
    result = seq[0];
    index = 1;
  }
  for (; index < seq.length; index++) {
    const args = [result, seq[index]];
    if (arity >= 3) args.push(index);
    if (arity >= 4) args.push(seq);
    result = fn(...args);
  }
  return result;
}

type Impl = (...args: never[]) => unknown;

/** name → [signature, arity as jsonata reports it to higher-order functions, implementation]. */
export const collectionBuiltins: Record<string, [string, number, Impl]> = {
  boolean: ['<x-:b>', 1, toBool],
  not: ['<x-:b>', 1, (arg: unknown) => (arg === undefined ? undefined : !toBool(arg))],
  exists: ['<x:b>', 1, (arg: unknown) => arg !== undefined],
  type: ['<x:s>', 1, typeName],
  keys: ['<x-:a<s>>', 1, keys],
  lookup: ['<x-s:x>', 2, lookup],
  append: ['<xx:a>', 2, append],
  merge: ['<a<o>:o>', 1, merge],
  reverse: ['<a:a>', 1, reverse],
  distinct: ['<x:x>', 1, distinct],
  map: ['<af>', 2, map],
  filter: ['<af>', 2, filter],
  reduce: ['<afj?:j>', 3, reduce],
};
