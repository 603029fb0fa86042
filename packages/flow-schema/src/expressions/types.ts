import type { ExpressionInput } from '../types.js';

/** Bounds on one evaluation, so a runaway expression fails instead of hanging a process. */
export interface EvaluationLimits {
  /** Wall-clock budget for one evaluation (default 1000 ms). */
  timeoutMs?: number;
  /** Maximum evaluation (call) depth (default 500). */
  maxDepth?: number;
}

/** A parsed (and where possible compiled-to-JavaScript) expression, cached by its source text. */
export interface CompiledExpression {
  readonly source: string;
  /** `js` when compiled to JavaScript, `jsonata` when the interpreter runs it. */
  readonly mode: 'js' | 'jsonata';
  /** Evaluates against the one input document every expression sees. */
  evaluate(input: ExpressionInput | Record<string, unknown>, limits?: EvaluationLimits): Promise<unknown>;
}

/** Why an expression failed to parse or evaluate, with JSONata's code and character position. */
export class ExpressionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly position?: number,
    readonly token?: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}
