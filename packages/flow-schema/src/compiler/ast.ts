/** The parts of jsonata's AST (`jsonata(expr).ast()`) the compiler reads. */
export interface Stage {
  type: string;
  expr: AstNode;
  position?: number;
}

/** A key/value pair of an object constructor or grouping. */
export type Pair = [AstNode, AstNode];

/** One AST node; which fields are set depends on `type` (and `value` for operators). */
export interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  stages?: Stage[];
  predicate?: Stage[];
  group?: { lhs: Pair[]; position?: number };
  keepArray?: boolean;
  keepSingletonArray?: boolean;
  consarray?: boolean;
  tuple?: boolean;
  focus?: string;
  index?: string;
  ancestor?: unknown;
  lhs?: AstNode | Pair[];
  rhs?: AstNode;
  expression?: AstNode;
  expressions?: AstNode[];
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  procedure?: AstNode;
  arguments?: AstNode[];
  body?: AstNode;
  signature?: unknown;
  thunk?: boolean;
}

/** Thrown during code generation when a construct is outside the compiled subset. */
export class Unsupported extends Error {
  constructor(what: string, node?: AstNode) {
    super(`unsupported: ${what}${node?.position !== undefined ? ` at ${node.position}` : ''}`);
  }
}

/** Narrows an unknown AST value to a node, or reports it as unsupported. */
export function asNode(value: unknown): AstNode {
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { type?: unknown }).type !== 'string'
  ) {
    throw new Unsupported('malformed AST node');
  }
  return value as AstNode;
}
