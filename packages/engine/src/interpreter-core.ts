import type {
  DelayNode,
  FailNode,
  FlowNode,
  ForEachNode,
  StopNode,
  SubflowNode,
} from '@braid/flow-schema';
import { NO_RETRY, retryDelayMs } from './backoff.js';
import {
  type AdvanceDeps,
  type RunState,
  type Scope,
  expressionInput,
  indexRun,
  targets,
} from './context.js';
import { classify } from './failures.js';
import { idempotencyKeyOf, stepKeyOf } from './keys.js';
import type { AdvanceResult, RunSnapshot, StepRecord } from './model.js';
import { EXECUTORS, type Produced } from './node-executors.js';
import type { StepError } from './ports.js';

/** How a path (the main path or one loop item) ended. */
type PathEnd = { kind: 'done'; last: unknown } | { kind: 'halt'; result: AdvanceResult };
/** How one node visit ended. */
type Visit =
  { kind: 'next'; output: unknown; port: string } | { kind: 'halt'; result: AdvanceResult };

const SEVERITY: Record<AdvanceResult['status'], number> = {
  cancelled: 5,
  dead_letter: 4,
  failed: 3,
  succeeded: 2,
  waiting: 1,
};

/**
 * Advances a run as far as it can go now. Completed steps (by their records) are reused, never
 * executed again. A step with effects commits its record (together with any still in flight)
 * before the walk moves on; records of pure steps (map, branch) commit while the walk goes on —
 * losing one in a crash only means evaluating a deterministic step again — and the advance returns
 * only once every record has landed.
 */
export async function advance(snapshot: RunSnapshot, deps: AdvanceDeps): Promise<AdvanceResult> {
  const state = indexRun(snapshot, deps);
  const end = await runPath(state, targets(state, 'trigger', 'next'), { prefix: '', steps: {} });
  await flushPending(state);
  return end.kind === 'halt' ? end.result : { status: 'succeeded', output: end.last };
}

async function runPath(state: RunState, start: string[], scope: Scope): Promise<PathEnd> {
  const queue = [...start];
  const visited = new Set<string>();
  let last: unknown = undefined;
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (visited.has(id) || id === scope.loopId) continue;
    visited.add(id);
    if (state.deps.signal?.aborted) return { kind: 'halt', result: { status: 'cancelled' } };
    const node = state.nodes.get(id);
    if (!node) continue;
    const v = await visit(state, node, scope);
    if (v.kind === 'halt') return v;
    scope.steps[id] = v.output;
    last = v.output;
    queue.push(...targets(state, id, v.port));
  }
  return { kind: 'done', last };
}

function completed(records: StepRecord[] | undefined): StepRecord | undefined {
  return records?.find(
    (r) => r.status === 'succeeded' || (r.status === 'failed' && r.port !== undefined),
  );
}

function record(
  state: RunState,
  base: Omit<StepRecord, 'idempotencyKey' | 'finishedAt'>,
): StepRecord {
  return {
    ...base,
    idempotencyKey: idempotencyKeyOf(state.snapshot.runId, base.stepKey),
    finishedAt: state.deps.clock.now(),
  };
}

/**
 * Commits a step record. A pure step's record (`defer`) is not waited for: the walk goes on while
 * it commits, and the next awaited commit (any step with effects, or the end of the advance) waits
 * for it first. Losing it in a crash costs only re-evaluating a deterministic step.
 */
async function commit(state: RunState, rec: StepRecord, defer = false): Promise<void> {
  const done = state.deps.sink.commit(rec);
  const list = state.records.get(rec.stepKey) ?? [];
  list.push(rec);
  state.records.set(rec.stepKey, list);
  if (defer) {
    done.catch(() => undefined); // awaited (and its error raised) by the next flush
    state.pending.push(done);
    return;
  }
  await Promise.all([...state.pending.splice(0), done]);
}

async function flushPending(state: RunState): Promise<void> {
  if (state.pending.length === 0) return;
  await Promise.all(state.pending.splice(0));
}

async function visit(state: RunState, node: FlowNode, scope: Scope): Promise<Visit> {
  const stepKey = stepKeyOf(scope.prefix, node.id);
  const records = state.records.get(stepKey);
  const done = completed(records);
  if (done) return { kind: 'next', output: done.output, port: done.port ?? 'next' };
  switch (node.type) {
    case 'forEach':
      return visitForEach(state, node, scope, stepKey);
    case 'delay':
      return visitDelay(state, node, scope, stepKey, records);
    case 'subflow':
      return visitSubflow(state, node, scope, stepKey, records);
    case 'fail':
      return visitFail(state, node, scope, stepKey);
    case 'stop':
      return visitStop(state, node, scope, stepKey);
    default:
      return visitStep(state, node, scope, stepKey, records);
  }
}

