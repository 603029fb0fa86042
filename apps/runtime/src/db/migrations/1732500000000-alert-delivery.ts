import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Alert delivery bookkeeping: attempts and the next attempt time, for the alert webhook. */
export class AlertDelivery1732500000000 implements MigrationInterface {
  name = 'AlertDelivery1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table alerts
        add column attempts integer not null default 0,
        add column next_attempt_at timestamptz not null default now();
      create index alerts_pending on alerts (next_attempt_at) where delivered_at is null;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index alerts_pending;
      alter table alerts drop column attempts, drop column next_attempt_at;
    `);
  }
}
