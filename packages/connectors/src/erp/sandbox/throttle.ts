import type { Clock } from '@braid/engine';

/** QBO's per-company limits: requests per second and per minute (sliding windows). */
export class RealmThrottle {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly perSecond: number,
    private readonly perMinute: number,
  ) {}

  /** Records a request of `realm`; false when it exceeds a limit (throttled requests don't count). */
  admit(realm: string): boolean {
    const now = this.clock.now();
    const recent = (this.hits.get(realm) ?? []).filter((t) => t > now - 60_000);
    this.hits.set(realm, recent);
    const lastSecond = recent.filter((t) => t > now - 1000).length;
    if (lastSecond >= this.perSecond || recent.length >= this.perMinute) return false;
    recent.push(now);
    return true;
  }

  /** Forgets all counts. */
  reset(): void {
    this.hits.clear();
  }
}