/** One attempt of an action, map or branch node, with retries and the error port. */
async function visitStep(
  state: RunState,
  node: FlowNode,
  scope: Scope,
  stepKey: string,
  records: StepRecord[] | undefined,
): Promise<Visit> {
  const failures = (records ?? []).filter((r) => r.status === 'failed');
  const lastFailure = failures.at(-1);
  const now = state.deps.clock.now();
  if (lastFailure?.final) {
    return {
      kind: 'halt',
      result: {
        status: 'dead_letter',
        nodeId: node.id,
        stepKey,
        error: lastFailure.error as StepError,
      },
    };
  }
  if (lastFailure?.retryAt !== undefined && lastFailure.retryAt > now) {
    return {
      kind: 'halt',
      result: { status: 'waiting', until: lastFailure.retryAt, reason: 'retry', stepKey },
    };
  }
  const attempt = failures.length + 1;
  const idempotencyKey = idempotencyKeyOf(state.snapshot.runId, stepKey);
  const executor = EXECUTORS[node.type];
  if (!executor) throw new Error(`no executor for node type ${node.type}`);
  let produced: Produced;
  try {
    produced = await executor(node, state, scope, { attempt, idempotencyKey });
  } catch (err) {
    if (state.deps.signal?.aborted) return { kind: 'halt', result: { status: 'cancelled' } };
    return handleFailure(
      state,
      node,
      stepKey,
      attempt,
      now,
      classify(err, (err as { where?: string }).where),
    );
  }
  state.deps.logger.debug(
    {
      flowId: state.snapshot.flowId,
      runId: state.snapshot.runId,
      nodeId: node.id,
      attempt,
      durationMs: state.deps.clock.now() - now,
    },
    'step succeeded',
  );
  await commit(
    state,
    record(state, {
      stepKey,
      nodeId: node.id,
      attempt,
      status: 'succeeded',
      port: produced.port,
      input: produced.input,
      output: produced.output,
      startedAt: now,
    }),
    node.type === 'map' || node.type === 'branch',
  );
  return { kind: 'next', output: produced.output, port: produced.port };
}

/** How often one step may be deferred for want of capacity before it fails for good. */
const MAX_DEFERRALS = 100;

function isDeferral(rec: StepRecord): boolean {
  return rec.status === 'failed' && rec.error?.details?.deferred === true;
}

async function handleFailure(
  state: RunState,
  node: FlowNode,
  stepKey: string,
  attempt: number,
  startedAt: number,
  error: StepError,
): Promise<Visit> {
  const policy = ('retry' in node && node.retry) || NO_RETRY;
  const log = {
    flowId: state.snapshot.flowId,
    runId: state.snapshot.runId,
    nodeId: node.id,
    attempt,
    code: error.code,
  };
  // A deferral (the connector had no capacity and never sent anything) is not an attempt: it
  // waits for its `retryAfterMs` without spending the node's retry budget, up to a bound.
  const deferredBefore = (state.records.get(stepKey) ?? []).filter(isDeferral).length;
  const deferred = error.details?.deferred === true;
  const spent = attempt - deferredBefore - (deferred ? 1 : 0);
  const retry = deferred
    ? deferredBefore < MAX_DEFERRALS
    : error.kind === 'retryable' && spent < policy.attempts;
  if (retry) {
    const retryAt =
      state.deps.clock.now() +
      (deferred
        ? Math.max(error.retryAfterMs ?? 1000, 1)
        : retryDelayMs(policy, spent, state.deps.random ?? Math.random, error.retryAfterMs));
    state.deps.logger.info({ ...log, retryAt }, 'step failed; will retry');
    await commit(
      state,
      record(state, {
        stepKey,
        nodeId: node.id,
        attempt,
        status: 'failed',
        error,
        retryAt,
        startedAt,
      }),
    );
    return {
      kind: 'halt',
      result: { status: 'waiting', until: retryAt, reason: 'retry', stepKey },
    };
  }
  if (targets(state, node.id, 'error').length > 0) {
    const output = { error };
    state.deps.logger.info(log, 'step failed; following its error port');
    await commit(
      state,
      record(state, {
        stepKey,
        nodeId: node.id,
        attempt,
        status: 'failed',
        port: 'error',
        error,
        output,
        startedAt,
      }),
    );
    return { kind: 'next', output, port: 'error' };
  }
  state.deps.logger.warn(log, 'step failed for good; run dead-lettered');
  await commit(
    state,
    record(state, {
      stepKey,
      nodeId: node.id,
      attempt,
      status: 'failed',
      error,
      final: true,
      startedAt,
    }),
  );
  return { kind: 'halt', result: { status: 'dead_letter', nodeId: node.id, stepKey, error } };
}

