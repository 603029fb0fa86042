import type { ExpressionInput } from '../types.js';

/** Bounds on one evaluation, so a runaway expression fails instead of hanging a process. */
export interface EvaluationLimits {
  /** Wall-clock budget for one evaluation (default 1000 ms). Exceeding it fails with D1012. */
  timeoutMs?: number;
  /** Maximum evaluation depth (default 500). Exceeding it fails with D1011. */
  maxDepth?: number;
  /** Maximum length of any sequence, e.g. a range (default 1,000,000). Exceeding it fails with D2015. */
  maxSequence?: number;
}

/** A parsed (and where possible compiled-to-JavaScript) expression, cached by its source text. */
export interface CompiledExpression {
  readonly source: string;
  /** `js` when compiled to JavaScript, `jsonata` when the interpreter runs it. */
  readonly mode: 'js' | 'jsonata';
  /** Why the compiler left this expression to the interpreter (only when `mode` is `jsonata`). */
  readonly fallbackReason?: string;
  /** Evaluates against the one input document every expression sees. */
  evaluate(input: ExpressionInput | Record<string, unknown>): Promise<unknown>;
}

/** Why an expression failed to parse or evaluate, with JSONata's code and character position. */
export class ExpressionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly position?: number,
    readonly token?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExpressionError';
  }
}
