import type { ActionNode, BranchNode, FlowNode, MapNode } from '@braid/flow-schema';
import { type RunState, type Scope, expressionInput } from './context.js';
import { StepFailure } from './ports.js';

/** What executing a node produced: its input (for the record), output and the port to follow. */
export interface Produced {
  input?: unknown;
  output: unknown;
  port: string;
}

/** Executes one attempt of a node that completes in one go. */
export type NodeExecutor = (
  node: FlowNode,
  state: RunState,
  scope: Scope,
  step: { attempt: number; idempotencyKey: string },
) => Promise<Produced>;

/** JSONata truthiness for branch conditions: empty strings, arrays and objects, 0 and null are false. */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '')
    return false;
  if (Array.isArray(value)) return value.some(truthy);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  if (typeof value === 'function') return false;
  return true;
}

async function evaluateWhere(
  state: RunState,
  source: string,
  scope: Scope,
  where: string,
): Promise<unknown> {
  try {
    return await state.deps.expressions
      .compileExpression(source)
      .evaluate(expressionInput(state, scope));
  } catch (err) {
    (err as { where?: string }).where = where;
    throw err;
  }
}

const runAction: NodeExecutor = async (node, state, scope, step) => {
  const n = node as ActionNode;
  const input = n.input
    ? await state.deps.expressions.compileMapping(n.input).evaluate(expressionInput(state, scope))
    : {};
  const ref = state.snapshot.flow.connections?.[n.connection]?.connector;
  if (!ref) {
    throw new StepFailure({
      kind: 'fatal',
      code: 'CONNECTION_UNDECLARED',
      message: `connection slot "${n.connection}" is not declared`,
    });
  }
  const connection = await state.deps.connections.resolve(n.connection, ref);
  const timeoutMs = n.timeoutMs ?? 300_000;
  // One controller per call, linked to the run's signal by a listener we remove afterwards
  // (AbortSignal.any/timeout allocate more and keep listeners alive longer).
  const controller = new AbortController();
  const parent = state.deps.signal;
  const onParentAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  let timedOut = false;
  let fail: ((err: unknown) => void) | undefined;
  // A connector that ignores its signal must still not hold the run past the step's timeout.
  const expired = new Promise<never>((_, reject) => (fail = reject));
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('step timeout'));
    fail?.(timeoutFailure(n.id, timeoutMs));
  }, timeoutMs);
  try {
    const output = await Promise.race([
      state.deps.connectors.invoke(connection, n.operation, input, {
        flowId: state.snapshot.flowId,
        runId: state.snapshot.runId,
        nodeId: n.id,
        attempt: step.attempt,
        idempotencyKey: step.idempotencyKey,
        connection,
        signal: controller.signal,
        logger: state.deps.logger,
        clock: state.deps.clock,
      }),
      expired,
    ]);
    // The connector may have returned after giving up on its signal: not a real outcome.
    if (timedOut) throw timeoutFailure(n.id, timeoutMs);
    return { input, output, port: 'next' };
  } catch (err) {
    throw timedOut ? timeoutFailure(n.id, timeoutMs) : err;
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  }
};

function timeoutFailure(nodeId: string, timeoutMs: number): StepFailure {
  return new StepFailure({
    kind: 'retryable',
    code: 'TIMEOUT',
    message: `${nodeId} timed out after ${timeoutMs} ms`,
    details: { outcomeUnknown: true },
  });
}

const runMap: NodeExecutor = async (node, state, scope) => {
  const output = await state.deps.expressions
    .compileMapping((node as MapNode).output)
    .evaluate(expressionInput(state, scope));
  return { output, port: 'next' };
};

const runBranch: NodeExecutor = async (node, state, scope) => {
  const n = node as BranchNode;
  for (const [i, c] of n.cases.entries()) {
    if (truthy(await evaluateWhere(state, c.when, scope, `/cases/${i}/when`))) {
      return { output: { case: c.label }, port: c.label };
    }
  }
  return { output: { case: 'default' }, port: 'default' };
};

/** Executors of the single-shot node types, by type. */
export const EXECUTORS: Partial<Record<FlowNode['type'], NodeExecutor>> = {
  action: runAction,
  map: runMap,
  branch: runBranch,
};
