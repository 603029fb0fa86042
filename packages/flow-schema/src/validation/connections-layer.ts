import { eventMatches } from '../events.js';
import type { FlowView } from './flow-view.js';
import {
  type ConnectorCatalog,
  type Problem,
  error,
  isRecord,
  pointer,
  quote,
  warning,
} from './problem.js';

/** A place in the document that names a connection slot (a node or the trigger). */
interface ConnectionUse {
  at: string;
  slot: string;
  operation?: { at: string; id: string };
  event?: { at: string; id: string };
}

function stringAt(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' ? value : undefined;
}

function usesOf(doc: Record<string, unknown>, view: FlowView): ConnectionUse[] {
  const uses: ConnectionUse[] = [];
  const trigger = doc['trigger'];
  if (isRecord(trigger) && (trigger['type'] === 'webhook' || trigger['type'] === 'poll')) {
    const slot = stringAt(trigger, 'connection');
    const operation = stringAt(trigger, 'operation');
    const event = trigger['type'] === 'webhook' ? stringAt(trigger, 'event') : undefined;
    if (slot !== undefined) {
      uses.push({
        at: '/trigger/connection',
        slot,
        ...(operation !== undefined
          ? { operation: { at: '/trigger/operation', id: operation } }
          : {}),
        ...(event !== undefined ? { event: { at: '/trigger/event', id: event } } : {}),
      });
    }
  }
  for (const node of view.nodes) {
    const slot = stringAt(node.raw, 'connection');
    if (node.type !== 'action' || slot === undefined) continue;
    const operation = stringAt(node.raw, 'operation');
    const base = pointer('/nodes', node.index);
    uses.push({
      at: base + '/connection',
      slot,
      ...(operation !== undefined ? { operation: { at: base + '/operation', id: operation } } : {}),
    });
  }
  return uses;
}

/** The declared slots and their connector refs, ignoring malformed entries (the schema reports them). */
function slotsOf(doc: Record<string, unknown>): Map<string, string | undefined> {
  const connections = doc['connections'];
  const slots = new Map<string, string | undefined>();
  if (!isRecord(connections)) return slots;
  for (const [name, slot] of Object.entries(connections)) {
    slots.set(name, isRecord(slot) ? stringAt(slot, 'connector') : undefined);
  }
  return slots;
}

function catalogEntry(
  catalog: ConnectorCatalog,
  connector: string,
): { operations: string[]; events: string[] } | undefined {
  if (!Object.hasOwn(catalog, connector)) return undefined;
  const entry: unknown = catalog[connector];
  if (!isRecord(entry)) return undefined;
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
  return { operations: list(entry['operations']), events: list(entry['events']) };
}

function checkCatalog(
  uses: ConnectionUse[],
  slots: Map<string, string | undefined>,
  catalog: ConnectorCatalog,
): Problem[] {
  const problems: Problem[] = [];
  for (const [name, connector] of slots) {
    if (connector === undefined || catalogEntry(catalog, connector)) continue;
    const known = Object.keys(catalog).join(', ') || 'none';
    problems.push(
      error(
        pointer('/connections', name, 'connector'),
        'catalog.unknown-connector',
        `connector ${quote(connector)} is not installed (installed: ${known}); fix the name or major version.`,
      ),
    );
  }
  for (const use of uses) {
    const connector = slots.get(use.slot);
    const entry = connector === undefined ? undefined : catalogEntry(catalog, connector);
    if (!entry || connector === undefined) continue;
    if (use.operation && !entry.operations.includes(use.operation.id)) {
      problems.push(
        error(
          use.operation.at,
          'catalog.unknown-operation',
          `connector ${quote(connector)} has no operation ${quote(use.operation.id)}; use one of: ${entry.operations.join(', ') || 'none'}.`,
        ),
      );
    }
    const pattern = use.event?.id;
    if (use.event && pattern && !entry.events.some((e) => eventMatches(pattern, e))) {
      problems.push(
        error(
          use.event.at,
          'catalog.unknown-event',
          `connector ${quote(connector)} sends no webhook event ${quote(use.event.id)}; use one of: ${entry.events.join(', ') || 'none'}.`,
        ),
      );
    }
  }
  return problems;
}

/** Connection slots: every use declared, every declaration used, and (with a catalog) installed. */
export function checkConnections(
  doc: unknown,
  view: FlowView,
  catalog?: ConnectorCatalog,
): Problem[] {
  if (!isRecord(doc)) return [];
  const slots = slotsOf(doc);
  const uses = usesOf(doc, view);
  const problems: Problem[] = [];
  const declared = [...slots.keys()].join(', ') || 'none declared';
  for (const use of uses) {
    if (slots.has(use.slot)) continue;
    problems.push(
      error(
        use.at,
        'graph.undeclared-connection',
        `connection ${quote(use.slot)} is not declared in \`connections\` (${declared}); declare it or use a declared one.`,
      ),
    );
  }
  const used = new Set(uses.map((u) => u.slot));
  for (const name of slots.keys()) {
    if (!used.has(name))
      problems.push(
        warning(
          pointer('/connections', name),
          'graph.unused-connection',
          `connection ${quote(name)} is declared but nothing uses it; remove it.`,
        ),
      );
  }
  return catalog && isRecord(catalog)
    ? [...problems, ...checkCatalog(uses, slots, catalog)]
    : problems;
}
