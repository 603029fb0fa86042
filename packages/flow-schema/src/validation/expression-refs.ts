import { isRecord } from './problem.js';

/** A root name an expression reads: a step output (`steps.<id>`) or the forEach `item`/`index`. */
export interface RootReference {
  kind: 'step' | 'item';
  name: string;
  /** JSONata's character position of the name (1-based end of token). */
  position: number;
  /**
   * Read only where its existence was checked: inside `$exists(...)`, or in the `then` branch
   * of a condition (or the right side of an `and`) that checks `$exists(steps.<name>)`.
   */
  guarded?: boolean;
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

function isExistsCall(node: Record<string, unknown>): boolean {
  const proc = node['procedure'];
  return node['type'] === 'function' && isRecord(proc) && proc['value'] === 'exists';
}

/** Step names whose existence an expression checks with `$exists(steps.<name>)`. */
function existsChecks(node: unknown): Set<string> {
  const names = new Set<string>();
  const work: unknown[] = [node];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    if (Array.isArray(next)) {
      work.push(...(next as unknown[]));
      continue;
    }
    if (!isRecord(next)) continue;
    if (isExistsCall(next) && Array.isArray(next['arguments'])) {
      for (const arg of next['arguments'] as unknown[]) {
        if (isRecord(arg) && arg['type'] === 'path' && Array.isArray(arg['steps'])) {
          const ref = pathReference(arg['steps'] as unknown[], true);
          if (ref?.kind === 'step') names.add(ref.name);
        }
      }
    }
    for (const child of Object.values(next)) if (typeof child === 'object') work.push(child);
  }
  return names;
}

const ALL = '*';

/**
 * Finds the root fields an expression reads by walking its JSONata AST. A name counts only where
 * the context is the expression input: later path steps and predicates see other values.
 * Iterative, so a deeply nested expression cannot exhaust the stack.
 */
export function rootReferences(ast: unknown): RootReference[] {
  const found: RootReference[] = [];
  type Item = { node: unknown; atRoot: boolean; guards: ReadonlySet<string> };
  const none: ReadonlySet<string> = new Set();
  const work: Item[] = [{ node: ast, atRoot: true, guards: none }];
  const plus = (a: ReadonlySet<string>, b: Iterable<string>): ReadonlySet<string> =>
    new Set([...a, ...b]);
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    const { node, atRoot, guards } = next;
    if (Array.isArray(node)) {
      for (const child of node as unknown[]) work.push({ node: child, atRoot, guards });
      continue;
    }
    if (!isRecord(node)) continue;
    if (node['type'] === 'path' && Array.isArray(node['steps'])) {
      const steps = node['steps'] as unknown[];
      const ref = pathReference(steps, atRoot);
      if (ref) {
        const guarded = guards.has(ALL) || (ref.kind === 'step' && guards.has(ref.name));
        found.push(guarded ? { ...ref, guarded } : ref);
      }
      steps.forEach((step, i) => work.push({ node: step, atRoot: i === 0 && atRoot, guards }));
    }
    let branchGuards: { key: string; guards: ReadonlySet<string> } | undefined;
    if (node['type'] === 'condition') {
      branchGuards = { key: 'then', guards: plus(guards, existsChecks(node['condition'])) };
    } else if (node['type'] === 'binary' && node['value'] === 'and') {
      branchGuards = { key: 'rhs', guards: plus(guards, existsChecks(node['lhs'])) };
    }
    const inner = isExistsCall(node) ? plus(guards, [ALL]) : guards;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'steps' && node['type'] === 'path') continue;
      if (typeof child === 'object' && child !== null) {
        const g = branchGuards?.key === key ? branchGuards.guards : inner;
        work.push({ node: child, atRoot: atRoot && !NESTED_CONTEXT.has(key), guards: g });
      }
    }
  }
  return found.sort((a, b) => a.position - b.position);
}
