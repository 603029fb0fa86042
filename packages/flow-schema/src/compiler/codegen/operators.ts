import { type AstNode, Unsupported } from '../ast.js';
import type { Generator, Handler } from './generator.js';

/** Code generation for literals, operators, conditions, bindings and blocks. */

const BINARY: Record<string, string> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '=': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '&': 'concat',
  in: 'includes',
  '..': 'range',
};

function literalCode(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

const literal: Handler = (_g, node) => ({ code: literalCode(node.value), kind: 'value' });

const binary: Handler = (g, node, ctx) => {
  const op = String(node.value);
  const lhs = g.compile(node.lhs as AstNode, ctx);
  const rhs = g.compile(node.rhs as AstNode, ctx);
  if (op === 'and') return { code: `(R.truthy(${lhs}) && R.truthy(${rhs}))`, kind: 'value' };
  if (op === 'or') return { code: `(R.truthy(${lhs}) || R.truthy(${rhs}))`, kind: 'value' };
  const fn = BINARY[op];
  if (fn === undefined) throw new Unsupported(`operator ${op}`, node);
  const code = `R.at(R.${fn}, ${lhs}, ${rhs}, ${node.position ?? 0}, ${JSON.stringify(op)})`;
  return { code, kind: op === '..' ? 'raw' : 'value' };
};

// jsonata's parser turns a call in tail position of a lambda body (through conditions and the
// last expression of blocks) into a thunk, which its apply loop runs after the enclosing nodes
// have normalised their values. A thunk's result therefore skips those normalisations, while
// every other value gets one per enclosing node: the compiled code does the same.
function hasThunkTail(node: AstNode | undefined): boolean {
  if (node === undefined) return false;
  if (node.type === 'lambda') return node.thunk === true;
  if (node.type === 'condition') return hasThunkTail(node.then) || hasThunkTail(node.else);
  if (node.type === 'block') return hasThunkTail(node.expressions?.at(-1));
  return false;
}

/** `evaluate(node)` with `outer` more normalisations of every value that is not a tail call's. */
function compileTail(g: Generator, node: AstNode | undefined, ctx: string, outer: number): string {
  if (node === undefined) return 'undefined';
  const plain = node.predicate === undefined && node.group === undefined;
  if (node.type === 'condition' && plain && hasThunkTail(node)) {
    const test = g.compile(node.condition as AstNode, ctx);
    const then = compileTail(g, node.then, ctx, outer + 1);
    const otherwise = compileTail(g, node.else, ctx, outer + 1);
    return `(R.truthy(${test}) ? ${then} : ${otherwise})`;
  }
  if (node.type === 'block' && plain && hasThunkTail(node)) {
    const exprs = node.expressions ?? [];
    return g.withFrame(exprs, [], false, () => {
      const init = exprs.slice(0, -1).map((e) => g.compile(e, ctx));
      return `(${[...init, compileTail(g, exprs.at(-1), ctx, outer + 1)].join(', ')})`;
    });
  }
  let code = g.compile(node, ctx);
  if (node.type === 'lambda' && node.thunk === true) return code;
  for (let i = 0; i < outer; i++) code = `R.norm(${code})`;
  return code;
}

const condition: Handler = (g, node, ctx) => {
  if (hasThunkTail(node)) return { code: compileTail(g, node, ctx, 0), kind: 'value' };
  const test = g.compile(node.condition as AstNode, ctx);
  const then = g.compile(node.then as AstNode, ctx);
  const otherwise = node.else ? g.compile(node.else, ctx) : 'undefined';
  // jsonata normalises the branch's value and then the condition's value again; a singleton
  // sequence holding an empty sequence (from `$map` over tail calls) only vanishes the second time.
  return { code: `(R.truthy(${test}) ? ${then} : ${otherwise})`, kind: 'raw' };
};

const bind: Handler = (g, node, ctx) => {
  const lhs = node.lhs as AstNode;
  if (lhs.type !== 'variable') throw new Unsupported('binding to a non-variable', node);
  const target = g.bindTarget(String(lhs.value));
  // The variable keeps the once-normalised value; the binding's own value is normalised again.
  return { code: `(${target} = ${g.compile(node.rhs as AstNode, ctx)})`, kind: 'raw' };
};

const block: Handler = (g, node, ctx) => {
  const exprs = node.expressions ?? [];
  if (exprs.length === 0) return { code: 'undefined', kind: 'value' };
  if (hasThunkTail(node)) return { code: compileTail(g, node, ctx, 0), kind: 'value' };
  return g.withFrame(exprs, [], false, () => ({
    code: `(${exprs.map((e) => g.compile(e, ctx)).join(', ')})`,
    // Normalised again as a whole, like a condition's value.
    kind: 'raw',
  }));
};

/** Handlers for literals and operator nodes (unary nodes are dispatched in constructors.ts). */
export const operatorHandlers: Record<string, Handler> = {
  string: literal,
  number: literal,
  value: literal,
  binary,
  condition,
  bind,
  block,
};
