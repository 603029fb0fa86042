import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { ExpressionEngine, FlowDocument } from '@braid/flow-schema';
import { EXPRESSIONS, PG_POOL } from '../../core/tokens.js';
import { ApiProblem } from '../../core/problem.js';
import { IngressWriter } from '../../execution/ingress-writer.js';

/** The live version of a flow, as triggers need it. */
export interface LiveFlow {
  flowId: string;
  versionId: string;
  doc: FlowDocument;
  enabled: boolean;
  bindings: Record<string, string>;
  params: Record<string, unknown>;
}

const CACHE_MS = 1000;

/** Why a trigger did not start a run. */
export type StartOutcome = { runId: string; created: boolean } | { skipped: 'filtered' };

/**
 * Starts runs: evaluates the concurrency key and reference, then writes inbox row and run in
 * one transaction. Shared by webhooks, the runtime API, manual starts, schedules and polls.
 */
@Injectable()
export class TriggerService {
  private readonly live = new Map<string, { flow: LiveFlow | undefined; expires: number }>();
  private readonly writer: IngressWriter;

  constructor(
    @Inject(PG_POOL) private readonly db: pg.Pool,
    @Inject(EXPRESSIONS) private readonly expressions: ExpressionEngine,
  ) {
    this.writer = new IngressWriter(db);
  }

  /** The flow's live version, cached for a second so webhook bursts cost no extra queries. */
  async liveFlow(flowId: string): Promise<LiveFlow | undefined> {
    const hit = this.live.get(flowId);
    if (hit && hit.expires > Date.now()) return hit.flow;
    const res = await this.db.query<{
      version_id: string;
      document: FlowDocument;
      enabled: boolean;
      bindings: Record<string, string>;
      params: Record<string, unknown>;
    }>(
      `select v.id as version_id, v.document, f.enabled, f.bindings, f.params
       from flows f join flow_versions v on v.id = f.active_version_id where f.id = $1`,
      [flowId],
    );
    const row = res.rows[0];
    const flow = row
      ? {
          flowId,
          versionId: row.version_id,
          doc: row.document,
          enabled: row.enabled,
          bindings: row.bindings,
          params: row.params,
        }
      : undefined;
    this.live.set(flowId, { flow, expires: Date.now() + CACHE_MS });
    return flow;
  }

  /** Forgets cached flow state (after publish, activate or configure in this process). */
  invalidate(flowId: string): void {
    this.live.delete(flowId);
  }

  /** Starts a run of the flow's live version unless the dedupe key was seen before. */
  async start(
    flow: LiveFlow,
    t: {
      source: string;
      dedupeKey: string;
      triggerType: string;
      payload: unknown;
      rerunOf?: string;
      parentRunId?: string;
    },
  ): Promise<StartOutcome> {
    const { doc } = flow;
    if (doc.trigger.type === 'webhook' && doc.trigger.filter) {
      const pass = await this.evaluate(
        doc.trigger.filter,
        { trigger: t.payload, params: flow.params },
        'trigger.filter',
      );
      if (!pass) return { skipped: 'filtered' };
    }
    const key = doc.concurrencyKey
      ? await this.evaluate(
          doc.concurrencyKey,
          { trigger: t.payload, params: flow.params },
          'concurrencyKey',
        )
      : undefined;
    return this.writer.write({
      id: randomUUID(),
      source: t.source,
      dedupeKey: t.dedupeKey,
      flowId: flow.flowId,
      versionId: flow.versionId,
      triggerType: t.triggerType,
      trigger: t.payload ?? null,
      params: flow.params,
      concurrencyKey: keyText(key),
      reference: referenceOf(t.payload),
      parentRunId: t.parentRunId ?? null,
      rerunOf: t.rerunOf ?? null,
    });
  }

  private async evaluate(
    source: string,
    input: Record<string, unknown>,
    where: string,
  ): Promise<unknown> {
    try {
      return await this.expressions.compileExpression(source).evaluate(input);
    } catch (err) {
      throw new ApiProblem(
        422,
        'trigger.expression',
        `${where} failed on this payload: ${(err as Error).message}`,
      );
    }
  }
}

/** A human-searchable reference for the run list: an order name, number or id from the payload. */
export function referenceOf(payload: unknown): string | null {
  if (payload === null || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  for (const key of [
    'name',
    'order_number',
    'invoice_id',
    'admin_graphql_api_id',
    'id',
    'order_id',
  ]) {
    const v = p[key];
    if (typeof v === 'string' && v !== '') return v.slice(0, 200);
    if (typeof v === 'number') return String(v);
  }
  return null;
}

/** A concurrency key as text: strings and numbers as they are, anything else as JSON. */
function keyText(key: unknown): string | null {
  if (key === undefined || key === null) return null;
  return typeof key === 'string' || typeof key === 'number' ? String(key) : JSON.stringify(key);
}
