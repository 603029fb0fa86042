import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { ConnectorPort, ResolvedConnection } from '@braid/engine';
import type { ExpressionEngine, PollTrigger } from '@braid/flow-schema';
import { BackgroundLoop, msUntilDue } from '../../execution/background-loop.js';
import type { LiveFlow, TriggerService } from '../runs/trigger.service.js';
import { advanceWatermark } from './watermark.js';

const MAX_SLEEP_MS = 60_000;
/** How long a claimed poll stays hidden from other instances while it runs. */
const CLAIM_MS = 120_000;
const POLL_TIMEOUT_MS = 60_000;

/** What the poller needs from the rest of the runtime. */
export interface PollerDeps {
  db: pg.Pool;
  triggers: TriggerService;
  connectors: ConnectorPort;
  connections: { resolve(connectionId: string): Promise<ResolvedConnection> };
  expressions: ExpressionEngine;
  logger: Logger;
}

/**
 * Runs poll triggers: calls the connector's list operation with the stored watermark, starts one
 * run per new item (inbox-deduplicated by the item's key, so a crash before the watermark is saved
 * starts nothing twice), then stores the advanced watermark. Instances claim due polls with
 * SKIP LOCKED so each poll runs on one instance at a time.
 */
export class Poller {
  readonly loop: BackgroundLoop;

  constructor(private readonly deps: PollerDeps) {
    this.loop = new BackgroundLoop('polls', () => this.round(), deps.logger);
  }

  /** One pass: run every due poll, then say how long until the next is due. */
  async round(): Promise<number> {
    const claimed = await this.deps.db.query<{ flow_id: string; watermark: string | null }>(
      `update poll_state p set next_poll_at = now() + make_interval(secs => $1), updated_at = now()
       from (select flow_id from poll_state where next_poll_at <= now()
             order by next_poll_at for update skip locked limit 10) d
       where p.flow_id = d.flow_id
       returning p.flow_id, p.watermark`,
      [CLAIM_MS / 1000],
    );
    await Promise.all(claimed.rows.map((row) => this.pollOne(row.flow_id, row.watermark)));
    return msUntilDue(
      this.deps.db,
      `select next_poll_at as due from poll_state where next_poll_at < 'infinity'`,
      MAX_SLEEP_MS,
    );
  }

  /** Polls one flow now; returns how many runs it started. */
  async pollOne(flowId: string, watermark: string | null): Promise<number> {
    const flow = await this.deps.triggers.liveFlow(flowId);
    const trigger = flow?.doc.trigger;
    if (!flow?.enabled || trigger?.type !== 'poll') {
      await this.deps.db.query(
        `update poll_state set next_poll_at = 'infinity' where flow_id = $1`,
        [flowId],
      );
      return 0;
    }
    try {
      const { started, watermark: next } = await this.fetchAndStart(flow, trigger, watermark);
      await this.deps.db.query(
        `update poll_state set watermark = $2, last_error = null, updated_at = now(),
           next_poll_at = now() + make_interval(secs => $3)
         where flow_id = $1`,
        [flowId, next, trigger.intervalSeconds],
      );
      if (started > 0)
        this.deps.logger.info({ flowId, started, watermark: next }, 'poll started runs');
      return started;
    } catch (err) {
      const message = (err as Error).message;
      this.deps.logger.warn({ flowId, error: message }, 'poll failed');
      await this.deps.db.query(
        `update poll_state set last_error = $2, updated_at = now(),
           next_poll_at = now() + make_interval(secs => $3)
         where flow_id = $1`,
        [flowId, message.slice(0, 2000), trigger.intervalSeconds],
      );
      return 0;
    }
  }

  private async fetchAndStart(
    flow: LiveFlow,
    trigger: PollTrigger,
    watermark: string | null,
  ): Promise<{ started: number; watermark: string | null }> {
    const { expressions } = this.deps;
    const connectionId = flow.bindings[trigger.connection];
    if (!connectionId) {
      throw new Error(`connection slot "${trigger.connection}" is not bound to a connection`);
    }
    const connection = await this.deps.connections.resolve(connectionId);
    const scope = { params: flow.params, watermark };
    const input = trigger.input
      ? await expressions.compileMapping(trigger.input).evaluate(scope)
      : {};
    const output = await this.deps.connectors.invoke(connection, trigger.operation, input, {
      flowId: flow.flowId,
      runId: `poll:${flow.flowId}`,
      nodeId: 'trigger',
      attempt: 1,
      idempotencyKey: `poll:${flow.flowId}:${watermark ?? ''}`,
      connection,
      signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
      logger: this.deps.logger,
      clock: { now: () => Date.now() },
    });
    const selected = await expressions
      .compileExpression(trigger.items)
      .evaluate(output as Record<string, unknown>);
    const items: unknown[] =
      selected === undefined || selected === null
        ? []
        : Array.isArray(selected)
          ? selected
          : [selected];
    const keyOf = trigger.dedupeKey ? expressions.compileExpression(trigger.dedupeKey) : undefined;
    const markOf = expressions.compileExpression(trigger.watermark.value);
    const marks: unknown[] = [];
    let started = 0;
    // One at a time, so runs keep the service's order (concurrency keys run in arrival order).
    for (const item of items) {
      const key = await keyOf?.evaluate(item as Record<string, unknown>);
      const dedupeKey =
        key === undefined || key === null || key === ''
          ? createHash('sha256').update(JSON.stringify(item)).digest('base64url')
          : typeof key === 'string'
            ? key
            : JSON.stringify(key);
      const outcome = await this.deps.triggers.start(flow, {
        source: `poll:${flow.flowId}`,
        dedupeKey,
        triggerType: 'poll',
        payload: item,
      });
      if ('runId' in outcome && outcome.created) started += 1;
      marks.push(await markOf.evaluate(item as Record<string, unknown>));
    }
    return { started, watermark: advanceWatermark(watermark, marks) };
  }
}
