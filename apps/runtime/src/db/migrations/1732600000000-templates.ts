import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The template marketplace: every template version ever loaded, and archived (uninstalled) flows. */
export class Templates1732600000000 implements MigrationInterface {
  name = 'Templates1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table templates (
        id text not null,
        version text not null,
        manifest jsonb not null,
        flow jsonb not null,
        content_hash text not null,
        loaded_at timestamptz not null default now(),
        primary key (id, version)
      );
      alter table flows add column archived_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table templates; alter table flows drop column archived_at;`);
  }
}
