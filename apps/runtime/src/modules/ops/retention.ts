import type pg from 'pg';
import type { Logger } from 'pino';
import { BackgroundLoop } from '../../execution/background-loop.js';

const BATCH_RUNS = 1_000;
const MAX_BATCHES_PER_ROUND = 200;
const ROUND_EVERY_MS = 60 * 60_000;
const WATERMARK = 'retention.step_records';

/**
 * Prunes step records of runs that finished (succeeded, failed, cancelled) longer ago than the
 * retention period. It walks finished runs in `finished_at` order through a partial index and
 * remembers how far it got, so each round reads only what finished since the last one; the hot
 * path pays nothing for it (step records carry no time index). Small batches with a pause keep
 * the deletes from competing with live runs. Dead-lettered and active runs keep their records:
 * they can still be resumed. Run rows stay, so the run list and references remain searchable.
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

  /** Deletes every prunable step record (in batches of runs); returns how many went. */
  async pruneOnce(): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_BATCHES_PER_ROUND; i += 1) {
      const res = await this.db.query<{ runs: number; deleted: number; upto: Date | null }>(
        `with mark as (
           select coalesce((select value from maintenance where key = $2), '-infinity') as since
         ), batch as (
           select r.id, r.finished_at from runs r, mark
           where r.status in ('succeeded', 'failed', 'cancelled')
             and r.finished_at >= mark.since
             and r.finished_at < now() - make_interval(days => $1)
           order by r.finished_at
           limit ${BATCH_RUNS}
         ), gone as (
           delete from step_records s using batch where s.run_id = batch.id returning 1
         ), moved as (
           insert into maintenance (key, value)
           select $2, max(finished_at) from batch having count(*) > 0
           on conflict (key) do update set value = excluded.value
         )
         select (select count(*)::int from batch) as runs,
                (select count(*)::int from gone) as deleted,
                (select max(finished_at) from batch) as upto`,
        [this.retentionDays, WATERMARK],
      );
      const row = res.rows[0];
      total += row?.deleted ?? 0;
      // A full batch may end mid-way through runs that share its last timestamp: go on from it.
      if ((row?.runs ?? 0) < BATCH_RUNS) break;
      await new Promise((r) => setTimeout(r, this.pauseMs));
    }
    if (total > 0) {
      this.logger.info({ pruned: total, retentionDays: this.retentionDays }, 'step records pruned');
    }
    return total;
  }
}
