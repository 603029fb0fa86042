import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Concurrency keys order runs across flows (a refund flow's run for an order waits for the
 * payment flow's run for it), so the ordering index no longer leads with the flow.
 */
export class GlobalConcurrencyKeys1732700000000 implements MigrationInterface {
  name = 'GlobalConcurrencyKeys1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index runs_key_seq;
      create index runs_key_seq on runs (concurrency_key, seq)
        where concurrency_key is not null and status in ('queued','running','waiting','dead_letter');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index runs_key_seq;
      create index runs_key_seq on runs (flow_id, concurrency_key, seq)
        where concurrency_key is not null and status in ('queued','running','waiting','dead_letter');
    `);
  }
}
