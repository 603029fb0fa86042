import { type AstNode, Unsupported, asNode } from './ast.js';
import { callHandlers } from './codegen/calls.js';
import { constructorHandlers } from './codegen/constructors.js';
import { Generator, type Handler, type HostFunction } from './codegen/generator.js';
import { operatorHandlers } from './codegen/operators.js';
import { pathHandlers } from './codegen/paths.js';
import { R } from './runtime/index.js';
import { withBudget } from './runtime/budget.js';

/** Called around every lambda invocation; throws when the depth or time budget is spent. */
export interface EvalGuard {
  enter(): void;
  exit(): void;
  /** Throws when the evaluation's time is up; called from loops that make no lambda call. */
  check?(): void;
  /** Longest sequence an evaluation may build (D2015 beyond it). */
  maxSequence?: number;
}

/** A compiled expression: same result (or error code) as jsonata's `evaluate(input, bindings)`. */
export type CompiledFn = (
  input: unknown,
  bindings: Record<string, unknown>,
  guard: EvalGuard,
) => unknown;

/** The outcome of compiling: a function, or why the expression must run in the interpreter. */
export type CompileResult = { ok: true; fn: CompiledFn } | { ok: false; reason: string };

/** Options of `compileAst`. */
export interface CompileOptions {
  /** Extra `$name` functions (as registered on the interpreter). */
  functions: Record<string, (...args: never[]) => unknown>;
  /** jsonata signatures of `functions` by name, where they were registered with one. */
  signatures?: Record<string, string | undefined>;
}

const HANDLERS: Record<string, Handler> = {
  ...pathHandlers,
  ...operatorHandlers,
  ...constructorHandlers,
  ...callHandlers,
};

function generate(node: AstNode, host: ReadonlyMap<string, HostFunction>): CompiledFn {
  const g = new Generator(HANDLERS, host);
  const root = { decls: [] as string[] };
  g.jsScopes.push(root);
  const body = g.withFrame([node], [], true, () => g.compile(node, 'c0'));
  const statics = g.statics.map((_, i) => `K${i} = S[${i}]`);
  const decls = root.decls.length === 0 ? '' : `let ${root.decls.join(', ')};`;
  const source =
    (statics.length ? `const ${statics.join(', ')};\n` : '') +
    `return function compiled(input, bindings, G) {\n` +
    `  if (bindings == null) bindings = EMPTY;\n` +
    `  const c0 = R.root(input);\n  ${decls}\n  return ${body};\n};`;
  // One Function per expression: V8 optimises the generated code like hand-written code.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('R', 'U', 'S', 'EMPTY', source) as (
    r: typeof R,
    u: symbol,
    s: unknown[],
    empty: Record<string, unknown>,
  ) => CompiledFn;
  const compiled = factory(R, R.UNBOUND, g.statics, Object.freeze({}));
  return (input, bindings, guard) => withBudget(guard, () => compiled(input, bindings, guard));
}

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

/** The nodes under `root` (itself included), depth-first. */
function* nodesOf(root: unknown): IterableIterator<AstNode> {
  const work: unknown[] = [root];
  for (let n = work.pop(); n !== undefined; n = work.pop()) {
    if (Array.isArray(n)) work.push(...(n as unknown[]).filter(isObject));
    else if (isObject(n)) {
      yield n as AstNode;
      work.push(...Object.values(n).filter(isObject));
    }
  }
}

/**
 * Names of functions that call themselves in tail position (`$f := function($n){ $f($n + 1) }`).
 * jsonata runs such calls as thunks without growing the stack, so an endless one ends by time
 * (D1012), not depth (D1011); only the interpreter reproduces that exactly.
 */
function tailRecursiveBindings(root: AstNode): string[] {
  const found: string[] = [];
  for (const node of nodesOf(root)) {
    const lhs = node.lhs as AstNode | undefined;
    if (node.type !== 'bind' || lhs?.type !== 'variable' || node.rhs?.type !== 'lambda') continue;
    const name = String(lhs.value);
    const tailCalls = [...nodesOf(node.rhs.body)].filter((n) => n.type === 'lambda' && n.thunk);
    const recursive = tailCalls.some((thunk) =>
      [...nodesOf(thunk.body)].some(
        (n) =>
          n.type === 'function' && n.procedure?.type === 'variable' && n.procedure.value === name,
      ),
    );
    if (recursive) found.push(name);
  }
  return found;
}

/** Compiles a jsonata AST to a JavaScript function, or says which construct it cannot compile. */
export function compileAst(ast: unknown, options: CompileOptions): CompileResult {
  const recursive = tailRecursiveBindings(asNode(ast));
  if (recursive.length > 0) {
    return { ok: false, reason: `tail-recursive function $${recursive[0] ?? ''}` };
  }
  const host = new Map<string, HostFunction>();
  for (const [name, implementation] of Object.entries(options.functions)) {
    host.set(name, { implementation, signature: options.signatures?.[name] });
  }
  try {
    return { ok: true, fn: generate(asNode(ast), host) };
  } catch (err) {
    if (err instanceof Unsupported) return { ok: false, reason: err.message };
    throw err;
  }
}
