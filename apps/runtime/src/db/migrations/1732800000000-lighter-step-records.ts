import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step records lose their `finished_at` index (one entry per step on the hot path); retention
 * finds old work through a partial index on finished runs instead (one entry per run, written
 * once) and remembers how far it got in `maintenance`.
 */
export class LighterStepRecords1732800000000 implements MigrationInterface {
  name = 'LighterStepRecords1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index step_records_finished;
      create index runs_finished on runs (finished_at)
        where status in ('succeeded', 'failed', 'cancelled');
      create table maintenance (
        key text primary key,
        value timestamptz not null
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table maintenance;
      drop index runs_finished;
      create index step_records_finished on step_records (finished_at);
    `);
  }
}
