import jsonata from 'jsonata';
import { braidFunctions } from '../functions/index.js';
import {
  type CompileOptions,
  type CompileResult,
  compileAst as compileWithOptions,
} from './compile.js';

export type { CompiledFn, CompileOptions, CompileResult, EvalGuard } from './compile.js';
export { CompiledEvalError } from './runtime/errors.js';

// Host functions arrive as bare implementations; their jsonata signatures (which decide argument
// checks and context substitution) are recovered from Braid's library by identity.
const knownSignatures = new Map<unknown, string | undefined>(
  braidFunctions.map((f) => [f.implementation, f.signature]),
);

/** Compiles a jsonata AST (`jsonata(expr).ast()`) to JavaScript, or explains why it falls back. */
export function compileAst(ast: unknown, options: CompileOptions): CompileResult {
  const signatures: Record<string, string | undefined> = {};
  for (const [name, impl] of Object.entries(options.functions)) {
    signatures[name] = options.signatures?.[name] ?? knownSignatures.get(impl);
  }
  return compileWithOptions(ast, { ...options, signatures });
}

/** A bounded cache of compiled expressions keyed by their source text. */
export interface CompiledCache {
  compile(source: string): CompileResult;
  readonly size: number;
}

/** Creates a cache that parses and compiles each distinct expression source once. */
export function createCompiledCache(options: CompileOptions, maxEntries = 10_000): CompiledCache {
  const entries = new Map<string, CompileResult>();
  return {
    compile(source) {
      const hit = entries.get(source);
      if (hit) return hit;
      const result = compileAst(jsonata(source).ast(), options);
      if (entries.size >= maxEntries) {
        // Maps iterate in insertion order, so the first key is the oldest entry.
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(source, result);
      return result;
    },
    get size() {
      return entries.size;
    },
  };
}
