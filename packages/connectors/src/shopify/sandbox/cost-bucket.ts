import type { Clock } from '@braid/engine';

/** Shopify's per app-and-store leaky bucket of GraphQL cost points. */
export class CostBucket {
  private available: number;
  private last: number;

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    private readonly clock: Clock,
  ) {
    this.available = maximumAvailable;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((now - this.last) / 1000) * this.restoreRate,
    );
    this.last = now;
  }

  /** Takes `cost` points if they are there; false means the request is throttled. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back points that were requested but not used (Shopify charges the actual cost). */
  refund(points: number): void {
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Sets the level, e.g. to simulate other apps spending the shop's points. */
  set(points: number): void {
    this.refill();
    this.available = Math.max(0, Math.min(this.maximumAvailable, points));
  }

  /** The status every answer reports. */
  status(): { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  /** Back to full. */
  reset(): void {
    this.available = this.maximumAvailable;
    this.last = this.clock.now();
  }
}
