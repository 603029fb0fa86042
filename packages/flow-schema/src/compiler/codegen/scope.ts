import type { AstNode } from '../ast.js';

/** A JavaScript function being generated; frame variables are declared at its top. */
export interface JsScope {
  decls: string[];
}

/** A jsonata frame (root, block or lambda): the names bound in it and their JS variables. */
export interface Frame {
  vars: Map<string, string>;
  /** Lambda parameters are always bound, so lookups stop at them without an UNBOUND check. */
  params: Set<string>;
  isRoot: boolean;
}

/** Names bound by `:=` directly in a frame (not inside nested blocks or lambdas). */
export function boundNames(node: AstNode, into: Set<string> = new Set()): Set<string> {
  if (node.type === 'bind') {
    const lhs = node.lhs as AstNode;
    into.add(String(lhs.value));
    boundNames(node.rhs as AstNode, into);
    return into;
  }
  if (node.type === 'block' || node.type === 'lambda') return into;
  for (const child of children(node)) boundNames(child, into);
  return into;
}

/** Every child node, for analyses that must see the whole tree. */
export function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  const push = (n: unknown): void => {
    if (n !== null && typeof n === 'object' && typeof (n as AstNode).type === 'string')
      out.push(n as AstNode);
  };
  node.steps?.forEach(push);
  node.stages?.forEach((s) => push(s.expr));
  node.predicate?.forEach((s) => push(s.expr));
  node.group?.lhs.forEach(([k, v]) => (push(k), push(v)));
  if (Array.isArray(node.lhs)) node.lhs.forEach(([k, v]) => (push(k), push(v)));
  else push(node.lhs);
  push(node.rhs);
  push(node.expression);
  node.expressions?.forEach(push);
  push(node.condition);
  push(node.then);
  push(node.else);
  push(node.procedure);
  node.arguments?.forEach(push);
  push(node.body);
  return out;
}
