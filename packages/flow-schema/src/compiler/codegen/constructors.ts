import { type AstNode, type Pair, Unsupported } from '../ast.js';
import type { Generator, Handler } from './generator.js';

/** Code generation for unary nodes: array and object constructors and negation. */

const RESERVED = new Set(['__proto__', '_jsonata_lambda', '_jsonata_function']);

function staticKeys(pairs: Pair[]): string[] | undefined {
  const keys: string[] = [];
  for (const [k] of pairs) {
    if (k.type !== 'string' || k.predicate || k.group || k.keepArray) return undefined;
    const key = String(k.value);
    if (RESERVED.has(key) || keys.includes(key)) return undefined;
    keys.push(key);
  }
  return keys;
}

function objectConstructor(g: Generator, node: AstNode, ctx: string): string {
  const pairs = node.lhs as Pair[];
  const keys = staticKeys(pairs);
  if (keys === undefined) return g.group(ctx, pairs);
  // Literal, distinct keys: every key groups every context item, so all values share one context.
  const fn = g.arrowStatements((data) => {
    const o = g.id('o');
    const t = g.id('t');
    const sets = pairs.map(
      ([, v], i) =>
        `${t} = ${g.compile(v, data)}; if (${t} !== undefined) ${o}[${JSON.stringify(keys[i])}] = ${t};`,
    );
    return `const ${o} = {}; let ${t}; ${sets.join(' ')} return ${o};`;
  });
  return `${fn}(R.groupContext(${ctx}))`;
}

function arrayConstructor(g: Generator, node: AstNode, ctx: string): string {
  const items = node.expressions ?? [];
  const values = items.map((e) => g.compile(e, ctx));
  const nested = g.constant(items.map((e) => e.type === 'unary' && e.value === '['));
  return `R.array([${values.join(', ')}], ${nested}, ${node.consarray === true})`;
}

const unary: Handler = (g, node, ctx) => {
  switch (node.value) {
    case '[':
      return { code: arrayConstructor(g, node, ctx), kind: 'value' };
    case '{':
      return { code: objectConstructor(g, node, ctx), kind: 'value' };
    case '-':
      return {
        code: `R.at(R.neg, ${g.compile(node.expression as AstNode, ctx)}, undefined, ${node.position ?? 0}, "-")`,
        kind: 'value',
      };
    default:
      throw new Unsupported(`unary operator ${String(node.value)}`, node);
  }
};

/** Handlers for unary nodes. */
export const constructorHandlers: Record<string, Handler> = { unary };
