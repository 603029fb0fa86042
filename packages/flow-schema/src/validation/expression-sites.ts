import type { NodeType } from '../types.js';
import type { FlowView } from './flow-view.js';
import { isRecord, pointer } from './problem.js';

/**
 * What an expression can see. `node`: the document input after some steps ran; `collect`: a
 * forEach's per-item result (its body has run); `trigger`: before any step; `item-input`: the
 * poll trigger's own input (an operation output or one item), where names are not root fields.
 */
export type ExpressionScope = 'node' | 'collect' | 'trigger' | 'item-input';

/** One expression in the document, with where it is and what it can see. */
export interface ExpressionSite {
  at: string;
  source: string;
  scope: ExpressionScope;
  /** The node the expression belongs to (for `node` and `collect` scopes). */
  nodeId?: string;
}

type Collect = (at: string, value: unknown, scope: ExpressionScope) => void;

function mapping(value: unknown, at: string, scope: ExpressionScope, add: Collect): void {
  if (!isRecord(value)) return;
  add(pointer(at, 'expression'), value['expression'], scope);
  const fields = value['fields'];
  if (!isRecord(fields)) return;
  for (const [key, expr] of Object.entries(fields)) add(pointer(at, 'fields', key), expr, scope);
}

/** Where each node type keeps its expressions. */
const NODE_SITES: Record<
  NodeType,
  (raw: Record<string, unknown>, at: string, add: Collect) => void
> = {
  action: (raw, at, add) => mapping(raw['input'], pointer(at, 'input'), 'node', add),
  subflow: (raw, at, add) => mapping(raw['input'], pointer(at, 'input'), 'node', add),
  map: (raw, at, add) => mapping(raw['output'], pointer(at, 'output'), 'node', add),
  stop: (raw, at, add) => mapping(raw['output'], pointer(at, 'output'), 'node', add),
  branch: (raw, at, add) => {
    const cases = raw['cases'];
    if (!Array.isArray(cases)) return;
    cases.forEach(
      (c: unknown, i) => isRecord(c) && add(pointer(at, 'cases', i, 'when'), c['when'], 'node'),
    );
  },
  forEach: (raw, at, add) => {
    add(pointer(at, 'items'), raw['items'], 'node');
    add(pointer(at, 'collect'), raw['collect'], 'collect');
  },
  delay: (raw, at, add) => add(pointer(at, 'until'), raw['until'], 'node'),
  fail: (raw, at, add) => add(pointer(at, 'message'), raw['message'], 'node'),
};

function triggerSites(trigger: unknown, add: Collect): void {
  if (!isRecord(trigger)) return;
  add('/trigger/filter', trigger['filter'], 'trigger');
  if (trigger['type'] !== 'poll') return;
  mapping(trigger['input'], '/trigger/input', 'item-input', add);
  add('/trigger/items', trigger['items'], 'item-input');
  add('/trigger/dedupeKey', trigger['dedupeKey'], 'item-input');
  if (isRecord(trigger['watermark']))
    add('/trigger/watermark/value', trigger['watermark']['value'], 'item-input');
}

/** Every string expression in a document, in document order. */
export function expressionSites(doc: unknown, view: FlowView): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  if (!isRecord(doc)) return sites;
  const adder =
    (nodeId?: string): Collect =>
    (at, value, scope) => {
      if (typeof value !== 'string') return;
      sites.push({ at, source: value, scope, ...(nodeId !== undefined ? { nodeId } : {}) });
    };
  adder()('/concurrencyKey', doc['concurrencyKey'], 'trigger');
  triggerSites(doc['trigger'], adder());
  for (const node of view.nodes)
    NODE_SITES[node.type](node.raw, pointer('/nodes', node.index), adder(node.id));
  return sites;
}
