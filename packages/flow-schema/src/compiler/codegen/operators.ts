import { type AstNode, Unsupported } from '../ast.js';
import type { Handler } from './generator.js';

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

const condition: Handler = (g, node, ctx) => {
  const test = g.compile(node.condition as AstNode, ctx);
  const then = g.compile(node.then as AstNode, ctx);
  const otherwise = node.else ? g.compile(node.else, ctx) : 'undefined';
  return { code: `(R.truthy(${test}) ? ${then} : ${otherwise})`, kind: 'norm' };
};

const bind: Handler = (g, node, ctx) => {
  const lhs = node.lhs as AstNode;
  if (lhs.type !== 'variable') throw new Unsupported('binding to a non-variable', node);
  const target = g.bindTarget(String(lhs.value));
  return { code: `(${target} = ${g.compile(node.rhs as AstNode, ctx)})`, kind: 'norm' };
};

const block: Handler = (g, node, ctx) => {
  const exprs = node.expressions ?? [];
  if (exprs.length === 0) return { code: 'undefined', kind: 'value' };
  return g.withFrame(exprs, [], false, () => ({
    code: `(${exprs.map((e) => g.compile(e, ctx)).join(', ')})`,
    kind: 'norm',
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
