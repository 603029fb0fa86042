import pg from 'pg';
import type { Logger } from 'pino';
import type { AdvanceResult, RunSnapshot, StepRecord } from '@braid/engine';
import type { FlowDocument } from '@braid/flow-schema';
import { LeaseLost, type RunCommitter, type RunFinish } from './committer.js';
import {
  CANCEL_CHANNEL,
  RUNS_CHANNEL,
  type ClaimedRun,
  claimRuns,
  heartbeat,
  loadSteps,
  nextAvailableAt,
  reapExpiredLeases,
} from './run-store.js';

/** Advances one run as far as it can go; the runtime binds the engine and its ports into it. */
export type RunExecutor = (
  snapshot: RunSnapshot,
  io: { commit(record: StepRecord): Promise<void>; signal: AbortSignal },
) => Promise<AdvanceResult>;

/** Settings of one worker. */
export interface WorkerOptions {
  owner: string;
  concurrency: number;
  leaseMs: number;
  /** Longest sleep when nothing is due (a safety net; NOTIFY wakes the worker normally). */
  idleMs?: number;
}

/** Observers for metrics. */
export interface WorkerHooks {
  onFinish?(run: ClaimedRun, finish: RunFinish, durationMs: number): void;
}

/**
 * Claims runs with a lease (SKIP LOCKED), executes them concurrently up to `concurrency`, and
 * sleeps until NOTIFY (new run, finished run) or the next due run wakes it: no tight polling.
 */
export class Worker {
  private readonly inFlight = new Map<string, AbortController>();
  private listener: pg.Client | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private reapTimer: NodeJS.Timeout | undefined;
  private beatTimer: NodeJS.Timeout | undefined;
  private claiming = false;
  /** Runnable runs may exist (a NOTIFY came, or the last claim filled every slot). */
  private pending = false;
  private soon: NodeJS.Timeout | undefined;
  private wakeTimerAt = Infinity;
  private stopped = false;
  private readonly versions = new Map<string, FlowDocument>();
  private drained: (() => void) | undefined;

  constructor(
    private readonly db: pg.Pool,
    private readonly databaseUrl: string,
    private readonly committer: RunCommitter,
    private readonly execute: RunExecutor,
    private readonly options: WorkerOptions,
    private readonly logger: Logger,
    private readonly hooks: WorkerHooks = {},
  ) {}

  /** Starts listening and claiming. */
  async start(): Promise<void> {
    this.listener = new pg.Client({ connectionString: this.databaseUrl });
    this.listener.on('notification', (msg) => {
      if (msg.channel === RUNS_CHANNEL) this.wake();
      else if (msg.channel === CANCEL_CHANNEL && msg.payload)
        this.inFlight.get(msg.payload)?.abort();
    });
    this.listener.on('error', (err) => this.logger.error({ err }, 'worker listener failed'));
    await this.listener.connect();
    await this.listener.query(`listen ${RUNS_CHANNEL}`);
    await this.listener.query(`listen ${CANCEL_CHANNEL}`);
    const lease = this.options.leaseMs;
    this.beatTimer = setInterval(
      () => {
        heartbeat(this.db, this.options.owner, [...this.inFlight.keys()], lease).catch(
          (err: unknown) => this.logger.warn({ err }, 'lease heartbeat failed'),
        );
      },
      Math.max(250, Math.floor(lease / 3)),
    );
    this.reapTimer = setInterval(
      () => {
        reapExpiredLeases(this.db)
          .then(
            (n) => n > 0 && this.logger.warn({ runs: n }, 'requeued runs whose worker vanished'),
          )
          .catch((err: unknown) => this.logger.warn({ err }, 'lease reaper failed'));
      },
      Math.max(500, Math.floor(lease / 2)),
    );
    this.wake();
  }

  /** Runs currently executing here. */
  get active(): number {
    return this.inFlight.size;
  }

