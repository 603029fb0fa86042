import type { Clock } from '@braid/engine';

/**
 * A token bucket per connection: requests wait for a token instead of being throttled by the
 * service. Waiting is cooperative (a timer), so no worker thread is held.
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

  /** Milliseconds to wait before a request may go; takes the token when it returns 0. */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** Waits (bounded by the signal) until a token is available, then takes it. */
  async take(signal?: AbortSignal): Promise<void> {
    for (let wait = this.reserve(); wait > 0; wait = this.reserve()) {
      await sleep(wait, signal);
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
