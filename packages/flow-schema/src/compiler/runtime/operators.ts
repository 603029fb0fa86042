import { checkLength } from './budget.js';
import { fail } from './errors.js';
import { type Sequence, deepEqual, isNumeric, toStr } from './values.js';

/** Operator semantics of jsonata for compiled code; errors carry jsonata's codes. */

function checkNumbers(lhs: unknown, rhs: unknown): boolean {
  if (lhs !== undefined && !isNumeric(lhs)) fail('T2001', lhs);
  if (rhs !== undefined && !isNumeric(rhs)) fail('T2002', rhs);
  return lhs !== undefined && rhs !== undefined;
}

/** `+` */
export function add(l: unknown, r: unknown): number | undefined {
  return checkNumbers(l, r) ? (l as number) + (r as number) : undefined;
}
/** `-` */
export function sub(l: unknown, r: unknown): number | undefined {
  return checkNumbers(l, r) ? (l as number) - (r as number) : undefined;
}
/** `*` */
export function mul(l: unknown, r: unknown): number | undefined {
  return checkNumbers(l, r) ? (l as number) * (r as number) : undefined;
}
/** `/` */
export function div(l: unknown, r: unknown): number | undefined {
  return checkNumbers(l, r) ? (l as number) / (r as number) : undefined;
}
/** `%` */
export function mod(l: unknown, r: unknown): number | undefined {
  return checkNumbers(l, r) ? (l as number) % (r as number) : undefined;
}

/** `=` */
export function eq(l: unknown, r: unknown): boolean {
  return l !== undefined && r !== undefined && deepEqual(l, r);
}
/** `!=` */
export function ne(l: unknown, r: unknown): boolean {
  return l !== undefined && r !== undefined && !deepEqual(l, r);
}

function comparable(l: unknown, r: unknown): boolean {
  const lt = typeof l;
  const rt = typeof r;
  const lok = lt === 'undefined' || lt === 'string' || lt === 'number';
  const rok = rt === 'undefined' || rt === 'string' || rt === 'number';
  if (!lok || !rok) fail('T2010', !(lt === 'string' || lt === 'number') ? l : r);
  if (lt === 'undefined' || rt === 'undefined') return false;
  if (lt !== rt) fail('T2009', l);
  return true;
}

/** `<` */
export function lt(l: unknown, r: unknown): boolean | undefined {
  return comparable(l, r) ? (l as number) < (r as number) : undefined;
}
/** `<=` */
export function le(l: unknown, r: unknown): boolean | undefined {
  return comparable(l, r) ? (l as number) <= (r as number) : undefined;
}
/** `>` */
export function gt(l: unknown, r: unknown): boolean | undefined {
  return comparable(l, r) ? (l as number) > (r as number) : undefined;
}
/** `>=` */
export function ge(l: unknown, r: unknown): boolean | undefined {
  return comparable(l, r) ? (l as number) >= (r as number) : undefined;
}

/** `in` (strict equality against each item, not deep equality). */
export function includes(l: unknown, r: unknown): boolean {
  if (l === undefined || r === undefined) return false;
  const items: unknown[] = Array.isArray(r) ? r : [r];
  return items.some((item) => item === l);
}

/** `&` */
export function concat(l: unknown, r: unknown): string {
  return (
    (l === undefined ? '' : (toStr(l) as string)) + (r === undefined ? '' : (toStr(r) as string))
  );
}

/** Unary `-`. */
export function neg(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (isNumeric(v)) return -v;
  return fail('D1002', v);
}

/** `..` */
export function range(l: unknown, r: unknown): Sequence | undefined {
  if (l !== undefined && !Number.isInteger(l)) fail('T2003', l);
  if (r !== undefined && !Number.isInteger(r)) fail('T2004', r);
  if (l === undefined || r === undefined) return undefined;
  const from = l as number;
  const to = r as number;
  if (from > to) return undefined;
  const size = to - from + 1;
  if (size > 1e7) fail('D2014', size);
  checkLength(size);
  const result: Sequence = new Array<unknown>(size);
  for (let i = 0; i < size; i++) result[i] = from + i;
  result.sequence = true;
  return result;
}
