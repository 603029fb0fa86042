import { isRecord } from './problem.js';

/** A root name an expression reads: a step output (`steps.<id>`) or the forEach `item`/`index`. */
export interface RootReference {
  kind: 'step' | 'item';
  name: string;
  /** JSONata's character position of the name (1-based end of token). */
  position: number;
}

/** AST properties whose expressions are evaluated against something other than the root. */
const NESTED_CONTEXT = new Set(['stages', 'predicate', 'group', 'terms', 'update', 'delete']);
const ITEM_NAMES = new Set(['item', 'index']);

function nameOf(node: unknown): { name: string; position: number } | undefined {
  if (!isRecord(node) || node['type'] !== 'name' || typeof node['value'] !== 'string')
    return undefined;
  return {
    name: node['value'],
    position: typeof node['position'] === 'number' ? node['position'] : 0,
  };
}

/** The index of the step naming a root field, or -1 when this path does not start at the root. */
function rootStep(steps: unknown[], atRoot: boolean): number {
  const first = steps[0];
  if (isRecord(first) && first['type'] === 'variable') {
    if (first['value'] === '$') return 1; // `$$` is the root wherever it appears
    return first['value'] === '' && atRoot ? 1 : -1;
  }
  return atRoot ? 0 : -1;
}

function pathReference(steps: unknown[], atRoot: boolean): RootReference | undefined {
  const start = rootStep(steps, atRoot);
  if (start < 0) return undefined;
  const head = nameOf(steps[start]);
  if (!head) return undefined;
  if (ITEM_NAMES.has(head.name)) return { kind: 'item', ...head };
  const step = head.name === 'steps' ? nameOf(steps[start + 1]) : undefined;
  return step ? { kind: 'step', ...step } : undefined;
}

/**
 * Finds the root fields an expression reads by walking its JSONata AST. A name counts only where
 * the context is the expression input: later path steps and predicates see other values.
 * Iterative, so a deeply nested expression cannot exhaust the stack.
 */
export function rootReferences(ast: unknown): RootReference[] {
  const found: RootReference[] = [];
  const work: { node: unknown; atRoot: boolean }[] = [{ node: ast, atRoot: true }];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    const { node, atRoot } = next;
    if (Array.isArray(node)) {
      for (const child of node as unknown[]) work.push({ node: child, atRoot });
      continue;
    }
    if (!isRecord(node)) continue;
    if (node['type'] === 'path' && Array.isArray(node['steps'])) {
      const steps = node['steps'] as unknown[];
      const ref = pathReference(steps, atRoot);
      if (ref) found.push(ref);
      steps.forEach((step, i) => work.push({ node: step, atRoot: i === 0 && atRoot }));
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'steps' && node['type'] === 'path') continue;
      if (typeof child === 'object' && child !== null)
        work.push({ node: child, atRoot: atRoot && !NESTED_CONTEXT.has(key) });
    }
  }
  return found.sort((a, b) => a.position - b.position);
}
