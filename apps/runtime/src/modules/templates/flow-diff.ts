import { escapePointerToken as escape } from '@braid/flow-schema';

/** One difference between two flow documents, addressed by a readable JSON pointer. */
export interface FlowChange {
  op: 'add' | 'remove' | 'replace';
  /** `/nodes/<node id>/...` for nodes, `/edges/<from>:<port>-><to>` for edges, else a pointer. */
  path: string;
  before?: unknown;
  after?: unknown;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function jsonChanges(a: unknown, b: unknown, path: string, out: FlowChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ op: 'add', path, after: b });
    return;
  }
  if (b === undefined) {
    out.push({ op: 'remove', path, before: a });
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) jsonChanges(a[k], b[k], `${path}/${escape(k)}`, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => jsonChanges(item, b[i], `${path}/${i}`, out));
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b))
    out.push({ op: 'replace', path, before: a, after: b });
}

function byId(nodes: unknown): Map<string, Json> {
  const map = new Map<string, Json>();
  if (Array.isArray(nodes)) {
    for (const n of nodes) if (isObject(n) && typeof n.id === 'string') map.set(n.id, n);
  }
  return map;
}

function edgeKeys(edges: unknown): Set<string> {
  const keys = new Set<string>();
  if (Array.isArray(edges)) {
    for (const e of edges) {
      if (!isObject(e)) continue;
      keys.add(
        `${String(e.from)}:${typeof e.port === 'string' ? e.port : 'next'}->${String(e.to)}`,
      );
    }
  }
  return keys;
}

/**
 * What changes when `before` becomes `after`: nodes matched by id (so reordering is no change),
 * edges by endpoints and port, everything else field by field. The canvas layout is ignored.
 */
export function diffFlows(before: unknown, after: unknown): FlowChange[] {
  const a = isObject(before) ? before : {};
  const b = isObject(after) ? after : {};
  const out: FlowChange[] = [];
  const skip = new Set(['nodes', 'edges', 'layout']);
  const top = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.has(k));
  for (const k of top.sort()) jsonChanges(a[k], b[k], `/${escape(k)}`, out);
  const na = byId(a.nodes);
  const nb = byId(b.nodes);
  for (const id of [...new Set([...na.keys(), ...nb.keys()])].sort()) {
    jsonChanges(na.get(id), nb.get(id), `/nodes/${escape(id)}`, out);
  }
  const ea = edgeKeys(a.edges);
  const eb = edgeKeys(b.edges);
  for (const k of [...ea].filter((k) => !eb.has(k)).sort()) {
    out.push({ op: 'remove', path: `/edges/${escape(k)}` });
  }
  for (const k of [...eb].filter((k) => !ea.has(k)).sort()) {
    out.push({ op: 'add', path: `/edges/${escape(k)}` });
  }
  return out;
}
