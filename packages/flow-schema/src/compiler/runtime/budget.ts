import { fail } from './errors.js';

/**
 * The limits of the compiled evaluation in progress. Compiled expressions run synchronously from
 * start to end, so one slot holds the current evaluation's guard. Loops that jsonata runs without
 * a lambda call (path steps, filters, field lookups over arrays) spend from its time budget, and
 * every 1,024 items the guard checks the clock, as the interpreter's own timeout would; sequences
 * are held to the same maximum length as in the interpreter (D2015).
 */
export interface Budget {
  /** Throws D1012 when the evaluation has run out of time. */
  check?(): void;
  /** Longest sequence an evaluation may build. */
  maxSequence?: number;
}

let active: Budget | undefined;
let spent = 0;
const CHECK_EVERY = 1024;

/** Runs `fn` with `budget` as the evaluation's budget. */
export function withBudget<T>(budget: Budget | undefined, fn: () => T): T {
  const previous = active;
  active = budget;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** Records `units` items of work; checks the clock every 1,024 of them. */
export function spend(units = 1): void {
  spent += units;
  if (spent >= CHECK_EVERY) {
    spent = 0;
    active?.check?.();
  }
}

/** Fails with D2015 when a sequence of `length` items is longer than the evaluation allows. */
export function checkLength(length: number): void {
  const max = active?.maxSequence;
  if (max !== undefined && length > max) fail('D2015', max);
}
