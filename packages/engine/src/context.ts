import type { CompiledExpression, FlowNode, Mapping } from '@braid/flow-schema';
import type { RunSnapshot, StepRecord, StepSink } from './model.js';
import type { Clock, ConnectionResolver, ConnectorPort, Logger } from './ports.js';

/** Compiles expressions and mappings (the flow-schema expression engine satisfies it). */
export interface ExpressionPort {
  compileExpression(source: string): CompiledExpression;
  compileMapping(mapping: Mapping): CompiledExpression;
}

/** Starts child runs and reads their results (optional: flows without subflow nodes need none). */
export interface SubflowPort {
  start(
    flowId: string,
    input: unknown,
    meta: { parentRunId: string; idempotencyKey: string },
  ): Promise<{ childRunId: string }>;
  result(
    childRunId: string,
  ): Promise<
    | { status: 'succeeded'; output: unknown }
    | { status: 'failed'; message: string }
    | { status: 'pending' }
  >;
}

/** Everything `advance` needs from the outside world. */
export interface AdvanceDeps {
  sink: StepSink;
  connectors: ConnectorPort;
  connections: ConnectionResolver;
  expressions: ExpressionPort;
  clock: Clock;
  logger: Logger;
  /** Uniform [0, 1); injected so backoff jitter is reproducible in tests. */
  random?: () => number;
  /** Aborts the run at the next step boundary (and the step in flight). */
  signal?: AbortSignal;
  subflows?: SubflowPort;
}

/** Where a walk is: loop prefix, the current item, and the step outputs visible here. */
export interface Scope {
  prefix: string;
  steps: Record<string, unknown>;
  item?: unknown;
  index?: number;
  /** The forEach node whose body this is (its loop-back edges are not followed). */
  loopId?: string;
}

/** Per-advance indexes, built once so every lookup is O(1). */
export interface RunState {
  snapshot: RunSnapshot;
  deps: AdvanceDeps;
  nodes: Map<string, FlowNode>;
  /** `from|port` → targets, in document order. */
  edges: Map<string, string[]>;
  /** Records by step key, in commit order. */
  records: Map<string, StepRecord[]>;
  runInfo: { id: string; flowId: string; startedAt: string };
  /** Commits of pure steps not awaited yet; the next awaited commit waits for them first. */
  pending: Promise<void>[];
}

/** Builds the per-advance indexes. */
export function indexRun(snapshot: RunSnapshot, deps: AdvanceDeps): RunState {
  const edges = new Map<string, string[]>();
  for (const e of snapshot.flow.edges) {
    const key = `${e.from}|${e.port ?? 'next'}`;
    const list = edges.get(key) ?? [];
    list.push(e.to);
    edges.set(key, list);
  }
  const records = new Map<string, StepRecord[]>();
  for (const r of snapshot.steps) {
    const list = records.get(r.stepKey) ?? [];
    list.push(r);
    records.set(r.stepKey, list);
  }
  return {
    snapshot,
    deps,
    nodes: new Map(snapshot.flow.nodes.map((n) => [n.id, n])),
    edges,
    records,
    runInfo: {
      id: snapshot.runId,
      flowId: snapshot.flowId,
      startedAt: new Date(snapshot.startedAt).toISOString(),
    },
    pending: [],
  };
}

/** The one input document every expression sees. */
export function expressionInput(state: RunState, scope: Scope): Record<string, unknown> {
  return {
    trigger: state.snapshot.trigger,
    steps: scope.steps,
    params: state.snapshot.params,
    run: state.runInfo,
    ...(scope.index !== undefined ? { item: scope.item, index: scope.index } : {}),
  };
}

/** Targets of a node's port. */
export function targets(state: RunState, from: string, port: string): string[] {
  return state.edges.get(`${from}|${port}`) ?? [];
}
