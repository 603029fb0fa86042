import { PORTS, TRIGGER_NODE_ID } from '../types.js';
import { type FlowView, type ViewEdge, caseLabels, portsOf } from './flow-view.js';
import { type FlowGraph, cycles, reachFrom } from './graph.js';
import { type Problem, error, pointer, quote, warning } from './problem.js';

function nodePointer(view: FlowView, id: string): string {
  const node = view.byId.get(id);
  return node ? pointer('/nodes', node.index) : '';
}

function checkIds(view: FlowView): Problem[] {
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  for (const node of view.nodes) {
    const at = pointer('/nodes', node.index, 'id');
    const first = firstIndex.get(node.id);
    if (node.id === TRIGGER_NODE_ID) {
      problems.push(
        error(
          at,
          'graph.duplicate-id',
          '`trigger` is reserved for the flow trigger in edges; rename this node.',
        ),
      );
    } else if (first !== undefined) {
      problems.push(
        error(
          at,
          'graph.duplicate-id',
          `node id ${quote(node.id)} is already used by /nodes/${first}; give every node a unique id.`,
        ),
      );
    } else firstIndex.set(node.id, node.index);
  }
  return problems;
}

function checkCaseLabels(view: FlowView): Problem[] {
  const problems: Problem[] = [];
  for (const node of view.byId.values()) {
    if (node.type !== 'branch') continue;
    const seen = new Set<string>();
    caseLabels(node.raw).forEach((label, i) => {
      const at = pointer('/nodes', node.index, 'cases', i, 'label');
      if (label === PORTS.default) {
        problems.push(
          error(
            at,
            'graph.duplicate-port',
            '`default` is the port taken when no case holds; choose another case label.',
          ),
        );
      } else if (seen.has(label)) {
        problems.push(
          error(
            at,
            'graph.duplicate-port',
            `case label ${quote(label)} is used twice in this branch; labels must be unique.`,
          ),
        );
      }
      seen.add(label);
    });
  }
  return problems;
}

function checkEdgeEnds(view: FlowView, edge: ViewEdge): Problem[] {
  const at = pointer('/edges', edge.index);
  if (edge.from !== TRIGGER_NODE_ID && !view.allIds.has(edge.from)) {
    return [
      error(
        at + '/from',
        'graph.unknown-node',
        `edge starts at ${quote(edge.from)}, but no node has that id; fix the id or remove the edge.`,
      ),
    ];
  }
  if (edge.to === TRIGGER_NODE_ID) {
    return [
      error(
        at + '/to',
        'graph.unknown-node',
        'an edge cannot lead into the trigger; point it at a node.',
      ),
    ];
  }
  if (!view.allIds.has(edge.to)) {
    return [
      error(
        at + '/to',
        'graph.unknown-node',
        `edge leads to ${quote(edge.to)}, but no node has that id; fix the id or remove the edge.`,
      ),
    ];
  }
  return [];
}

function checkEdgePort(view: FlowView, edge: ViewEdge): Problem[] {
  const at = pointer('/edges', edge.index);
  const source = view.byId.get(edge.from);
  if (edge.from !== TRIGGER_NODE_ID && !source) return [];
  if (source && portsOf(source.type, source.raw).length === 0) {
    return [
      error(
        at,
        'graph.terminal-edge',
        `${quote(edge.from)} is a ${source.type} node and ends the run; remove this edge.`,
      ),
    ];
  }
  const ports = source ? portsOf(source.type, source.raw) : [PORTS.next];
  if (ports.includes(edge.port)) return [];
  const what = source ? `a ${source.type} node` : 'the trigger';
  const allowed = ports.map((p) => '`' + p + '`').join(', ');
  return [
    error(
      at + '/port',
      'graph.unknown-port',
      `${quote(edge.from)} is ${what} and has no port ${quote(edge.port)}; use one of ${allowed}.`,
    ),
  ];
}

function checkEdges(view: FlowView): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const edge of view.edges) {
    const ends = checkEdgeEnds(view, edge);
    problems.push(...ends, ...(ends.length === 0 ? checkEdgePort(view, edge) : []));
    const key = JSON.stringify([edge.from, edge.port, edge.to]);
    if (seen.has(key)) {
      problems.push(
        warning(
          pointer('/edges', edge.index),
          'graph.duplicate-edge',
          'this edge repeats an earlier one; remove it.',
        ),
      );
    }
    seen.add(key);
  }
  if (!view.edges.some((e) => e.from === TRIGGER_NODE_ID)) {
    const first = view.nodes[0]?.id ?? '<first node>';
    problems.push(
      error(
        '/edges',
        'graph.missing-trigger-edge',
        `no edge leaves the trigger, so nothing runs; add {"from": "trigger", "to": "${first}"}.`,
      ),
    );
  }
  return problems;
}

