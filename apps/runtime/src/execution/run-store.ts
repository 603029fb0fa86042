import type pg from 'pg';
import type { StepRecord } from '@braid/engine';

/** Terminal run states: nothing will happen to such a run unless a person reruns or resumes it. */
export const TERMINAL = ['succeeded', 'failed', 'cancelled'] as const;

/** The channel that wakes workers. */
export const RUNS_CHANNEL = 'braid_runs';
/** The channel that tells the worker holding a run to cancel it (payload: run id). */
export const CANCEL_CHANNEL = 'braid_cancel';
/** Notified when an alert row is stored. */
export const ALERTS_CHANNEL = 'braid_alerts';
/** Notified when a flow's schedule changes. */
export const SCHEDULES_CHANNEL = 'braid_schedules';
/** Notified when a flow's poll trigger is (re)activated. */
export const POLLS_CHANNEL = 'braid_polls';

/** A new run and the inbox entry that deduplicates its trigger. */
export interface NewRun {
  id: string;
  /** Inbox namespace, e.g. `webhook:order-sync`, `api:order-sync`, `schedule:nightly`. */
  source: string;
  dedupeKey: string;
  flowId: string;
  versionId: string;
  triggerType: string;
  trigger: unknown;
  params: Record<string, unknown>;
  concurrencyKey: string | null;
  reference: string | null;
  parentRunId?: string | null;
  rerunOf?: string | null;
}

/**
 * Writes the inbox row and the run in ONE statement (one transaction) and wakes the workers.
 * Returns the new run id, or the existing run id when the dedupe key was seen before.
 */
export async function insertRunWithInbox(
  db: pg.Pool,
  run: NewRun,
): Promise<{ runId: string; created: boolean }> {
  const res = await db.query<{ created: string | null }>(
    `with ins as (
       insert into inbox (source, dedupe_key, flow_id, run_id) values ($1, $2, $3, $4)
       on conflict (source, dedupe_key) do nothing returning run_id
     ), r as (
       insert into runs (id, flow_id, version_id, status, trigger_type, trigger, params,
                         concurrency_key, reference, parent_run_id, rerun_of)
       select $4, $3, $5, 'queued', $6, $7, $8, $9, $10, $11, $12 from ins returning id
     )
     select (select id from r) as created,
            (select pg_notify('${RUNS_CHANNEL}', '') from r) as notified`,
    [
      run.source,
      run.dedupeKey,
      run.flowId,
      run.id,
      run.versionId,
      run.triggerType,
      JSON.stringify(run.trigger),
      JSON.stringify(run.params),
      run.concurrencyKey,
      run.reference,
      run.parentRunId ?? null,
      run.rerunOf ?? null,
    ],
  );
  if (res.rows[0]?.created) return { runId: run.id, created: true };
  // A new statement sees the row a concurrent duplicate committed.
  const existing = await db.query<{ run_id: string }>(
    'select run_id from inbox where source = $1 and dedupe_key = $2',
    [run.source, run.dedupeKey],
  );
  return { runId: existing.rows[0]?.run_id ?? run.id, created: false };
}

/** A run a worker has leased. */
export interface ClaimedRun {
  id: string;
  flow_id: string;
  version_id: string;
  trigger: unknown;
  params: Record<string, unknown>;
  epoch: number;
  /** Whether the run was claimed before (then its step records must be loaded). */
  resumed: boolean;
  created_at: Date;
  cancel_requested: boolean;
}

/**
 * Leases up to `limit` runnable runs. A run with a concurrency key waits while an earlier run
 * (lower seq) with the same key — of any flow, except its own parent — is still active or
 * dead-lettered, so arrival order holds across flows (a refund waits for its order's charge).
 */
