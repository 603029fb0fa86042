import type { Clock } from '@braid/engine';

/** The wait for a token is longer than the caller may hold a worker for. */
export class RateLimitWait extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limit: next slot in ${waitMs} ms`);
    this.name = 'RateLimitWait';
  }
}

/**
 * A token bucket per connection: requests wait for a token instead of being throttled by the
 * service. Tokens are handed out in arrival order (the bucket may go into debt, each caller
 * waiting for its own slot), so no caller can be overtaken forever; a caller whose slot is further
 * away than it may wait gets its token back and a RateLimitWait to reschedule with.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Takes the next slot; returns how many milliseconds until it comes (0: now). */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }

  /**
   * Waits for this caller's slot (bounded by the signal). Throws RateLimitWait, taking nothing,
   * when the slot is more than `maxWaitMs` away.
   */
  async take(signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
    const wait = this.reserve();
    if (wait === 0) return;
    if (wait > maxWaitMs) {
      this.tokens += 1;
      throw new RateLimitWait(wait);
    }
    try {
      await sleep(wait, signal);
    } catch (err) {
      this.tokens += 1;
      throw err;
    }
  }

  /** Lowers the available tokens after the service reported less capacity than we assumed. */
  drain(available: number): void {
    this.tokens = Math.min(this.tokens, available);
  }
}

/** Sleeps for `ms`, rejecting early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
