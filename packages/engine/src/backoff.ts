import type { RetryPolicy } from '@braid/flow-schema';

/** The retry policy of a node without one: a single attempt. */
export const NO_RETRY: RetryPolicy = { attempts: 1 };

/**
 * Delay before attempt `failedAttempt + 1`: fixed or exponential from `initialDelayMs`, capped at
 * `maxDelayMs`, with "equal jitter" (half fixed, half random) so synchronized failures spread
 * out; never sooner than the service's own `retryAfterMs`.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const initial = policy.initialDelayMs ?? 1000;
  const max = policy.maxDelayMs ?? 600_000;
  const base = policy.backoff === 'fixed' ? initial : initial * 2 ** Math.max(0, failedAttempt - 1);
  const capped = Math.min(base, max);
  const jittered = policy.jitter === false ? capped : capped / 2 + random() * (capped / 2);
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