async function visitForEach(
  state: RunState,
  node: ForEachNode,
  scope: Scope,
  stepKey: string,
): Promise<Visit> {
  const startedAt = state.deps.clock.now();
  let items: unknown;
  try {
    items = await state.deps.expressions
      .compileExpression(node.items)
      .evaluate(expressionInput(state, scope));
  } catch (err) {
    return handleFailure(state, node, stepKey, 1, startedAt, classify(err, '/items'));
  }
  const list = items === undefined ? [] : Array.isArray(items) ? items : [items];
  const body = targets(state, node.id, 'body');
  const results: unknown[] = new Array<unknown>(list.length);
  const halts: AdvanceResult[] = [];
  let collectError: unknown;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length && halts.length === 0) {
      const index = next++;
      const itemScope: Scope = {
        prefix: `${scope.prefix}${node.id}[${index}]/`,
        steps: { ...scope.steps },
        item: list[index],
        index,
        loopId: node.id,
      };
      const end = await runPath(state, body, itemScope);
      if (end.kind === 'halt') {
        halts.push(end.result);
        return;
      }
      try {
        results[index] = node.collect
          ? await state.deps.expressions
              .compileExpression(node.collect)
              .evaluate(expressionInput(state, itemScope))
          : end.last;
      } catch (err) {
        collectError = err;
        return;
      }
    }
  };
  // Sink failures (a lost lease) propagate; only the loop's own expressions become step failures.
  // Let every in-flight item settle before reporting, so nothing commits behind our back.
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(node.concurrency ?? 1, Math.max(list.length, 1)) }, worker),
  );
  const crashed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (crashed) throw crashed.reason;
  if (collectError !== undefined)
    return handleFailure(state, node, stepKey, 1, startedAt, classify(collectError, '/collect'));
  if (halts.length > 0) {
    // Report the most severe outcome; among waits, the earliest wake-up.
    const worst = halts.reduce((a, b) =>
      SEVERITY[b.status] > SEVERITY[a.status] ||
      (a.status === 'waiting' && b.status === 'waiting' && b.until < a.until)
        ? b
        : a,
    );
    return { kind: 'halt', result: worst };
  }
  await commit(
    state,
    record(state, {
      stepKey,
      nodeId: node.id,
      attempt: 1,
      status: 'succeeded',
      port: 'next',
      output: results,
      startedAt,
    }),
  );
  return { kind: 'next', output: results, port: 'next' };
}

async function visitDelay(
  state: RunState,
  node: DelayNode,
  scope: Scope,
  stepKey: string,
  records: StepRecord[] | undefined,
): Promise<Visit> {
  const now = state.deps.clock.now();
  let until = (
    records?.find((r) => r.status === 'waiting')?.output as { until?: number } | undefined
  )?.until;
  if (until === undefined) {
    try {
      until = node.until
        ? Date.parse(
            String(
              await state.deps.expressions
                .compileExpression(node.until)
                .evaluate(expressionInput(state, scope)),
            ),
          )
        : now + (node.durationMs ?? 0);
    } catch (err) {
      return handleFailure(state, node, stepKey, 1, now, classify(err, '/until'));
    }
    if (Number.isNaN(until))
      return handleFailure(state, node, stepKey, 1, now, {
        kind: 'fatal',
        code: 'DELAY_BAD_UNTIL',
        message: `${node.id}: "until" is not a date`,
      });
    if (until > now) {
      await commit(
        state,
        record(state, {
          stepKey,
          nodeId: node.id,
          attempt: 0,
          status: 'waiting',
          output: { until },
          startedAt: now,
        }),
      );
    }
  }
  if (until > now)
    return { kind: 'halt', result: { status: 'waiting', until, reason: 'delay', stepKey } };
  const output = { waitedUntil: new Date(until).toISOString() };
  await commit(
    state,
    record(state, {
      stepKey,
      nodeId: node.id,
      attempt: 1,
      status: 'succeeded',
      port: 'next',
      output,
      startedAt: now,
    }),
  );
  return { kind: 'next', output, port: 'next' };
}

