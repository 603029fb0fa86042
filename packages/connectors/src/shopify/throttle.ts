import { StepFailure } from '@braid/engine';
import type { ConnectorContext, HttpClient } from '../kit/types.js';
import { transportFailure } from '../kit/errors.js';
import { sleep } from '../kit/rate-limiter.js';

/** Shopify's `extensions.cost.throttleStatus`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface Snapshot extends ThrottleStatus {
  /** Clock time the snapshot describes. */
  at: number;
}

/**
 * Longest a call waits for points before giving the step back to the engine as retryable:
 * holding a worker longer than this is worse than rescheduling the step.
 */
export const MAX_PACE_WAIT_MS = 10_000;

// Keyed by the registry's HTTP client, then connection id: state lives exactly as long as the
// registry and never leaks between registries (or tests).
const snapshots = new WeakMap<HttpClient, Map<string, Snapshot>>();

function store(ctx: ConnectorContext): Map<string, Snapshot> {
  let byConnection = snapshots.get(ctx.http);
  if (!byConnection) {
    byConnection = new Map();
    snapshots.set(ctx.http, byConnection);
  }
  return byConnection;
}

function availableNow(s: Snapshot, now: number): number {
  return Math.min(s.maximumAvailable, s.currentlyAvailable + ((now - s.at) / 1000) * s.restoreRate);
}

/** Milliseconds until `cost` points are back, given a throttle status. */
export function msUntilAvailable(status: ThrottleStatus, cost: number): number {
  if (status.restoreRate <= 0) return MAX_PACE_WAIT_MS;
  return Math.ceil((Math.max(0, cost - status.currentlyAvailable) / status.restoreRate) * 1000);
}

/**
 * Waits until the connection's bucket (as last reported by Shopify) holds `cost` points, then
 * reserves them locally so concurrent calls do not all spend the same points.
 */
export async function pace(ctx: ConnectorContext, cost: number): Promise<void> {
  const snap = store(ctx).get(ctx.connection.id);
  if (!snap) return; // nothing known yet: the first answer tells us
  for (;;) {
    const now = ctx.clock.now();
    const available = availableNow(snap, now);
    if (available >= cost || cost > snap.maximumAvailable) {
      snap.currentlyAvailable = Math.max(0, available - cost);
      snap.at = now;
      return;
    }
    const waitMs = msUntilAvailable({ ...snap, currentlyAvailable: available }, cost);
    if (waitMs > MAX_PACE_WAIT_MS) {
      throw new StepFailure({
        kind: 'retryable',
        code: 'SHOPIFY_THROTTLED',
        message: `shopify: waiting ${waitMs} ms for ${cost} cost points; rescheduling instead`,
        retryAfterMs: waitMs,
        details: {
          paced: true,
          deferred: true,
          throttleStatus: { ...snap, currentlyAvailable: available },
        },
      });
    }
    try {
      await sleep(waitMs, ctx.signal);
    } catch (err) {
      throw transportFailure('shopify', err);
    }
  }
}

/** Remembers the throttle status Shopify reported with an answer. */
export function observe(ctx: ConnectorContext, status: ThrottleStatus | undefined): void {
  if (!status) return;
  store(ctx).set(ctx.connection.id, { ...status, at: ctx.clock.now() });
}
