import { type OperationNode, type SelectionNode } from './graphql-document.js';

/** A GraphQL error as Shopify formats it. */
export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** Resolves one root field from its (already variable-resolved) arguments. */
export type RootResolver = (args: Record<string, unknown>) => unknown;

/** Resolvers per operation type, keyed by root field name. */
export interface RootResolvers {
  query: Record<string, RootResolver>;
  mutation: Record<string, RootResolver>;
}

/** Raised by a resolver for a top-level GraphQL error (bad gid, invalid variable). */
export class ResolverError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const ROOT_TYPE = { query: 'QueryRoot', mutation: 'Mutation' } as const;

/**
 * Projects resolved objects onto the selection set, as a GraphQL server would: only selected
 * fields come back, under their aliases, and a field the type lacks is an error (so a connector
 * cannot pass against the sandbox by reading fields it never asked for).
 */
function project(
  value: unknown,
  selections: SelectionNode[],
  path: (string | number)[],
  errors: GraphqlError[],
): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value))
    return value.map((v, i) => project(v, selections, [...path, i], errors));
  const obj = value as Record<string, unknown>;
  const typename = typeof obj.__typename === 'string' ? obj.__typename : 'Object';
  const implemented = (obj.__implements ?? []) as string[];
  const out: Record<string, unknown> = {};
  for (const s of selections) {
    if (s.kind === 'inline') {
      const applies =
        !s.typeCondition || s.typeCondition === typename || implemented.includes(s.typeCondition);
      if (applies) Object.assign(out, project(obj, s.selections, path, errors));
      continue;
    }
    const key = s.alias ?? s.name;
    if (s.name === '__typename') {
      out[key] = typename;
      continue;
    }
    const field = obj[s.name];
    if (field === undefined || s.name === '__implements') {
      errors.push({
        message: `Field '${s.name}' doesn't exist on type '${typename}'`,
        path: [...path, key],
        extensions: { code: 'undefinedField', typeName: typename, fieldName: s.name },
      });
      continue;
    }
    const isObject = field !== null && typeof field === 'object';
    const isObjectList =
      Array.isArray(field) && field.some((f) => f !== null && typeof f === 'object');
    if (s.selections) {
      out[key] = project(field, s.selections, [...path, key], errors);
    } else if (isObject && (!Array.isArray(field) || isObjectList)) {
      errors.push({
        message: `Field must have selections (field '${s.name}' returns ${typename} subtype)`,
        path: [...path, key],
        extensions: { code: 'selectionMismatch' },
      });
    } else {
      out[key] = field;
    }
  }
  return out;
}

/** Cost of what was actually returned: connections are charged for the nodes they hold. */
function actualCost(value: unknown, selections: SelectionNode[]): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + actualCost(v, selections), 0);
  const obj = value as Record<string, unknown>;
  return selections.reduce((sum, s) => {
    if (s.kind === 'inline') return sum + actualCost(obj, s.selections);
    if (!s.selections) return sum;
    const child = obj[s.alias ?? s.name];
    const inner = actualCost(child, s.selections);
    return sum + (s.pageSize !== undefined ? 2 + inner : 1 + inner);
  }, 0);
}

/** Runs an operation against the resolvers; returns Shopify-shaped `data`, `errors` and cost. */
export function execute(
  op: OperationNode,
  variables: Record<string, unknown>,
  resolvers: RootResolvers,
): { data: Record<string, unknown> | null; errors: GraphqlError[]; actualCost: number } {
  const errors: GraphqlError[] = [];
  const data: Record<string, unknown> = {};
  const table = resolvers[op.operation];
  for (const s of op.selections) {
    if (s.kind !== 'field') {
      errors.push({ message: 'the sandbox does not support fragments on the root type' });
      continue;
    }
    const key = s.alias ?? s.name;
    if (s.name === '__typename') {
      data[key] = ROOT_TYPE[op.operation];
      continue;
    }
    const resolver = table[s.name];
    if (!resolver) {
      errors.push({
        message: `Field '${s.name}' doesn't exist on type '${ROOT_TYPE[op.operation]}'`,
        path: [op.operation, key],
        extensions: {
          code: 'undefinedField',
          typeName: ROOT_TYPE[op.operation],
          fieldName: s.name,
        },
      });
      continue;
    }
    const args = Object.fromEntries(Object.entries(s.args).map(([k, v]) => [k, v(variables)]));
    try {
      const resolved = resolver(args);
      data[key] = s.selections ? project(resolved, s.selections, [key], errors) : resolved;
    } catch (err) {
      if (!(err instanceof ResolverError)) throw err;
      errors.push({ message: err.message, path: [key], extensions: { code: err.code } });
    }
  }
  if (errors.length > 0 && Object.keys(data).length === 0) {
    return { data: null, errors, actualCost: op.operation === 'mutation' ? 10 : 1 };
  }
  const fields = op.selections.filter((s) => s.kind === 'field');
  const cost = actualCost(data, fields) + (op.operation === 'mutation' ? 10 : 0);
  return { data, errors, actualCost: cost };
}
