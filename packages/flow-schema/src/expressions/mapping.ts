import type { Mapping } from '../types.js';
import { ExpressionError } from './types.js';

interface FieldTree {
  [key: string]: FieldTree | string;
}

/**
 * Turns a mapping into one JSONata expression: a field-by-field mapping becomes a single object
 * constructor (dot paths nest), so the whole mapping is parsed, cached and evaluated once.
 */
export function mappingToExpression(mapping: Mapping): string {
  if ('expression' in mapping) return mapping.expression;
  const tree: FieldTree = {};
  for (const [path, expr] of Object.entries(mapping.fields)) {
    insert(tree, path, expr);
  }
  return render(tree);
}

function insert(tree: FieldTree, path: string, expr: string): void {
  const parts = path.split('.');
  let node = tree;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const existing = node[part];
    if (last) {
      if (existing !== undefined) {
        throw new ExpressionError('MAPPING_CONFLICT', `mapping sets "${path}" and fields below it`);
      }
      node[part] = expr;
      return;
    }
    if (typeof existing === 'string') {
      throw new ExpressionError(
        'MAPPING_CONFLICT',
        `mapping sets "${parts.slice(0, i + 1).join('.')}" and "${path}"`,
      );
    }
    const child = existing ?? {};
    node[part] = child;
    node = child;
  });
}

function render(tree: FieldTree): string {
  const entries = Object.entries(tree).map(([key, value]) => {
    // Parentheses keep blocks, comments and low-precedence operators inside their own field.
    const body = typeof value === 'string' ? `(\n${value}\n)` : render(value);
    return `${JSON.stringify(key)}: ${body}`;
  });
  return `{${entries.join(', ')}}`;
}
