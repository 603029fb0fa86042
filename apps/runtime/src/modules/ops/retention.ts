import type pg from 'pg';
import type { Logger } from 'pino';
import { BackgroundLoop } from '../../execution/background-loop.js';

const BATCH = 5_000;
const MAX_BATCHES_PER_ROUND = 200;
const ROUND_EVERY_MS = 60 * 60_000;

/**
 * Prunes step records of runs that finished (succeeded, failed, cancelled) longer ago than the
 * retention period. Small batches with a pause between them keep the deletes from competing with
 * the hot path for locks or I/O. Dead-lettered and active runs keep their records: they can still
 * be resumed. Run rows stay, so the run list and references remain searchable.
 */
export class RetentionPruner {
  readonly loop: BackgroundLoop;

  constructor(
    private readonly db: pg.Pool,
    private readonly retentionDays: number,
    private readonly logger: Logger,
    private readonly pauseMs = 50,
  ) {
    this.loop = new BackgroundLoop('retention', () => this.round(), logger);
  }

  /** One pass; returns the pause until the next. */
  async round(): Promise<number> {
    if (this.retentionDays > 0) await this.pruneOnce();
    return ROUND_EVERY_MS;
  }

  /** Deletes every prunable step record (in batches); returns how many went. */
  async pruneOnce(): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_BATCHES_PER_ROUND; i += 1) {
      const res = await this.db.query(
        `delete from step_records where ctid = any(array(
           select s.ctid from step_records s join runs r on r.id = s.run_id
           where s.finished_at < now() - make_interval(days => $1)
             and r.status in ('succeeded', 'failed', 'cancelled')
             and r.finished_at < now() - make_interval(days => $1)
           limit ${BATCH}))`,
        [this.retentionDays],
      );
      total += res.rowCount ?? 0;
      if ((res.rowCount ?? 0) < BATCH) break;
      await new Promise((r) => setTimeout(r, this.pauseMs));
    }
    if (total > 0) {
      this.logger.info({ pruned: total, retentionDays: this.retentionDays }, 'step records pruned');
    }
    return total;
  }
}
