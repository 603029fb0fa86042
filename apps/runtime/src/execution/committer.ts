import type pg from 'pg';
import type { StepError, StepRecord } from '@braid/engine';
import { Batcher } from './batcher.js';
import { ALERTS_CHANNEL, RUNS_CHANNEL } from './run-store.js';

/** The worker no longer holds the run's lease (another worker took it over). */
export class LeaseLost extends Error {
  constructor(readonly runId: string) {
    super(`lease on run ${runId} was lost`);
    this.name = 'LeaseLost';
  }
}

interface StepCommit {
  runId: string;
  epoch: number;
  record: StepRecord;
}

/** How a run leaves a worker. */
export type RunFinish =
  | { runId: string; status: 'succeeded'; output: unknown }
  | {
      runId: string;
      status: 'failed' | 'dead_letter';
      error: StepError & { nodeId?: string; stepKey?: string };
    }
  | { runId: string; status: 'cancelled' }
  | { runId: string; status: 'waiting'; until: number }
  /** Released without a decision (e.g. the worker is shutting down): runnable again at once. */
  | { runId: string; status: 'queued' };

const iso = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();

/**
 * Group-commits step records and run completions of all runs a worker executes. A record is
 * inserted only while this worker still owns the run's lease (fencing), in the same statement
 * that bumps the run's cursor and extends its lease.
 */
export class RunCommitter {
  private readonly steps: Batcher<StepCommit, boolean>;
  private readonly finishes: Batcher<RunFinish, boolean>;

  constructor(
    private readonly db: pg.Pool,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {
    this.steps = new Batcher((items) => this.flushSteps(items), { maxBatch: 500, maxInFlight: 2 });
    this.finishes = new Batcher((items) => this.flushFinishes(items), {
      maxBatch: 500,
      maxInFlight: 2,
    });
  }

  /** Resolves when the record is durable; rejects with LeaseLost when the run was taken over. */
  async commitStep(runId: string, epoch: number, record: StepRecord): Promise<void> {
    const ok = await this.steps.add({ runId, epoch, record });
    if (!ok) throw new LeaseLost(runId);
  }

  /** Records how the run left this worker and releases its lease. */
  async finish(finish: RunFinish): Promise<void> {
    const ok = await this.finishes.add(finish);
    if (!ok) throw new LeaseLost(finish.runId);
  }

  private async flushSteps(items: StepCommit[]): Promise<boolean[]> {
    const rows = items.map(({ runId, epoch, record: r }) => ({
      run_id: runId,
      epoch,
      step_key: r.stepKey,
      attempt: r.attempt,
      node_id: r.nodeId,
      status: r.status,
      port: r.port ?? null,
      input: r.input ?? null,
      output: r.output ?? null,
      error: r.error ?? null,
      retry_at: iso(r.retryAt),
      final: r.final ?? false,
      idempotency_key: r.idempotencyKey,
      started_at: iso(r.startedAt),
      finished_at: iso(r.finishedAt),
    }));
    const res = await this.db.query<{
      run_id: string;
      step_key: string;
      attempt: number;
      epoch: number;
    }>(
      `with recs as (
         select * from jsonb_to_recordset($1::jsonb) as x(
           run_id uuid, epoch int, step_key text, attempt int, node_id text, status text, port text,
           input jsonb, output jsonb, error jsonb, retry_at timestamptz, final boolean,
           idempotency_key text, started_at timestamptz, finished_at timestamptz)
       ), owned as (
         -- Fencing without writing the run row: FOR SHARE holds off a takeover (the reaper or
         -- another claim) until this batch commits, so only the lease holder writes records
         -- and the hot path creates no extra run-row versions.
         select r.id from runs r
         where r.id in (select run_id from recs) and r.lease_owner = $2 and r.status = 'running'
         for share
       )
       insert into step_records (run_id, epoch, step_key, attempt, node_id, status, port, input, output,
                                 error, retry_at, final, idempotency_key, started_at, finished_at)
       select run_id, epoch, step_key, attempt, node_id, status, port, input, output, error, retry_at,
              final, idempotency_key, started_at, finished_at
       from recs where run_id in (select id from owned)
       on conflict do nothing
       returning run_id, step_key, attempt, epoch`,
      [JSON.stringify(rows), this.owner],
    );
    const done = new Set(res.rows.map((r) => `${r.run_id}|${r.epoch}|${r.step_key}|${r.attempt}`));
    return items.map((i) =>
      done.has(`${i.runId}|${i.epoch}|${i.record.stepKey}|${i.record.attempt}`),
    );
  }

  private async flushFinishes(items: RunFinish[]): Promise<boolean[]> {
    const rows = items.map((f) => ({
      id: f.runId,
      status: f.status,
      output: f.status === 'succeeded' ? (f.output ?? null) : null,
      error: f.status === 'failed' || f.status === 'dead_letter' ? f.error : null,
      available_at: f.status === 'waiting' ? iso(f.until) : null,
    }));
    const res = await this.db.query<{ id: string }>(
      `with f as (
         select * from jsonb_to_recordset($1::jsonb) as x(
           id uuid, status text, output jsonb, error jsonb, available_at timestamptz)
       ), u as (
         update runs r set status = f.status, output = f.output, error = f.error,
           available_at = coalesce(f.available_at, now()),
           finished_at = case when f.status in ('succeeded','failed','cancelled','dead_letter') then now() end,
           lease_owner = null, lease_expires_at = null, updated_at = now()
         from f where r.id = f.id and r.lease_owner = $2 and r.status = 'running'
         returning r.id, r.status, r.flow_id, r.error, r.concurrency_key, r.parent_run_id
       ), parent as (
         -- A child run that ended wakes its waiting parent (subflow nodes wait without polling).
         update runs p set available_at = now()
         from u where p.id = u.parent_run_id
           and p.status = 'waiting' and u.status in ('succeeded','failed','cancelled')
         returning p.id
       ), a as (
         insert into alerts (run_id, flow_id, kind, message, details)
         select u.id, u.flow_id,
                case when u.status = 'dead_letter' then 'dead_letter' else 'flow_failed' end,
                coalesce(u.error->>'message', 'run dead-lettered'), u.error
         from u where u.status = 'dead_letter'
            or (u.status = 'failed' and u.error->'details'->>'alert' = 'true')
         returning id
       )
       -- Wake workers only when this can unblock someone: a finished run with a concurrency key
       -- (its successor may run now) or a run released back to the queue.
       select u.id, n.sent from u left join (
         select pg_notify('${RUNS_CHANNEL}', '') as sent
         where exists (select 1 from u where u.concurrency_key is not null or u.status = 'queued')
            or exists (select 1 from parent)
       ) n on true left join (
         select pg_notify('${ALERTS_CHANNEL}', '') as alerted where exists (select 1 from a)
       ) al on true`,
      [JSON.stringify(rows), this.owner],
    );
    const done = new Set(res.rows.map((r) => r.id));
    return items.map((i) => done.has(i.runId));
  }
}
