import { describe, expect, it } from 'vitest';
import { RateLimitWait, TokenBucket } from './rate-limiter.js';

describe('TokenBucket', () => {
  it('hands out slots in arrival order once the burst is spent', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, { now: () => now });
    expect([bucket.reserve(), bucket.reserve()]).toEqual([0, 0]);
    // Each later caller gets its own slot, 100 ms apart: nobody can be overtaken for ever.
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([100, 200, 300]);
    now = 1000;
    expect(bucket.reserve()).toBe(0);
  });

  it('refuses a slot further away than the caller may wait, taking nothing', async () => {
    const now = 0;
    const bucket = new TokenBucket(1, 1, { now: () => now });
    await bucket.take(undefined, 10);
    const err = await bucket.take(undefined, 500).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitWait);
    expect((err as RateLimitWait).waitMs).toBe(1000);
    // The refused caller gave its slot back: the next one is still 1 s away, not 2 s.
    expect(bucket.reserve()).toBe(1000);
  });

  it('gives the slot back when the caller is aborted while waiting', async () => {
    const bucket = new TokenBucket(1, 1, { now: () => 0 });
    bucket.reserve();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort(new Error('step timeout'));
    await expect(waiting).rejects.toThrow('step timeout');
    expect(bucket.reserve()).toBe(1000);
  });
});
