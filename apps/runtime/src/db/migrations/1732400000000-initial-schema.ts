import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Braid's first schema: flows and versions, connections, inbox, runs, step records, ops tables. */
export class InitialSchema1732400000000 implements MigrationInterface {
  name = 'InitialSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table flows (
        id text primary key,
        name text not null,
        description text,
        draft jsonb not null,
        draft_problems jsonb not null default '[]',
        active_version_id uuid,
        enabled boolean not null default false,
        bindings jsonb not null default '{}',
        params jsonb not null default '{}',
        origin jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table flow_versions (
        id uuid primary key,
        flow_id text not null references flows(id) on delete cascade,
        version integer not null,
        content_hash text not null,
        document jsonb not null,
        created_at timestamptz not null default now(),
        unique (flow_id, version),
        unique (flow_id, content_hash)
      );
      alter table flows add constraint flows_active_version_fk
        foreign key (active_version_id) references flow_versions(id);
      create table connections (
        id text primary key,
        connector text not null,
        name text not null,
        config jsonb not null default '{}',
        secrets bytea,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table inbox (
        id bigserial primary key,
        source text not null,
        dedupe_key text not null,
        flow_id text not null,
        run_id uuid not null,
        received_at timestamptz not null default now(),
        unique (source, dedupe_key)
      );
      create table runs (
        id uuid primary key,
        seq bigserial not null,
        flow_id text not null,
        version_id uuid not null references flow_versions(id),
        status text not null check (status in
          ('queued','running','waiting','succeeded','failed','dead_letter','cancelled')),
        trigger_type text not null,
        trigger jsonb not null,
        params jsonb not null default '{}',
        concurrency_key text,
        reference text,
        parent_run_id uuid,
        rerun_of uuid,
        epoch integer not null default 0,
        available_at timestamptz not null default now(),
        lease_owner text,
        lease_expires_at timestamptz,
        output jsonb,
        error jsonb,
        cancel_requested boolean not null default false,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz not null default now()
      );
      create index runs_ready on runs (available_at) where status in ('queued','waiting');
      create index runs_leased on runs (lease_expires_at) where status = 'running';
      create index runs_flow_created on runs (flow_id, created_at desc);
      create index runs_key_seq on runs (flow_id, concurrency_key, seq)
        where concurrency_key is not null and status in ('queued','running','waiting','dead_letter');
      create index runs_reference on runs (reference text_pattern_ops) where reference is not null;
      create table step_records (
        run_id uuid not null references runs(id) on delete cascade,
        epoch integer not null,
        step_key text not null,
        attempt integer not null,
        node_id text not null,
        status text not null check (status in ('succeeded','failed','waiting')),
        port text,
        input jsonb,
        output jsonb,
        error jsonb,
        retry_at timestamptz,
        final boolean not null default false,
        idempotency_key text not null,
        started_at timestamptz not null,
        finished_at timestamptz not null,
        primary key (run_id, epoch, step_key, attempt)
      );
      create index step_records_finished on step_records (finished_at);
      create table alerts (
        id bigserial primary key,
        run_id uuid,
        flow_id text,
        kind text not null,
        message text not null,
        details jsonb,
        created_at timestamptz not null default now(),
        delivered_at timestamptz,
        delivery_error text
      );
      create table schedules (
        flow_id text primary key references flows(id) on delete cascade,
        version_id uuid not null,
        cron text not null,
        timezone text not null,
        next_fire_at timestamptz not null,
        last_fired_at timestamptz
      );
      create table poll_state (
        flow_id text primary key references flows(id) on delete cascade,
        watermark text,
        next_poll_at timestamptz not null default now(),
        last_error text,
        updated_at timestamptz not null default now()
      );
      create table api_keys (
        id uuid primary key,
        name text not null,
        prefix text not null unique,
        hash text not null,
        scopes text[] not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      create table audit_log (
        id bigserial primary key,
        at timestamptz not null default now(),
        actor text not null,
        action text not null,
        subject text not null,
        details jsonb
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table audit_log; drop table api_keys; drop table poll_state; drop table schedules;
      drop table alerts; drop table step_records; drop table runs; drop table inbox;
      drop table connections; alter table flows drop constraint flows_active_version_fk;
      drop table flow_versions; drop table flows;
    `);
  }
}