async function visitSubflow(
  state: RunState,
  node: SubflowNode,
  scope: Scope,
  stepKey: string,
  records: StepRecord[] | undefined,
): Promise<Visit> {
  const now = state.deps.clock.now();
  const port = state.deps.subflows;
  if (!port)
    return handleFailure(state, node, stepKey, 1, now, {
      kind: 'fatal',
      code: 'SUBFLOW_UNSUPPORTED',
      message: 'this runtime cannot start child runs',
    });
  try {
    let childRunId = (
      records?.find((r) => r.status === 'waiting')?.output as { childRunId?: string } | undefined
    )?.childRunId;
    if (!childRunId) {
      const input = node.input
        ? await state.deps.expressions
            .compileMapping(node.input)
            .evaluate(expressionInput(state, scope))
        : {};
      childRunId = (
        await port.start(node.flowId, input, {
          parentRunId: state.snapshot.runId,
          idempotencyKey: idempotencyKeyOf(state.snapshot.runId, stepKey),
        })
      ).childRunId;
      if (node.wait === false) {
        const output = { childRunId };
        await commit(
          state,
          record(state, {
            stepKey,
            nodeId: node.id,
            attempt: 1,
            status: 'succeeded',
            port: 'next',
            output,
            startedAt: now,
          }),
        );
        return { kind: 'next', output, port: 'next' };
      }
      await commit(
        state,
        record(state, {
          stepKey,
          nodeId: node.id,
          attempt: 0,
          status: 'waiting',
          output: { childRunId },
          startedAt: now,
        }),
      );
    }
    const result = await port.result(childRunId);
    if (result.status === 'pending') {
      // The runtime wakes the parent when the child ends; this long wait is only a safety net.
      return {
        kind: 'halt',
        result: { status: 'waiting', until: now + 60_000, reason: 'subflow', stepKey },
      };
    }
    if (result.status === 'failed')
      return handleFailure(state, node, stepKey, 1, now, {
        kind: 'fatal',
        code: 'SUBFLOW_FAILED',
        message: result.message,
        details: { childRunId },
      });
    await commit(
      state,
      record(state, {
        stepKey,
        nodeId: node.id,
        attempt: 1,
        status: 'succeeded',
        port: 'next',
        output: result.output,
        startedAt: now,
      }),
    );
    return { kind: 'next', output: result.output, port: 'next' };
  } catch (err) {
    return handleFailure(state, node, stepKey, 1, now, classify(err));
  }
}

async function visitFail(
  state: RunState,
  node: FailNode,
  scope: Scope,
  stepKey: string,
): Promise<Visit> {
  const now = state.deps.clock.now();
  let message: string;
  try {
    message = String(
      await state.deps.expressions
        .compileExpression(node.message)
        .evaluate(expressionInput(state, scope)),
    );
  } catch (err) {
    return handleFailure(state, node, stepKey, 1, now, classify(err, '/message'));
  }
  const error: StepError = {
    kind: 'fatal',
    code: node.code ?? 'FLOW_FAILED',
    message,
    ...(node.alert ? { details: { alert: true } } : {}),
  };
  await commit(
    state,
    record(state, {
      stepKey,
      nodeId: node.id,
      attempt: 1,
      status: 'failed',
      error,
      final: true,
      startedAt: now,
    }),
  );
  return { kind: 'halt', result: { status: 'failed', error } };
}

async function visitStop(
  state: RunState,
  node: StopNode,
  scope: Scope,
  stepKey: string,
): Promise<Visit> {
  const now = state.deps.clock.now();
  let output: unknown;
  try {
    output = node.output
      ? await state.deps.expressions
          .compileMapping(node.output)
          .evaluate(expressionInput(state, scope))
      : undefined;
  } catch (err) {
    return handleFailure(state, node, stepKey, 1, now, classify(err, '/output'));
  }
  await commit(
    state,
    record(state, {
      stepKey,
      nodeId: node.id,
      attempt: 1,
      status: 'succeeded',
      output,
      startedAt: now,
    }),
  );
  return { kind: 'halt', result: { status: 'succeeded', output } };
}
