import type { Logger } from 'pino';
import { type ConnectorRegistry } from '@braid/connectors';
import { type ResolvedConnection, type StepRecord, StepFailure, advance } from '@braid/engine';
import type { ExpressionEngine } from '@braid/flow-schema';
import type pg from 'pg';
import type { Metrics } from '../core/metrics.js';
import { sanitizeForRecord } from './redact.js';
import type { RunExecutor } from './worker.js';

/** Where connection slots are bound and secrets resolved. */
export interface ConnectionSource {
  resolve(connectionId: string): Promise<ResolvedConnection>;
}

/** What the executor binds into the engine. */
export interface ExecutorDeps {
  db: pg.Pool;
  connectors: ConnectorRegistry;
  connections: ConnectionSource;
  expressions: ExpressionEngine;
  logger: Logger;
  metrics: Metrics;
  payloadCapBytes: number;
  /** Starts child runs for subflow nodes (deduplicated by the step's idempotency key). */
  startChild?: (
    flowId: string,
    input: unknown,
    meta: { parentRunId: string; idempotencyKey: string },
  ) => Promise<{ childRunId: string }>;
}

const BINDINGS_CACHE_MS = 5000;

/**
 * Binds the pure engine to the runtime: records are redacted and capped before they are
 * committed, connection slots resolve through the flow's bindings, and step latency is measured.
 */
export function createExecutor(deps: ExecutorDeps): RunExecutor {
  const clock = { now: () => Date.now() };
  const bindings = new Map<string, { value: Record<string, string>; expires: number }>();

  async function bindingsOf(flowId: string): Promise<Record<string, string>> {
    const hit = bindings.get(flowId);
    if (hit && hit.expires > Date.now()) return hit.value;
    const res = await deps.db.query<{ bindings: Record<string, string> }>(
      'select bindings from flows where id = $1',
      [flowId],
    );
    const value = res.rows[0]?.bindings ?? {};
    bindings.set(flowId, { value, expires: Date.now() + BINDINGS_CACHE_MS });
    return value;
  }

  return async (snapshot, io) => {
    const flowBindings = await bindingsOf(snapshot.flowId);
    const nodeTypes = new Map(snapshot.flow.nodes.map((n) => [n.id, n.type]));
    return advance(snapshot, {
      sink: {
        commit: (record: StepRecord) => {
          deps.metrics.stepDuration.observe(
            { node_type: nodeTypes.get(record.nodeId) ?? 'unknown', status: record.status },
            record.finishedAt - record.startedAt,
          );
          return io.commit({
            ...record,
            input: sanitizeForRecord(record.input, deps.payloadCapBytes),
            output: sanitizeForRecord(record.output, deps.payloadCapBytes),
          });
        },
      },
      connectors: deps.connectors,
      connections: {
        async resolve(slot: string, connectorRef: string): Promise<ResolvedConnection> {
          const id = flowBindings[slot];
          if (!id) {
            throw new StepFailure({
              kind: 'fatal',
              code: 'CONNECTION_UNBOUND',
              message: `connection slot "${slot}" is not bound; bind it with PUT /api/v1/flows/${snapshot.flowId}/config`,
            });
          }
          const conn = await deps.connections.resolve(id);
          if (conn.connector !== connectorRef) {
            throw new StepFailure({
              kind: 'fatal',
              code: 'CONNECTION_MISMATCH',
              message: `slot "${slot}" needs ${connectorRef} but connection ${id} is ${conn.connector}`,
            });
          }
          return conn;
        },
      },
      expressions: deps.expressions,
      clock,
      logger: deps.logger.child({ flowId: snapshot.flowId, runId: snapshot.runId }),
      signal: io.signal,
      ...(deps.startChild
        ? { subflows: { start: deps.startChild, result: (id: string) => childResult(deps.db, id) } }
        : {}),
    });
  };
}

/** The outcome of a child run, as the engine's subflow port reports it. */
async function childResult(
  db: pg.Pool,
  childRunId: string,
): Promise<
  | { status: 'succeeded'; output: unknown }
  | { status: 'failed'; message: string }
  | { status: 'pending' }
> {
  const res = await db.query<{
    status: string;
    output: unknown;
    error: { message?: string } | null;
  }>('select status, output, error from runs where id = $1', [childRunId]);
  const row = res.rows[0];
  if (!row) return { status: 'failed', message: `child run ${childRunId} does not exist` };
  if (row.status === 'succeeded') return { status: 'succeeded', output: row.output };
  if (row.status === 'failed' || row.status === 'cancelled') {
    return {
      status: 'failed',
      message: `child run ${childRunId} ${row.status}: ${row.error?.message ?? ''}`.trim(),
    };
  }
  return { status: 'pending' };
}
