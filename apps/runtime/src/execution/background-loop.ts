import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * A single-flight background loop: `round()` runs whenever something wakes it (a NOTIFY, a timer
 * it asked for, or `wake()`), never twice at once, and `stop()` waits for the round in flight.
 * Each round returns how long the loop may sleep before the next one is due.
 */
export class BackgroundLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly round: () => Promise<number>,
    private readonly logger: Logger,
    /** Sleep after a failed round, so a database outage does not spin. */
    private readonly errorBackoffMs = 5_000,
  ) {}

  /** Starts the loop with an immediate round. */
  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Asks for a round now; coalesces with a round already running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.runRound().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async runRound(): Promise<void> {
    let sleepMs: number;
    try {
      sleepMs = await this.round();
    } catch (err) {
      this.logger.warn(
        { loop: this.name, error: (err as Error).message },
        'background round failed',
      );
      sleepMs = this.errorBackoffMs;
    }
    if (this.stopped || this.again) return;
    this.timer = setTimeout(() => this.wake(), Math.max(0, sleepMs));
    this.timer.unref();
  }

  /** Stops the loop and waits for the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

/**
 * How long a loop may sleep: the milliseconds until the earliest due time `dueSql` selects (one
 * `timestamptz` column named `due`), at least 0 and at most `maxMs` (also when nothing is due).
 */
export async function msUntilDue(db: pg.Pool, dueSql: string, maxMs: number): Promise<number> {
  const res = await db.query<{ ms: string | null }>(
    `select extract(epoch from (min(due) - now())) * 1000 as ms from (${dueSql}) d`,
  );
  const ms = res.rows[0]?.ms;
  return ms === null || ms === undefined
    ? maxMs
    : Math.min(maxMs, Math.max(0, Math.ceil(Number(ms))));
}
