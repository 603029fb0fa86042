import { checkLength, spend } from './budget.js';
import { fail } from './errors.js';
import {
  type Sequence,
  append,
  createSeq,
  isNumeric,
  isSeq,
  lookup,
  norm,
  truthy,
} from './values.js';

/** Path, step, filter and grouping semantics of jsonata, for compiled code. */

/** Evaluates one step for one context item (node value, stages applied). */
export type StepFn = (item: unknown) => unknown;

const hasOwn = (obj: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(obj, key);

function runStep(step: StepFn, input: unknown[], last: boolean): unknown[] {
  const results: unknown[] = [];
  for (const item of input) {
    spend();
    const res = step(item);
    if (res !== undefined) results.push(res);
  }
  const only = results[0];
  if (last && results.length === 1 && Array.isArray(only) && !isSeq(only)) return only;
  const out = createSeq();
  for (const res of results) {
    if (!Array.isArray(res) || (res as Sequence).cons === true) out.push(res);
    else for (const v of res) out.push(v);
  }
  checkLength(out.length);
  return out;
}

/**
 * A general path. `absolute` when the first step is a variable; `consFirst` when the first step is
 * an array constructor (evaluated once against the whole context, not per item).
 */
export function path(
  input: unknown,
  steps: StepFn[],
  absolute: boolean,
  consFirst: boolean,
  keepSingletonArray: boolean,
): unknown {
  let seq: unknown[] = Array.isArray(input) && !absolute ? input : createSeq(input);
  let result: unknown[] | undefined;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as StepFn;
    result =
      i === 0 && consFirst ? (step(seq) as unknown[]) : runStep(step, seq, i === steps.length - 1);
    if (result === undefined || result.length === 0) break;
    seq = result;
  }
  if (keepSingletonArray && result !== undefined) {
    if (Array.isArray(result) && (result as Sequence).cons === true && !isSeq(result))
      result = createSeq(result);
    (result as Sequence).keepSingleton = true;
  }
  return result;
}

/**
 * A path of plain field names (`a.b.c`) whose values are objects: a direct walk. As soon as an
 * array turns up it continues with the general algorithm, so the result is always `norm(path(...))`.
 */
export function names(input: unknown, keys: string[], steps: StepFn[]): unknown {
  let cur = input;
  for (let i = 0; i < keys.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      const rest = steps.slice(i);
      if (i === 0) return norm(path(cur, rest, false, false, false));
      const seq = (cur as Sequence).cons === true ? createSeq(cur) : cur;
      return norm(path(seq, rest, false, false, false));
    }
    cur = hasOwn(cur, keys[i] as string)
      ? (cur as Record<string, unknown>)[keys[i] as string]
      : undefined;
  }
  if (Array.isArray(cur) && isSeq(cur)) return norm(createSeq(...cur));
  return cur;
}

/**
 * A path whose first step is a plain variable and whose other steps are plain names
 * (`$li.price`): the same result as `norm(path(...))` with the variable as an absolute first step.
 */
export function varNames(value: unknown, keys: string[], steps: StepFn[]): unknown {
  if (value === undefined) return undefined;
  // The variable step keeps an array constructor's result as one item, so it is not flattened.
  if (Array.isArray(value) && (value as Sequence).cons === true) {
    return norm(path(createSeq(value), steps, false, false, false));
  }
  return names(value, keys, steps);
}

/** A name step: a field of one context item. */
export function name(item: unknown, key: string): unknown {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    return hasOwn(item, key) ? norm((item as Record<string, unknown>)[key]) : undefined;
  }
  return norm(lookup(item, key));
}

/** `[n]` with a literal number: jsonata's index filter (negative counts from the end). */
export function index(input: unknown, n: number): Sequence {
  const arr: unknown[] = Array.isArray(input) ? input : createSeq(input);
  let i = Math.floor(n);
  if (i < 0) i = arr.length + i;
  const item = arr[i];
  if (item === undefined) return createSeq();
  return Array.isArray(item) ? (item as Sequence) : createSeq(item);
}

function isArrayOfNumbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.filter((v) => !isNumeric(v)).length === 0;
}

/** `[expr]`: keeps items whose predicate is truthy, or whose position the predicate's numbers name. */
export function filter(input: unknown, predicate: (item: unknown) => unknown): Sequence {
  const arr: unknown[] = Array.isArray(input) ? input : createSeq(input);
  const results = createSeq();
  for (let i = 0; i < arr.length; i++) {
    spend();
    const item = arr[i];
    let res = predicate(item);
    if (isNumeric(res)) res = [res];
    if (isArrayOfNumbers(res)) {
      for (const n of res) {
        let at = Math.floor(n);
        if (at < 0) at = arr.length + at;
        if (at === i) results.push(item);
      }
    } else if (truthy(res)) results.push(item);
  }
  return results;
}

/** One `key: value` pair of an object constructor, both evaluated against a context. */
export type GroupPair = [(item: unknown) => unknown, (context: unknown) => unknown];

/** Object constructor / grouping: keys per item, values per group of items sharing a key. */
export function group(input: unknown, pairs: GroupPair[]): Record<string, unknown> {
  const items: unknown[] = Array.isArray(input) ? input : createSeq(input);
  const source = items.length === 0 ? [undefined] : items;
  const groups = new Map<string, { data: unknown; pair: number }>();
  for (const item of source) {
    for (let p = 0; p < pairs.length; p++) {
      const key = (pairs[p] as GroupPair)[0](item);
      if (key === undefined) continue;
      if (typeof key !== 'string') fail('T1003', key);
      if (key === '_jsonata_lambda' || key === '_jsonata_function') fail('D1013', key);
      const existing = groups.get(key);
      if (existing === undefined) groups.set(key, { data: item, pair: p });
      else if (existing.pair !== p) fail('D1009', key);
      else existing.data = append(existing.data, item);
    }
  }
  const result = Object.create(null) as Record<string, unknown>;
  // jsonata orders the groups as an object's keys: integer-like keys first.
  const order = Object.create(null) as Record<string, true>;
  for (const key of groups.keys()) order[key] = true;
  for (const key of Object.keys(order)) {
    const entry = groups.get(key) as { data: unknown; pair: number };
    const value = (pairs[entry.pair] as GroupPair)[1](entry.data);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** The context for the values of an object constructor whose keys are all distinct literals. */
export function groupContext(input: unknown): unknown {
  if (!Array.isArray(input)) return input;
  if (input.length <= 1) return input[0];
  let data: unknown = input[0];
  for (let i = 1; i < input.length; i++) data = append(data, input[i]);
  return data;
}

/** `*`: the values of every field of the context, arrays flattened. */
export function wildcard(input: unknown): Sequence {
  let results = createSeq();
  let obj = input;
  if (Array.isArray(obj) && (obj as Sequence).outerWrapper === true && obj.length > 0) obj = obj[0];
  if (obj !== null && typeof obj === 'object') {
    for (const key of Object.keys(obj)) {
      const value = (obj as Record<string, unknown>)[key];
      if (Array.isArray(value)) results = append(results, value.flat(Infinity)) as Sequence;
      else results.push(value);
    }
  }
  return results;
}
