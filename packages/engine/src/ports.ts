/**
 * The ports through which the pure interpreter reaches the world. The runtime implements them
 * with PostgreSQL and real connectors; tests implement them in memory.
 */

/** Time, injected so the interpreter stays deterministic. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Structured logger (pino-compatible). Keys: flowId, runId, nodeId, connectorId, operationId, attempt, durationMs. */
export interface Logger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

/** A connection slot bound to stored credentials. */
export interface ResolvedConnection {
  /** Stored connection id. */
  id: string;
  /** `shopify@1`, `paytrace@1`, `http@1`, ... */
  connector: string;
  /** Non-secret settings (base URL, shop domain, ...). */
  config: Record<string, unknown>;
  /** Decrypted secrets; never logged or recorded. */
  secrets: Record<string, string>;
}

/** Everything a connector operation needs besides its input. */
export interface ActionContext {
  flowId: string;
  runId: string;
  nodeId: string;
  /** 1-based attempt number of this step. */
  attempt: number;
  /** Stable across all attempts of one step of one run: `(run, node, loop scope)`. */
  idempotencyKey: string;
  connection: ResolvedConnection;
  /** Aborted when the step's timeout elapses or the worker shuts down. */
  signal: AbortSignal;
  logger: Logger;
  clock: Clock;
}

/** Invokes connector operations. */
export interface ConnectorPort {
  invoke(
    connection: ResolvedConnection,
    operation: string,
    input: unknown,
    ctx: ActionContext,
  ): Promise<unknown>;
}

/** Resolves a flow's connection slot name to stored credentials. */
export interface ConnectionResolver {
  resolve(slot: string, connectorRef: string): Promise<ResolvedConnection>;
}

/** Whether and how a failed step should be retried. */
export type ErrorKind = 'retryable' | 'fatal';

/** The error shape stored on a failed step and on a dead-lettered run. */
export interface StepError {
  kind: ErrorKind;
  /** Stable machine-readable code, e.g. `PAYTRACE_35`, `HTTP_503`, `EXPRESSION_T1001`, `TIMEOUT`. */
  code: string;
  message: string;
  /** Hint from the service (Retry-After, Shopify throttle) for the earliest retry. */
  retryAfterMs?: number;
  /** Extra structured detail (field path, response status). Never card data. */
  details?: Record<string, unknown>;
}

/**
 * A failure a connector (or the interpreter) classifies. Connectors throw it; anything else
 * thrown is treated as retryable with code `UNEXPECTED`.
 */
export class StepFailure extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    error: {
      kind: ErrorKind;
      code: string;
      message: string;
      retryAfterMs?: number;
      details?: Record<string, unknown>;
    },
    options?: { cause?: unknown },
  ) {
    super(error.message, options);
    this.name = 'StepFailure';
    this.kind = error.kind;
    this.code = error.code;
    this.retryAfterMs = error.retryAfterMs;
    this.details = error.details;
  }

  /** The record form stored on the step. */
  toStepError(): StepError {
    return {
      kind: this.kind,
      code: this.code,
      message: this.message,
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}
