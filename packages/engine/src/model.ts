import type { FlowDocument } from '@braid/flow-schema';
import type { StepError } from './ports.js';

/** Status of one step attempt. */
/** `waiting` marks a delay (or child run) in progress; its output holds what it waits for. */
export type StepStatus = 'succeeded' | 'failed' | 'waiting';

/**
 * One attempt of one step. The set of a run's step records IS its cursor: the interpreter
 * re-walks the graph from the trigger, reusing every succeeded record (and the port it chose)
 * instead of executing the node again, so a resumed run never repeats a completed step.
 */
export interface StepRecord {
  /** Unique within the run: the node id, prefixed by its loop scope, e.g. `lines[2]/chargeLine`. */
  stepKey: string;
  nodeId: string;
  /** 1-based attempt number within the current resume epoch. */
  attempt: number;
  status: StepStatus;
  /** The port the walk continues on (`next`, a branch label, `default`, `error`, ...). */
  port?: string;
  input?: unknown;
  output?: unknown;
  error?: StepError;
  /** For a failed attempt that will be retried: the earliest time (epoch ms) of the next one. */
  retryAt?: number;
  /** True when this failure exhausted the retry policy (or was fatal) and no error port caught it. */
  final?: boolean;
  idempotencyKey: string;
  startedAt: number;
  finishedAt: number;
}

/** What the interpreter knows about a run when it is asked to advance it. */
export interface RunSnapshot {
  runId: string;
  flowId: string;
  /** The flow version the run executes. */
  flow: FlowDocument;
  trigger: unknown;
  params: Record<string, unknown>;
  /** Epoch ms. */
  startedAt: number;
  /** Step records committed so far (all attempts), in commit order. Superseded records are excluded. */
  steps: StepRecord[];
}

/** Persists step records; the runtime commits each record together with the run's cursor. */
export interface StepSink {
  /** Resolves once the record is durable. */
  commit(record: StepRecord): Promise<void>;
}

/** The result of advancing a run as far as it can go right now. */
export type AdvanceResult =
  | { status: 'succeeded'; output: unknown }
  | { status: 'failed'; error: StepError }
  | { status: 'dead_letter'; nodeId: string; stepKey: string; error: StepError }
  | { status: 'waiting'; until: number; reason: 'retry' | 'delay' | 'subflow'; stepKey: string }
  | { status: 'cancelled' };