export async function claimRuns(
  db: pg.Pool,
  owner: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimedRun[]> {
  const res = await db.query<ClaimedRun>(
    `with cand as (
       select r.id, r.started_at is not null as resumed from runs r
       where r.status in ('queued', 'waiting') and r.available_at <= now()
         and (r.concurrency_key is null or not exists (
           select 1 from runs p
           where p.concurrency_key = r.concurrency_key and p.seq < r.seq
             and p.id is distinct from r.parent_run_id
             and p.status in ('queued', 'running', 'waiting', 'dead_letter')))
       order by r.available_at, r.seq
       limit $2
       for update skip locked
     )
     update runs r set status = 'running', lease_owner = $1,
       lease_expires_at = now() + make_interval(secs => $3::double precision / 1000),
       started_at = coalesce(r.started_at, now()), updated_at = now()
     from cand where r.id = cand.id
     returning r.id, r.flow_id, r.version_id, r.trigger, r.params, r.epoch, cand.resumed,
               r.created_at, r.cancel_requested`,
    [owner, limit, leaseMs],
  );
  return res.rows;
}

/** Puts runs whose worker vanished (lease expired) back in the queue. Returns how many. */
export async function reapExpiredLeases(db: pg.Pool): Promise<number> {
  const res = await db.query(
    `with r as (
       update runs set status = 'queued', lease_owner = null, lease_expires_at = null, updated_at = now()
       where status = 'running' and lease_expires_at < now() returning id
     ) select count(*)::int as n, (select pg_notify('${RUNS_CHANNEL}', '') where exists (select 1 from r)) from r`,
  );
  return (res.rows[0] as { n: number } | undefined)?.n ?? 0;
}

/** Extends the leases of the runs this worker is executing. */
export async function heartbeat(
  db: pg.Pool,
  owner: string,
  runIds: string[],
  leaseMs: number,
): Promise<void> {
  if (runIds.length === 0) return;
  await db.query(
    `update runs set lease_expires_at = now() + make_interval(secs => $3::double precision / 1000)
     where id = any($2::uuid[]) and lease_owner = $1 and status = 'running'`,
    [owner, runIds, leaseMs],
  );
}

/**
 * Step records of a run as the interpreter needs them: every completed step (a success, or a
 * failure an error port caught) of any epoch, and everything of the current epoch.
 */
export async function loadSteps(db: pg.Pool, runId: string, epoch: number): Promise<StepRecord[]> {
  const res = await db.query<{
    step_key: string;
    node_id: string;
    attempt: number;
    status: 'succeeded' | 'failed' | 'waiting';
    port: string | null;
    input: unknown;
    output: unknown;
    error: StepRecord['error'] | null;
    retry_at: Date | null;
    final: boolean;
    idempotency_key: string;
    started_at: Date;
    finished_at: Date;
  }>(
    `select step_key, node_id, attempt, status, port, input, output, error, retry_at, final,
            idempotency_key, started_at, finished_at
     from step_records where run_id = $1 and (status = 'succeeded' or port is not null or epoch = $2)
     order by finished_at, attempt`,
    [runId, epoch],
  );
  return res.rows.map((r) => ({
    stepKey: r.step_key,
    nodeId: r.node_id,
    attempt: r.attempt,
    status: r.status,
    ...(r.port !== null ? { port: r.port } : {}),
    input: r.input,
    output: r.output,
    ...(r.error ? { error: r.error } : {}),
    ...(r.retry_at ? { retryAt: r.retry_at.getTime() } : {}),
    ...(r.final ? { final: true } : {}),
    idempotencyKey: r.idempotency_key,
    startedAt: r.started_at.getTime(),
    finishedAt: r.finished_at.getTime(),
  }));
}

/** The earliest time a queued or waiting run becomes runnable, if any. */
export async function nextAvailableAt(db: pg.Pool): Promise<Date | null> {
  const res = await db.query<{ at: Date | null }>(
    `select min(available_at) as at from runs where status in ('queued', 'waiting')`,
  );
  return res.rows[0]?.at ?? null;
}
