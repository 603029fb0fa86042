import { type FlowNode, type NodeType, PORTS, TRIGGER_NODE_ID } from '../types.js';
import { isRecord } from './problem.js';

/** A node whose id and type are safe to inspect, with its index in `nodes`. */
export interface ViewNode {
  index: number;
  id: string;
  type: NodeType;
  raw: Record<string, unknown>;
}

/** An edge whose endpoints are strings, with its index in `edges` and its port defaulted. */
export interface ViewEdge {
  index: number;
  from: string;
  to: string;
  port: string;
}

/** The parts of a (possibly invalid) document the graph and expression layers can trust. */
export interface FlowView {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** First node with each id (duplicates are reported, not indexed). */
  byId: Map<string, ViewNode>;
  /** Every string node id, whatever the node's type, so a badly typed node is not "unknown". */
  allIds: Set<string>;
}

/** Node types and the ports each may leave by; branch ports come from its case labels. */
const PORTS_BY_TYPE: Record<NodeType, (raw: Record<string, unknown>) => string[]> = {
  action: () => [PORTS.next, PORTS.error],
  map: () => [PORTS.next, PORTS.error],
  delay: () => [PORTS.next, PORTS.error],
  subflow: () => [PORTS.next, PORTS.error],
  forEach: () => [PORTS.body, PORTS.next, PORTS.error],
  branch: (raw) => [...caseLabels(raw), PORTS.default],
  fail: () => [],
  stop: () => [],
};

/** All node types, in schema order. */
export const NODE_TYPES = Object.keys(PORTS_BY_TYPE) as NodeType[];

/** Narrows an unknown value to a known node type. */
export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && Object.hasOwn(PORTS_BY_TYPE, value);
}

/** The case labels of a branch node that are strings, in order. */
export function caseLabels(raw: Record<string, unknown>): string[] {
  const cases = raw['cases'];
  if (!Array.isArray(cases)) return [];
  return cases.flatMap((c: unknown) =>
    isRecord(c) && typeof c['label'] === 'string' ? [c['label']] : [],
  );
}

/** The ports a node may have outgoing edges on (none for `fail` and `stop`). */
export function outgoingPorts(node: FlowNode): string[] {
  return portsOf(node.type, node as unknown as Record<string, unknown>);
}

/** Ports of a node given its type and raw fields. */
export function portsOf(type: NodeType, raw: Record<string, unknown>): string[] {
  return PORTS_BY_TYPE[type](raw);
}

/** Extracts the trustworthy nodes and edges of any value; never throws on malformed input. */
export function viewOf(doc: unknown): FlowView {
  const view: FlowView = { nodes: [], edges: [], byId: new Map(), allIds: new Set() };
  if (!isRecord(doc)) return view;
  const nodes = doc['nodes'];
  const edges = doc['edges'];
  if (Array.isArray(nodes)) {
    nodes.forEach((raw: unknown, index) => {
      if (!isRecord(raw) || typeof raw['id'] !== 'string') return;
      view.allIds.add(raw['id']);
      if (!isNodeType(raw['type'])) return;
      const node: ViewNode = { index, id: raw['id'], type: raw['type'], raw };
      view.nodes.push(node);
      if (!view.byId.has(node.id) && node.id !== TRIGGER_NODE_ID) view.byId.set(node.id, node);
    });
  }
  if (Array.isArray(edges)) {
    edges.forEach((raw: unknown, index) => {
      if (!isRecord(raw) || typeof raw['from'] !== 'string' || typeof raw['to'] !== 'string')
        return;
      const port = typeof raw['port'] === 'string' ? raw['port'] : PORTS.next;
      view.edges.push({ index, from: raw['from'], to: raw['to'], port });
    });
  }
  return view;
}

/** Ports the trigger may leave by. */
export const TRIGGER_PORTS: readonly string[] = [PORTS.next];

/** True when `edge` leaves its source by a port that source has (and both ends exist). */
export function isLiveEdge(view: FlowView, edge: ViewEdge): boolean {
  if (!view.byId.has(edge.to)) return false;
  if (edge.from === TRIGGER_NODE_ID) return TRIGGER_PORTS.includes(edge.port);
  const source = view.byId.get(edge.from);
  return source !== undefined && portsOf(source.type, source.raw).includes(edge.port);
}
