import { createBraidExpressionEngine, type FlowDocument } from '@braid/flow-schema';
import type { AdvanceDeps } from '../context.js';
import type { RunSnapshot, StepRecord } from '../model.js';
import type { ActionContext, ResolvedConnection } from '../ports.js';

/** A manual clock. */
export class FakeClock {
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
}

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Scripted connector behaviour: return a value or throw, per call. */
export type Script = (input: unknown, ctx: ActionContext, operation: string) => unknown;

/** A run driven entirely in memory: committed records accumulate like the database would keep them. */
export class MemoryRun {
  readonly records: StepRecord[] = [];
  readonly calls: { operation: string; input: unknown; ctx: ActionContext }[] = [];
  failCommitAfter: number | undefined;
  readonly clock = new FakeClock();

  constructor(
    readonly flow: FlowDocument,
    readonly trigger: unknown,
    readonly script: Script,
    readonly params: Record<string, unknown> = {},
  ) {}

  snapshot(): RunSnapshot {
    return {
      runId: 'run-1',
      flowId: this.flow.id,
      flow: this.flow,
      trigger: this.trigger,
      params: this.params,
      startedAt: 1_700_000_000_000,
      steps: [...this.records],
    };
  }

  deps(extra: Partial<AdvanceDeps> = {}): AdvanceDeps {
    return {
      sink: {
        commit: (r) => {
          if (this.failCommitAfter !== undefined && this.records.length >= this.failCommitAfter) {
            return Promise.reject(new Error('crash'));
          }
          this.records.push(structuredClone(r));
          return Promise.resolve();
        },
      },
      connectors: {
        invoke: async (_conn: ResolvedConnection, operation, input, ctx) => {
          this.calls.push({ operation, input, ctx });
          // Scripts may throw synchronously or return a promise; both reach the engine as a rejection.
          return await Promise.resolve().then(() => this.script(input, ctx, operation));
        },
      },
      connections: {
        resolve: (slot, connector) =>
          Promise.resolve({ id: slot, connector, config: {}, secrets: { token: 'x' } }),
      },
      expressions: engine,
      clock: this.clock,
      logger: quiet,
      random: () => 0.5,
      ...extra,
    };
  }
}

const engine = createBraidExpressionEngine();
