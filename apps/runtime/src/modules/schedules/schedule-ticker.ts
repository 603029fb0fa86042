import { Cron } from 'croner';
import type pg from 'pg';
import type { Logger } from 'pino';
import { BackgroundLoop, msUntilDue } from '../../execution/background-loop.js';
import type { TriggerService } from '../runs/trigger.service.js';

const MAX_SLEEP_MS = 60_000;
const BATCH = 100;

interface DueSchedule {
  flow_id: string;
  cron: string;
  timezone: string;
  next_fire_at: Date;
  db_now: Date;
}

/**
 * Fires cron triggers exactly once per tick across all instances. Every instance may see the same
 * due row; each starts the run with the tick's timestamp as inbox dedupe key, so only the first
 * creates a run, and only then moves `next_fire_at` on with a compare-and-set. A crash between
 * the two repeats the start on the next round, which the inbox turns into a no-op: no tick is
 * lost and none fires twice. Ticks missed while no instance ran fire once, not once per tick.
 */
export class ScheduleTicker {
  readonly loop: BackgroundLoop;

  constructor(
    private readonly db: pg.Pool,
    private readonly triggers: TriggerService,
    private readonly logger: Logger,
  ) {
    this.loop = new BackgroundLoop('schedules', () => this.round(), logger);
  }

  /** One pass: fire everything due, then say how long until the next tick. */
  async round(): Promise<number> {
    const due = await this.db.query<DueSchedule>(
      `select flow_id, cron, timezone, next_fire_at, now() as db_now from schedules
       where next_fire_at <= now() order by next_fire_at limit ${BATCH}`,
    );
    for (const row of due.rows) {
      // One schedule that cannot fire (its flow, its time zone) must not hold back the others.
      await this.fire(row).catch((err: unknown) =>
        this.logger.warn(
          { flowId: row.flow_id, error: (err as Error).message },
          'schedule tick failed; retried next round',
        ),
      );
    }
    if (due.rows.length === BATCH) return 0;
    return msUntilDue(this.db, 'select next_fire_at as due from schedules', MAX_SLEEP_MS);
  }

  private async fire(row: DueSchedule): Promise<void> {
    const tick = row.next_fire_at;
    const flow = await this.triggers.liveFlow(row.flow_id);
    if (flow?.enabled && flow.doc.trigger.type === 'schedule') {
      const outcome = await this.triggers.start(flow, {
        source: `schedule:${row.flow_id}`,
        dedupeKey: tick.toISOString(),
        triggerType: 'schedule',
        payload: {
          scheduledAt: tick.toISOString(),
          cron: row.cron,
          timezone: row.timezone,
        },
      });
      if ('runId' in outcome && outcome.created) {
        this.logger.info(
          { flowId: row.flow_id, runId: outcome.runId, tick: tick.toISOString() },
          'schedule fired',
        );
      }
    }
    const cron = new Cron(row.cron, { timezone: row.timezone, paused: true });
    // Ticks missed while nothing ran are skipped: the next tick is computed from now.
    const from = row.db_now > tick ? row.db_now : tick;
    const next = cron.nextRun(from);
    if (!next) {
      await this.db.query('delete from schedules where flow_id = $1 and next_fire_at = $2', [
        row.flow_id,
        tick,
      ]);
      return;
    }
    await this.db.query(
      `update schedules set next_fire_at = $3, last_fired_at = $2
       where flow_id = $1 and next_fire_at = $2`,
      [row.flow_id, tick, next],
    );
  }
}