  /** Stops claiming, lets in-flight steps finish (up to `graceMs`), then releases the rest. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    clearTimeout(this.soon);
    clearInterval(this.reapTimer);
    clearInterval(this.beatTimer);
    if (this.inFlight.size > 0) {
      const drained = new Promise<void>((resolve) => (this.drained = resolve));
      const timer = setTimeout(
        () => this.inFlight.forEach((c) => c.abort(new Error('shutdown'))),
        graceMs,
      );
      await drained;
      clearTimeout(timer);
    }
    await this.listener?.end().catch(() => undefined);
  }

  /** Asks for a claim round soon; coalesces bursts of notifications into one round. */
  wake(): void {
    if (this.stopped) return;
    this.pending = true;
    if (this.claiming || this.soon) return;
    // A couple of milliseconds turn a burst of NOTIFYs into one claim of many runs.
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.claimRound();
    }, 2);
  }

  /** Wakes at `at` (epoch ms) unless something earlier is already scheduled. */
  private wakeAt(at: number): void {
    if (this.stopped) return;
    if (this.wakeTimer && this.wakeTimerAt <= at) return;
    clearTimeout(this.wakeTimer);
    this.wakeTimerAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        this.wakeTimerAt = Infinity;
        this.wake();
      },
      Math.max(0, at - Date.now()),
    );
  }

  private async claimRound(): Promise<void> {
    this.claiming = true;
    try {
      while (this.pending && !this.stopped) {
        this.pending = false;
        const free = this.options.concurrency - this.inFlight.size;
        if (free <= 0) {
          // Full: a finishing run claims again.
          this.pending = true;
          break;
        }
        const limit = Math.min(free, 200);
        const runs = await claimRuns(this.db, this.options.owner, limit, this.options.leaseMs);
        for (const run of runs) this.launch(run);
        if (runs.length === limit) this.pending = true;
        else if (runs.length === 0) await this.scheduleNextWake();
      }
    } catch (err) {
      this.logger.error({ err }, 'claiming runs failed');
      this.wakeAt(Date.now() + 1000);
    } finally {
      this.claiming = false;
    }
  }

  /** Nothing is runnable now: sleep until the next queued or waiting run is due (or idleMs). */
  private async scheduleNextWake(): Promise<void> {
    const at = await nextAvailableAt(this.db);
    const idle = this.options.idleMs ?? 30_000;
    this.wakeAt(Math.min(Date.now() + idle, at ? at.getTime() : Infinity));
  }

  private launch(run: ClaimedRun): void {
    const controller = new AbortController();
    if (run.cancel_requested) controller.abort();
    this.inFlight.set(run.id, controller);
    const started = performance.now();
    this.process(run, controller.signal)
      .then((finish) => {
        if (finish.status === 'waiting') this.wakeAt(finish.until);
        this.hooks.onFinish?.(run, finish, performance.now() - started);
      })
      .catch((err: unknown) => {
        if (!(err instanceof LeaseLost))
          this.logger.error({ err, runId: run.id }, 'run processing failed');
      })
      .finally(() => {
        this.inFlight.delete(run.id);
        if (this.stopped) {
          if (this.inFlight.size === 0) this.drained?.();
        } else if (this.pending) {
          // Work was waiting for a free slot.
          this.wake();
        }
      });
  }

  private async process(run: ClaimedRun, signal: AbortSignal): Promise<RunFinish> {
    const flow = await this.flowVersion(run.version_id);
    const steps = run.resumed ? await loadSteps(this.db, run.id, run.epoch) : [];
    const snapshot: RunSnapshot = {
      runId: run.id,
      flowId: run.flow_id,
      flow,
      trigger: run.trigger,
      params: run.params,
      startedAt: run.created_at.getTime(),
      steps,
    };
    let finish: RunFinish;
    try {
      const result = await this.execute(snapshot, {
        commit: (record) => this.committer.commitStep(run.id, run.epoch, record),
        signal,
      });
      finish = toFinish(run.id, result, this.stopped);
    } catch (err) {
      if (err instanceof LeaseLost) throw err;
      // An infrastructure failure (database down mid-run): release the run to be retried soon.
      this.logger.error({ err, runId: run.id, flowId: run.flow_id }, 'run interrupted');
      finish = { runId: run.id, status: 'waiting', until: Date.now() + 5000 };
    }
    await this.committer.finish(finish);
    return finish;
  }

  private async flowVersion(versionId: string): Promise<FlowDocument> {
    const cached = this.versions.get(versionId);
    if (cached) return cached;
    const res = await this.db.query<{ document: FlowDocument }>(
      'select document from flow_versions where id = $1',
      [versionId],
    );
    const doc = res.rows[0]?.document;
    if (!doc) throw new Error(`flow version ${versionId} not found`);
    // Versions are immutable, so caching them forever is safe.
    this.versions.set(versionId, doc);
    return doc;
  }
}

function toFinish(runId: string, result: AdvanceResult, stopping: boolean): RunFinish {
  switch (result.status) {
    case 'succeeded':
      return { runId, status: 'succeeded', output: result.output };
    case 'failed':
      return { runId, status: 'failed', error: result.error };
    case 'dead_letter':
      return {
        runId,
        status: 'dead_letter',
        error: { ...result.error, nodeId: result.nodeId, stepKey: result.stepKey },
      };
    case 'waiting':
      return { runId, status: 'waiting', until: result.until };
    case 'cancelled':
      // A shutdown aborts runs too; those are released for another worker, not cancelled.
      return stopping ? { runId, status: 'queued' } : { runId, status: 'cancelled' };
  }
}
