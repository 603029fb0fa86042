import jsonata from 'jsonata';
import type { Mapping } from '../types.js';
import { mappingToExpression } from './mapping.js';
import { type CompiledExpression, type EvaluationLimits, ExpressionError } from './types.js';

/** A JavaScript implementation of a `$name` function available to every expression. */
export interface ExpressionFunction {
  name: string;
  signature?: string;
  implementation: (...args: never[]) => unknown;
}

/** Compiles a JSONata AST to JavaScript, or says why it cannot. */
export type AstCompiler = (
  ast: unknown,
  options: { functions: Record<string, (...args: never[]) => unknown> },
) =>
  | {
      ok: true;
      fn: (input: unknown, bindings: Record<string, unknown>, guard: EvalGuard) => unknown;
    }
  | { ok: false; reason: string };

/** Called around every function invocation of compiled code; throws when a budget is spent. */
export interface EvalGuard {
  enter(): void;
  exit(): void;
  check?(): void;
  maxSequence?: number;
}

/** Options of an expression engine. */
export interface ExpressionEngineOptions {
  functions?: readonly ExpressionFunction[];
  /** When given, expressions it can compile run as JavaScript; the rest run in jsonata. */
  compiler?: AstCompiler;
  limits?: EvaluationLimits;
  /** Monotonic milliseconds, for the compiled code's time budget. */
  now?: () => number;
  /** How many distinct expressions stay cached (default 10,000). */
  cacheSize?: number;
}

/** Compiles and caches expressions and mappings. */
export interface ExpressionEngine {
  compileExpression(source: string): CompiledExpression;
  compileMapping(mapping: Mapping): CompiledExpression;
  /** Counts of cached expressions by mode, for metrics and the designer's fallback badge. */
  stats(): { js: number; jsonata: number };
}

interface JsonataFailure {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  token?: unknown;
}

/** Normalises anything jsonata or compiled code throws into an ExpressionError. */
export function toExpressionError(err: unknown): ExpressionError {
  if (err instanceof ExpressionError) return err;
  if (err !== null && typeof err === 'object') {
    const e = err as JsonataFailure;
    const code = typeof e.code === 'string' ? e.code : 'EVALUATION';
    const message = typeof e.message === 'string' ? e.message : 'expression failed';
    const position = typeof e.position === 'number' ? e.position : undefined;
    const token = typeof e.token === 'string' ? e.token : undefined;
    return new ExpressionError(code, message, position, token, { cause: err });
  }
  return new ExpressionError('EVALUATION', String(err));
}

const DEFAULT_LIMITS: Required<EvaluationLimits> = {
  timeoutMs: 1000,
  maxDepth: 500,
  maxSequence: 1_000_000,
};

/** Creates an expression engine: one cache, one function library, one set of limits. */
export function createExpressionEngine(options: ExpressionEngineOptions = {}): ExpressionEngine {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const functions = options.functions ?? [];
  const fnTable = Object.fromEntries(functions.map((f) => [f.name, f.implementation]));
  const now = options.now ?? (() => performance.now());
  const cacheSize = options.cacheSize ?? 10_000;
  const cache = new Map<string, CompiledExpression>();
  const counts = { js: 0, jsonata: 0 };

  function parse(source: string): jsonata.Expression {
    try {
      const expr = jsonata(source, {
        timeout: limits.timeoutMs,
        stack: limits.maxDepth,
        sequence: limits.maxSequence,
      });
      for (const f of functions) {
        expr.registerFunction(
          f.name,
          f.implementation as (...args: unknown[]) => unknown,
          f.signature,
        );
      }
      return expr;
    } catch (err) {
      throw toExpressionError(err);
    }
  }

  function guardFactory(): EvalGuard {
    const started = now();
    let depth = 0;
    return {
      maxSequence: limits.maxSequence,
      enter() {
        depth += 1;
        if (depth > limits.maxDepth) {
          throw new ExpressionError(
            'D1011',
            'Stack overflow. Check for non-terminating recursive function.',
          );
        }
        if (now() - started > limits.timeoutMs) {
          throw new ExpressionError(
            'D1012',
            `Evaluation timeout after ${limits.timeoutMs} milliseconds. Check for infinite loop`,
          );
        }
      },
      exit() {
        depth -= 1;
      },
      check() {
        if (now() - started > limits.timeoutMs) {
          throw new ExpressionError(
            'D1012',
            `Evaluation timeout after ${limits.timeoutMs} milliseconds. Check for infinite loop`,
          );
        }
      },
    };
  }

  function build(source: string): CompiledExpression {
    const expr = parse(source);
    const compiled = options.compiler?.(expr.ast(), { functions: fnTable });
    if (compiled?.ok) {
      const fn = compiled.fn;
      counts.js += 1;
      return {
        source,
        mode: 'js',
        evaluate(input) {
          try {
            return Promise.resolve(fn(input, {}, guardFactory()));
          } catch (err) {
            return Promise.reject(toExpressionError(err));
          }
        },
      };
    }
    counts.jsonata += 1;
    return {
      source,
      mode: 'jsonata',
      ...(compiled && !compiled.ok ? { fallbackReason: compiled.reason } : {}),
      async evaluate(input) {
        try {
          return (await expr.evaluate(input)) as unknown;
        } catch (err) {
          throw toExpressionError(err);
        }
      },
    };
  }

  function compileExpression(source: string): CompiledExpression {
    const hit = cache.get(source);
    if (hit) return hit;
    const built = build(source);
    if (cache.size >= cacheSize) {
      // Maps iterate in insertion order: dropping the first key evicts the oldest entry.
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(source, built);
    return built;
  }

  return {
    compileExpression,
    compileMapping: (mapping) => compileExpression(mappingToExpression(mapping)),
    stats: () => ({ ...counts }),
  };
}
