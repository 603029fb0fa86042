/**
 * A small GraphQL recogniser for the sandbox (the `graphql` package is not a dependency): it
 * reads one operation, its root fields with their arguments, and nested selection sets
 * (fields, aliases, inline fragments), which is all the subset Braid sends. Named fragments are
 * refused with an error rather than half supported.
 */

/** An argument value, resolved against the request's variables when the field runs. */
export type ValueNode = (variables: Record<string, unknown>) => unknown;

/** A field or inline fragment of a selection set. */
export type SelectionNode =
  | {
      kind: 'field';
      alias?: string;
      name: string;
      args: Record<string, ValueNode>;
      /** Literal integer `first`/`last` argument, used for cost. */
      pageSize?: number;
      selections?: SelectionNode[];
    }
  | { kind: 'inline'; typeCondition?: string; selections: SelectionNode[] };

/** One parsed operation. */
export interface OperationNode {
  operation: 'query' | 'mutation';
  name?: string;
  selections: SelectionNode[];
}

/** A document the sandbox cannot read; answered as a GraphQL error. */
export class GraphqlSyntaxError extends Error {}

const TOKEN =
  /\s+|,|#[^\n]*|("""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*")|(\.\.\.)|([{}():$![\]=@])|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([_A-Za-z][_0-9A-Za-z]*)/y;

interface Token {
  type: 'string' | 'spread' | 'punct' | 'number' | 'name';
  value: string;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new GraphqlSyntaxError(`Parse error on "${source.slice(at, at + 10)}"`);
    const [, str, spread, punct, num, name] = m;
    if (str !== undefined) tokens.push({ type: 'string', value: str });
    else if (spread !== undefined) tokens.push({ type: 'spread', value: spread });
    else if (punct !== undefined) tokens.push({ type: 'punct', value: punct });
    else if (num !== undefined) tokens.push({ type: 'number', value: num });
    else if (name !== undefined) tokens.push({ type: 'name', value: name });
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(value?: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && (value === undefined || t.value === value);
  }

  next(): Token {
    const t = this.tokens[this.i];
    if (!t) throw new GraphqlSyntaxError('Parse error: unexpected end of document');
    this.i += 1;
    return t;
  }

  expect(value: string): void {
    const t = this.next();
    if (t.value !== value)
      throw new GraphqlSyntaxError(`Parse error on "${t.value}", expected "${value}"`);
  }

  name(): string {
    const t = this.next();
    if (t.type !== 'name')
      throw new GraphqlSyntaxError(`Parse error on "${t.value}", expected a name`);
    return t.value;
  }

  operation(): OperationNode {
    if (this.peek('{')) return { operation: 'query', selections: this.selectionSet() };
    const kind = this.name();
    if (kind === 'fragment') throw new GraphqlSyntaxError('the sandbox does not support fragments');
    if (kind !== 'query' && kind !== 'mutation') {
      throw new GraphqlSyntaxError(`unsupported operation type "${kind}"`);
    }
    const name = this.peek('(') || this.peek('{') || this.peek('@') ? undefined : this.name();
    if (this.peek('(')) this.skipBalanced('(', ')'); // variable definitions: types are not checked
    this.directives();
    const selections = this.selectionSet();
    if (this.peek()) throw new GraphqlSyntaxError('the sandbox reads one operation per document');
    return { operation: kind, ...(name ? { name } : {}), selections };
  }

  skipBalanced(open: string, close: string): void {
    let depth = 0;
    do {
      const t = this.next();
      if (t.value === open) depth += 1;
      else if (t.value === close) depth -= 1;
    } while (depth > 0);
  }

  directives(): void {
    while (this.peek('@')) {
      this.next();
      this.name();
      if (this.peek('(')) this.skipBalanced('(', ')');
    }
  }

  selectionSet(): SelectionNode[] {
    this.expect('{');
    const out: SelectionNode[] = [];
    while (!this.peek('}')) out.push(this.selection());
    this.expect('}');
    return out;
  }

  selection(): SelectionNode {
    if (this.peek('...')) {
      this.next();
      if (!this.peek('on')) {
        if (this.peek('{') || this.peek('@')) {
          this.directives();
          return { kind: 'inline', selections: this.selectionSet() };
        }
        throw new GraphqlSyntaxError('the sandbox does not support named fragment spreads');
      }
      this.next();
      const typeCondition = this.name();
      this.directives();
      return { kind: 'inline', typeCondition, selections: this.selectionSet() };
    }
    let name = this.name();
    let alias: string | undefined;
    if (this.peek(':')) {
      this.next();
      alias = name;
      name = this.name();
    }
    const args: Record<string, ValueNode> = {};
    let pageSize: number | undefined;
    if (this.peek('(')) {
      this.next();
      while (!this.peek(')')) {
        const argName = this.name();
        this.expect(':');
        const value = this.value();
        args[argName] = value;
        const literal = value({});
        if ((argName === 'first' || argName === 'last') && typeof literal === 'number') {
          pageSize = literal;
        }
      }
      this.expect(')');
    }
    this.directives();
    const selections = this.peek('{') ? this.selectionSet() : undefined;
    return {
      kind: 'field',
      name,
      args,
      ...(alias ? { alias } : {}),
      ...(pageSize !== undefined ? { pageSize } : {}),
      ...(selections ? { selections } : {}),
    };
  }

  value(): ValueNode {
    const t = this.next();
    if (t.value === '$') {
      const name = this.name();
      return (vars) => vars[name];
    }
    if (t.value === '[') {
      const items: ValueNode[] = [];
      while (!this.peek(']')) items.push(this.value());
      this.next();
      return (vars) => items.map((item) => item(vars));
    }
    if (t.value === '{') {
      const fields: [string, ValueNode][] = [];
      while (!this.peek('}')) {
        const key = this.name();
        this.expect(':');
        fields.push([key, this.value()]);
      }
      this.next();
      return (vars) => Object.fromEntries(fields.map(([k, v]) => [k, v(vars)]));
    }
    if (t.type === 'number') {
      const n = Number(t.value);
      return () => n;
    }
    if (t.type === 'string') {
      const s = t.value.startsWith('"""') ? t.value.slice(3, -3) : (JSON.parse(t.value) as string);
      return () => s;
    }
    if (t.type === 'name') {
      const literal =
        t.value === 'true'
          ? true
          : t.value === 'false'
            ? false
            : t.value === 'null'
              ? null
              : t.value;
      return () => literal;
    }
    throw new GraphqlSyntaxError(`Parse error on "${t.value}"`);
  }
}

/** Parses a document holding one query or mutation. */
export function parseOperation(source: string): OperationNode {
  return new Parser(tokenize(source)).operation();
}

/**
 * Requested cost in Shopify's manner: 1 per object field, connections `2 + size × child`,
 * scalars free, plus 10 for a mutation.
 */
export function requestedCost(op: OperationNode): number {
  const walk = (selections: SelectionNode[]): number =>
    selections.reduce((sum, s) => {
      if (s.kind === 'inline') return sum + walk(s.selections);
      if (!s.selections) return sum;
      const child = walk(s.selections);
      return sum + (s.pageSize !== undefined ? 2 + s.pageSize * child : 1 + child);
    }, 0);
  return walk(op.selections) + (op.operation === 'mutation' ? 10 : 0);
}
