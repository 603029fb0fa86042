import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../types.js';
import { forEachBodies, reachableFrom, successors } from './graph.js';
import { outgoingPorts } from './flow-view.js';
import { brief, fixture } from './test-support/fixtures.js';
import { validateFlow } from './validate-flow.js';

const order = () => fixture('valid/order-payment-sync.json');
const graphOnly = (doc: unknown, catalog?: Parameters<typeof validateFlow>[1]) =>
  brief(
    validateFlow(doc, catalog).filter(
      (p) => p.code.startsWith('graph') || p.code.startsWith('catalog'),
    ),
  );

describe('graph layer', () => {
  it('rejects duplicate ids and a node called trigger', () => {
    const doc = order();
    doc.nodes.push({ id: 'charge', type: 'stop' }, { id: 'trigger', type: 'stop' });
    expect(graphOnly(doc)).toEqual(
      expect.arrayContaining([
        'error graph.duplicate-id /nodes/9/id',
        'error graph.duplicate-id /nodes/10/id',
      ]),
    );
  });

  it('reports edges to and from unknown nodes, and into the trigger', () => {
    const doc = order();
    doc.edges.push(
      { from: 'ghost', to: 'done' },
      { from: 'done2', to: 'trigger' },
      { from: 'createInvoice', to: 'nowhere' },
    );
    expect(graphOnly(doc)).toEqual([
      'error graph.unknown-node /edges/9/from',
      'error graph.unknown-node /edges/10/from',
      'error graph.unknown-node /edges/11/to',
    ]);
  });

  it('reports ports the source node does not have, and edges out of fail/stop', () => {
    const doc = order();
    doc.edges.push(
      { from: 'approved', to: 'done' },
      { from: 'chargeFailed', to: 'done' },
      { from: 'trigger', port: 'error', to: 'done' },
    );
    expect(graphOnly(doc)).toEqual([
      'error graph.unknown-port /edges/9/port',
      'error graph.terminal-edge /edges/10',
      'error graph.unknown-port /edges/11/port',
    ]);
  });

  it('warns about a branch case without an edge and a forEach without a body', () => {
    const doc = order();
    doc.nodes[1].cases.push({ label: 'review', when: 'steps.charge.risk > 50' });
    doc.edges = doc.edges.filter((e: { port?: string }) => e.port !== 'body');
    expect(graphOnly(doc)).toEqual([
      'warning graph.dangling-port /nodes/1/cases/1/label',
      'warning graph.dangling-port /nodes/3',
      'warning graph.unreachable /nodes/4',
    ]);
  });

  it('rejects duplicate case labels and a case called default', () => {
    const doc = order();
    doc.nodes[1].cases.push({ label: 'yes', when: 'true' }, { label: 'default', when: 'true' });
    expect(graphOnly(doc)).toEqual([
      'error graph.duplicate-port /nodes/1/cases/1/label',
      'error graph.duplicate-port /nodes/1/cases/2/label',
    ]);
  });

  it('requires an edge from the trigger', () => {
    const doc = order();
    doc.edges = doc.edges.filter((e: { from: string }) => e.from !== 'trigger');
    expect(graphOnly(doc)).toEqual(['error graph.missing-trigger-edge /edges']);
  });

  it('reports a cycle once, at its first edge', () => {
    const doc = order();
    doc.edges.push({ from: 'createInvoice', port: 'error', to: 'markPaid' });
    expect(graphOnly(doc)).toEqual(['error graph.cycle /edges/5']);
  });

  it('allows an edge from a forEach body back to its forEach, but not a body reachable from outside', () => {
    expect(validateFlow(fixture('valid/nightly-settlement.json'))).toEqual([]);
    const doc = order();
    doc.edges.push({ from: 'invoiceLine', to: 'lines' });
    expect(graphOnly(doc)).toEqual([]);
    doc.edges.push({ from: 'tagDeclined', to: 'invoiceLine' });
    expect(graphOnly(doc)).toEqual(['error graph.body-escape /nodes/4']);
  });

  it('does not call successors of a mistyped node unreachable (the schema already reports it)', () => {
    const doc = order();
    doc.nodes[1].type = 'switch';
    expect(graphOnly(doc)).toEqual([]);
  });

  it('checks connections against the declaration and the catalog', () => {
    const doc = order();
    doc.connections.spare = { connector: 'http@1' };
    doc.nodes[5].connection = 'ledger';
    doc.nodes[0].operation = 'charge';
    doc.trigger.event = 'orders/created';
    const catalog = {
      'shopify@1': { operations: ['markOrderPaid', 'addTags'], events: ['orders/create'] },
      'paytrace@1': { operations: ['saleByCustomer'] },
      'qbo@1': { operations: ['createInvoice'] },
    };
    expect(graphOnly(doc, { catalog })).toEqual([
      'error graph.undeclared-connection /nodes/5/connection',
      'warning graph.unused-connection /connections/erp',
      'warning graph.unused-connection /connections/spare',
      'error catalog.unknown-connector /connections/spare/connector',
      'error catalog.unknown-event /trigger/event',
      'error catalog.unknown-operation /nodes/0/operation',
    ]);
  });
});

describe('graph utilities', () => {
  const doc = order() as FlowDocument;
  it('lists successors, optionally by port', () => {
    expect(successors(doc, 'charge')).toEqual(['approved', 'chargeFailed']);
    expect(successors(doc, 'approved', 'default')).toEqual(['tagDeclined']);
  });
  it('lists the ports of each node type', () => {
    expect(outgoingPorts(doc.nodes[1]!)).toEqual(['yes', 'default']);
    expect(outgoingPorts(doc.nodes[3]!)).toEqual(['body', 'next', 'error']);
    expect(outgoingPorts(doc.nodes[7]!)).toEqual([]);
  });
  it('computes reachability and forEach bodies', () => {
    expect([...reachableFrom(doc, 'markPaid')].sort()).toEqual([
      'createInvoice',
      'done',
      'invoiceLine',
      'lines',
    ]);
    expect(forEachBodies(doc)).toEqual(new Map([['lines', new Set(['invoiceLine'])]]));
  });
});