function checkDanglingPorts(graph: FlowGraph): Problem[] {
  const problems: Problem[] = [];
  const used = (id: string, port: string): boolean =>
    graph.view.edges.some((e) => e.from === id && e.port === port);
  for (const node of graph.view.byId.values()) {
    if (node.type === 'branch') {
      caseLabels(node.raw).forEach((label, i) => {
        if (used(node.id, label)) return;
        const at = pointer('/nodes', node.index, 'cases', i, 'label');
        problems.push(
          warning(
            at,
            'graph.dangling-port',
            `case ${quote(label)} has no outgoing edge, so the run ends when it holds; connect it or remove the case.`,
          ),
        );
      });
    }
    if (node.type === 'forEach' && !used(node.id, PORTS.body)) {
      const at = pointer('/nodes', node.index);
      problems.push(
        warning(
          at,
          'graph.dangling-port',
          `forEach ${quote(node.id)} has no \`body\` edge, so it does nothing per item; connect its body.`,
        ),
      );
    }
  }
  return problems;
}

function checkReachability(graph: FlowGraph): Problem[] {
  if (!graph.out.has(TRIGGER_NODE_ID)) return [];
  // A node with a bad type (already a schema error) passes the run on through any edge, so
  // the nodes behind it are not reported as unreachable as well.
  const { byId, allIds } = graph.view;
  const mistyped = (id: string) => allIds.has(id) && !byId.has(id);
  const out = new Map(graph.out);
  for (const edge of graph.view.edges) {
    if (!mistyped(edge.from) && !mistyped(edge.to)) continue;
    if (!allIds.has(edge.to)) continue;
    out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  }
  const reachable = reachFrom({ ...graph, out }, TRIGGER_NODE_ID);
  return [...graph.view.byId.values()]
    .filter((node) => !reachable.has(node.id))
    .map((node) =>
      warning(
        pointer('/nodes', node.index),
        'graph.unreachable',
        `node ${quote(node.id)} is not reachable from the trigger and never runs; connect it or delete it.`,
      ),
    );
}

function checkCycles(graph: FlowGraph): Problem[] {
  return cycles(graph).map((members) => {
    const set = new Set(members);
    const edges = [...graph.out.values()].flat().filter((e) => set.has(e.from) && set.has(e.to));
    const first = Math.min(...edges.map((e) => e.index)); // a cycle always has an edge
    const names = members.map((m) => '`' + m + '`').join(', ');
    return error(
      pointer('/edges', first),
      'graph.cycle',
      `nodes ${names} form a cycle; flows only run forward. Remove one of these edges (to repeat work per item, use a forEach; an edge from its body back to the forEach just ends the item).`,
    );
  });
}

function checkBodyEscapes(graph: FlowGraph): Problem[] {
  const problems: Problem[] = [];
  for (const [forEachId, body] of graph.bodies) {
    const outside = new Map<string, ViewEdge[]>();
    for (const [from, edges] of graph.out) {
      outside.set(from, from === forEachId ? edges.filter((e) => e.port !== PORTS.body) : edges);
    }
    const reachable = reachFrom({ ...graph, out: outside }, TRIGGER_NODE_ID);
    for (const id of body) {
      if (!reachable.has(id)) continue;
      problems.push(
        error(
          nodePointer(graph.view, id),
          'graph.body-escape',
          `node ${quote(id)} is in the body of forEach ${quote(forEachId)} and also reachable outside it; a body may only be entered through the forEach's \`body\` port.`,
        ),
      );
    }
  }
  return problems;
}

/** The graph layer: ids, edges, ports, reachability, cycles and forEach bodies. */
export function checkGraph(graph: FlowGraph): Problem[] {
  const view = graph.view;
  return [
    ...checkIds(view),
    ...checkCaseLabels(view),
    ...checkEdges(view),
    ...checkDanglingPorts(graph),
    ...checkReachability(graph),
    ...checkCycles(graph),
    ...checkBodyEscapes(graph),
  ];
}
