import { type FlowDocument, PORTS, TRIGGER_NODE_ID } from '../types.js';
import { type FlowView, type ViewEdge, isLiveEdge, viewOf } from './flow-view.js';

/**
 * The executable shape of a flow: live edges (both ends exist, port valid for the source),
 * forEach bodies, and the loop-back edges that close a body.
 *
 * Loop-back rule: an edge from a node inside forEach F's body back to F itself ends that item
 * (as if the body path stopped there); it is not a cycle. Every other cycle is an error.
 */
export interface FlowGraph {
  view: FlowView;
  /** Live edges without loop-backs, by source id (`trigger` included). */
  out: Map<string, ViewEdge[]>;
  /** Live edges without loop-backs, by target id. */
  in: Map<string, ViewEdge[]>;
  /** For each forEach node id, the ids of the nodes in its body. */
  bodies: Map<string, Set<string>>;
  loopBacks: ViewEdge[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Breadth-first reach over `out` from `starts`, never entering `stop`; starts are not included. */
function reach(out: Map<string, ViewEdge[]>, starts: string[], stop?: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const edge of out.get(next) ?? []) {
      if (edge.to === stop || seen.has(edge.to)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return seen;
}

/** Builds the executable graph of any (possibly invalid) document view. */
export function buildGraph(view: FlowView): FlowGraph {
  const live = view.edges.filter((e) => isLiveEdge(view, e));
  const allOut = new Map<string, ViewEdge[]>();
  for (const edge of live) push(allOut, edge.from, edge);
  const bodies = new Map<string, Set<string>>();
  for (const node of view.byId.values()) {
    if (node.type !== 'forEach') continue;
    const bodyStarts = (allOut.get(node.id) ?? [])
      .filter((e) => e.port === PORTS.body)
      .map((e) => e.to);
    const starts = bodyStarts.filter((id) => id !== node.id);
    const body = new Set([...starts, ...reach(allOut, starts, node.id)]);
    bodies.set(node.id, body);
  }
  const loopBacks = live.filter((e) => bodies.get(e.to)?.has(e.from) === true);
  const graph: FlowGraph = { view, out: new Map(), in: new Map(), bodies, loopBacks };
  for (const edge of live) {
    if (loopBacks.includes(edge)) continue;
    push(graph.out, edge.from, edge);
    push(graph.in, edge.to, edge);
  }
  return graph;
}

/** Node ids reachable from `start` along live edges (start itself only if a cycle returns to it). */
export function reachFrom(graph: FlowGraph, start: string): Set<string> {
  return reach(graph.out, [start]);
}

/** Node ids from which `target` can be reached (its possible predecessors in a run). */
export function ancestorsOf(graph: FlowGraph, target: string): Set<string> {
  const seen = new Set<string>();
  const queue = [target];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const edge of graph.in.get(next) ?? []) {
      if (seen.has(edge.from)) continue;
      seen.add(edge.from);
      queue.push(edge.from);
    }
  }
  return seen;
}

/** For every node reachable from the trigger, the nodes on every path to it (itself included). */
export function dominators(graph: FlowGraph): Map<string, Set<string>> {
  const order = [TRIGGER_NODE_ID, ...reachFrom(graph, TRIGGER_NODE_ID)].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  const universe = new Set(order);
  const dom = new Map<string, Set<string>>(order.map((id) => [id, new Set(universe)]));
  dom.set(TRIGGER_NODE_ID, new Set([TRIGGER_NODE_ID]));
  // Iterate to a fixed point; flows are small (≤ 500 nodes) so the simple set algorithm is fine.
  for (let changed = true; changed;) {
    changed = false;
    for (const id of order) {
      if (id === TRIGGER_NODE_ID) continue;
      const preds = (graph.in.get(id) ?? [])
        .map((e) => dom.get(e.from))
        .filter((d) => d !== undefined);
      const next = new Set<string>(preds[0] ?? []);
      for (const d of preds.slice(1)) for (const x of next) if (!d.has(x)) next.delete(x);
      next.add(id);
      if (next.size !== dom.get(id)?.size) {
        dom.set(id, next);
        changed = true;
      }
    }
  }
  return dom;
}

/** Strongly connected components that form cycles (size > 1, or a self-loop), iteratively. */
export function cycles(graph: FlowGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const ids = [...graph.view.byId.keys()];
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; edge: number }[] = [{ id: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.out.get(frame.id) ?? [];
      const edge = edges[frame.edge++];
      if (edge) {
        const to = edge.to;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        component.push(member);
        if (member === frame.id) break;
      }
      const selfLoop = edges.some((e) => e.to === frame.id);
      if (component.length > 1 || selfLoop) found.push(component.reverse());
    }
  }
  return found;
}

/** Ids of the nodes an edge from `nodeId` leads to, optionally on one port; loop-backs excluded. */
export function successors(doc: FlowDocument, nodeId: string, port?: string): string[] {
  const graph = buildGraph(viewOf(doc));
  return (graph.out.get(nodeId) ?? [])
    .filter((e) => port === undefined || e.port === port)
    .map((e) => e.to);
}

/** Ids of the nodes reachable from `nodeId` (`trigger` for the whole runnable flow). */
export function reachableFrom(doc: FlowDocument, nodeId: string): Set<string> {
  return reachFrom(buildGraph(viewOf(doc)), nodeId);
}

/** For each forEach node id, the ids of the nodes on its body sub-path. */
export function forEachBodies(doc: FlowDocument): Map<string, Set<string>> {
  return buildGraph(viewOf(doc)).bodies;
}
