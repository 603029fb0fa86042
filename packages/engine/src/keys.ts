import { createHash } from 'node:crypto';

/**
 * The idempotency key of one step of one run: identical for every attempt of that step, distinct
 * across steps and loop items, 43 characters (within QuickBooks' 50-character `requestid`).
 */
export function idempotencyKeyOf(runId: string, stepKey: string): string {
  return createHash('sha256').update(`${runId}\u0000${stepKey}`).digest('base64url');
}

/** The step key of a node inside a loop scope, e.g. `lines[2]/chargeLine`. */
export function stepKeyOf(prefix: string, nodeId: string): string {
  return `${prefix}${nodeId}`;
}
