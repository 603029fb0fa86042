import { type AstNode, Unsupported } from '../ast.js';
import { isSupportedPicture } from '../runtime/format-number.js';
import type { Generator, Handler } from './generator.js';

/** Code generation for function calls, lambdas and `~>`. */

/** Built-ins whose pattern arguments may be functions (regex matchers), which compiled code rejects. */
const MATCHER_ARGS: Record<string, number[]> = { contains: [1], split: [1], replace: [1, 2] };

function checkArguments(name: string, args: AstNode[], node: AstNode): void {
  for (const i of MATCHER_ARGS[name] ?? []) {
    const arg = args[i];
    if (arg && (arg.type === 'lambda' || arg.type === 'regex'))
      throw new Unsupported(`$${name} with a matcher function`, node);
  }
  if (name === 'formatNumber') {
    const picture = args[1];
    if (
      args.length > 2 ||
      picture?.type !== 'string' ||
      !isSupportedPicture(String(picture.value))
    ) {
      throw new Unsupported('$formatNumber picture other than a plain decimal literal', node);
    }
  }
}

function compileCall(g: Generator, node: AstNode, ctx: string, first: string | undefined): string {
  const proc = node.procedure as AstNode;
  const argNodes = node.arguments ?? [];
  let callee: string;
  let token = '';
  if (proc.type === 'variable') {
    token = String(proc.value);
    const all = first === undefined ? argNodes : [{ type: 'context' } as AstNode, ...argNodes];
    checkArguments(token, all, node);
    callee = g.lookup(token, proc);
  } else if (proc.type === 'path') {
    // jsonata reports a forgotten `$` (T1005) by looking the name up at run time; leave it to jsonata.
    throw new Unsupported('call of a path expression', node);
  } else {
    callee = g.compile(proc, ctx);
  }
  const args = argNodes.map((a) => g.compile(a, ctx));
  if (first !== undefined) args.unshift(first);
  return `R.callAt(${callee}, [${args.join(', ')}], ${ctx}, ${node.position ?? 0}, ${JSON.stringify(token)})`;
}

const call: Handler = (g, node, ctx) => ({
  code: compileCall(g, node, ctx, undefined),
  kind: 'raw',
});

const lambda: Handler = (g, node, ctx) => {
  // The parser wraps tail calls in parameterless "thunk" lambdas that jsonata's apply loop
  // evaluates straight away (tail-call optimisation); evaluating the call in place is the same.
  // jsonata's trampoline returns the tail call's raw value (an empty sequence stays a sequence,
  // which `$map` then keeps), so the call's value is not normalised here either.
  if (node.thunk === true) {
    const body = node.body as AstNode;
    if (body.type !== 'function' || body.predicate || body.group)
      throw new Unsupported('tail call shape', node);
    return { code: compileCall(g, body, ctx, undefined), kind: 'value' };
  }
  if (node.signature !== undefined) throw new Unsupported('lambda signature', node);
  const params = (node.arguments ?? []).map((a) => String(a.value));
  const body = node.body as AstNode;
  const scope = { decls: [] as string[] };
  g.jsScopes.push(scope);
  const code = g.withFrame([body], params, false, (frame) => {
    const compiled = g.compile(body, ctx);
    return { compiled, vars: params.map((p) => frame.vars.get(p) as string) };
  });
  g.jsScopes.pop();
  const decls = scope.decls.length === 0 ? '' : `let ${scope.decls.join(', ')}; `;
  // The guard bounds recursion depth and time: every loop in jsonata goes through a lambda call.
  return {
    code: `((${code.vars.join(', ')}) => { G.enter(); try { ${decls}return ${code.compiled}; } finally { G.exit(); } })`,
    kind: 'value',
  };
};

const apply: Handler = (g, node, ctx) => {
  const lhs = g.compile(node.lhs as AstNode, ctx);
  const rhs = node.rhs as AstNode;
  if (rhs.type === 'function') return { code: compileCall(g, rhs, ctx, lhs), kind: 'raw' };
  return { code: `R.pipe(${lhs}, ${g.compile(rhs, ctx)})`, kind: 'raw' };
};

/** Handlers for calls and functions. */
export const callHandlers: Record<string, Handler> = { function: call, lambda, apply };
