import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../../core/tokens.js';
import { ApiProblem } from '../../core/problem.js';
import { CANCEL_CHANNEL, RUNS_CHANNEL } from '../../execution/run-store.js';
import { TriggerService } from './trigger.service.js';

/** Filters of the run list. */
export interface RunFilter {
  flowId?: string;
  status?: string;
  from?: string;
  to?: string;
  /** Matches the run's reference (order name, id) by prefix, case-insensitive. */
  q?: string;
  limit?: number;
  /** `seq` of the last run of the previous page. */
  before?: string;
}

const RUN_COLUMNS = `id, seq, flow_id, version_id, status, trigger_type, concurrency_key, reference, epoch,
  error, created_at, started_at, finished_at, available_at, rerun_of, parent_run_id`;

const STATUSES = new Set([
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'dead_letter',
  'cancelled',
]);

/** Run list and detail, rerun, resume and cancel. */
@Injectable()
export class RunsService {
  constructor(
    @Inject(PG_POOL) private readonly db: pg.Pool,
    private readonly triggers: TriggerService,
  ) {}

  /** Runs, newest first, filtered; `nextBefore` pages on. */
  async list(
    f: RunFilter,
  ): Promise<{ runs: Record<string, unknown>[]; nextBefore: string | null }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      args.push(value);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (f.flowId) add('flow_id = ?', f.flowId);
    if (f.status) {
      if (!STATUSES.has(f.status))
        throw new ApiProblem(
          400,
          'runs.bad-status',
          `status must be one of ${[...STATUSES].join(', ')}`,
        );
      add('status = ?', f.status);
    }
    if (f.from) add('created_at >= ?', date(f.from, 'from'));
    if (f.to) add('created_at < ?', date(f.to, 'to'));
    if (f.q) add('lower(reference) like ?', `${f.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
    if (f.before) add('seq < ?', f.before);
    const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
    const res = await this.db.query<Record<string, unknown> & { seq: string }>(
      `select ${RUN_COLUMNS} from runs ${where.length ? `where ${where.join(' and ')}` : ''}
       order by seq desc limit ${limit + 1}`,
      args,
    );
    const more = res.rows.length > limit;
    const runs = res.rows.slice(0, limit);
    return { runs, nextBefore: more ? (runs.at(-1)?.seq ?? null) : null };
  }

  /** One run with its trigger, output and every step attempt. */
  async get(id: string): Promise<Record<string, unknown>> {
    if (!isUuid(id)) throw new ApiProblem(404, 'run.not-found', `no run "${id}"`);
    const run = await this.db.query(
      `select ${RUN_COLUMNS}, trigger, params, output from runs where id = $1`,
      [id],
    );
    if (!run.rows[0]) throw new ApiProblem(404, 'run.not-found', `no run "${id}"`);
    const steps = await this.db.query(
      `select step_key, node_id, epoch, attempt, status, port, input, output, error, retry_at, final,
              idempotency_key, started_at, finished_at,
              (extract(epoch from finished_at - started_at) * 1000)::int as duration_ms
       from step_records where run_id = $1 order by finished_at, epoch, attempt`,
      [id],
    );
    return { ...(run.rows[0] as Record<string, unknown>), steps: steps.rows };
  }

  /** Starts a new run of the flow's live version with the recorded trigger of an old one. */
  async rerun(id: string): Promise<{ runId: string }> {
    const old = await this.db.query<{ flow_id: string; trigger: unknown; trigger_type: string }>(
      'select flow_id, trigger, trigger_type from runs where id = $1',
      [isUuid(id) ? id : null],
    );
    const row = old.rows[0];
    if (!row) throw new ApiProblem(404, 'run.not-found', `no run "${id}"`);
    const flow = await this.triggers.liveFlow(row.flow_id);
    if (!flow)
      throw new ApiProblem(409, 'flow.unpublished', `flow "${row.flow_id}" has no live version`);
    const outcome = await this.triggers.start(flow, {
      source: `rerun:${row.flow_id}`,
      dedupeKey: randomUUID(),
      triggerType: row.trigger_type,
      payload: row.trigger,
      rerunOf: id,
    });
    if ('skipped' in outcome)
      throw new ApiProblem(409, 'run.filtered', 'the trigger filter rejects this payload now');
    return { runId: outcome.runId };
  }

  /**
   * Resumes a dead-lettered run from its failed step: completed steps stay done, the failed one
   * gets a fresh set of attempts (a new epoch).
   */
  async resume(id: string): Promise<{ runId: string; epoch: number }> {
    const res = await this.db.query<{ epoch: number }>(
      `with r as (
         update runs set status = 'queued', epoch = epoch + 1, error = null, available_at = now(),
           finished_at = null, updated_at = now()
         where id = $1 and status = 'dead_letter' returning epoch
       ) select epoch, pg_notify('${RUNS_CHANNEL}', '') from r`,
      [isUuid(id) ? id : null],
    );
    const row = res.rows[0];
    if (!row) throw await this.stateProblem(id, 'only a dead-lettered run can be resumed');
    return { runId: id, epoch: row.epoch };
  }

  /** Cancels a run: at once when it is not executing, otherwise at its next step boundary. */
  async cancel(id: string): Promise<{ runId: string; status: string }> {
    const res = await this.db.query<{ status: string }>(
      `with r as (
         update runs set
           status = case when status = 'running' then status else 'cancelled' end,
           cancel_requested = true,
           finished_at = case when status = 'running' then finished_at else now() end,
           updated_at = now()
         where id = $1 and status in ('queued', 'waiting', 'running', 'dead_letter')
         returning id, status
       ) select r.status, pg_notify(case when r.status = 'running' then '${CANCEL_CHANNEL}' else '${RUNS_CHANNEL}' end, r.id::text)
         from r`,
      [isUuid(id) ? id : null],
    );
    const row = res.rows[0];
    if (!row) throw await this.stateProblem(id, 'the run has already ended');
    return { runId: id, status: row.status === 'running' ? 'cancelling' : 'cancelled' };
  }

  private async stateProblem(id: string, message: string): Promise<ApiProblem> {
    const r = await this.db.query<{ status: string }>('select status from runs where id = $1', [
      isUuid(id) ? id : null,
    ]);
    const status = r.rows[0]?.status;
    return status
      ? new ApiProblem(409, 'run.state', `${message} (run is ${status})`)
      : new ApiProblem(404, 'run.not-found', `no run "${id}"`);
  }
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

function date(s: string, name: string): string {
  if (Number.isNaN(Date.parse(s)))
    throw new ApiProblem(400, 'runs.bad-date', `${name} must be an ISO date/time`);
  return new Date(s).toISOString();
}
