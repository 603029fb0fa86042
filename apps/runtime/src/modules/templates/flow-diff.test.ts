import { describe, expect, it } from 'vitest';
import { diffFlows } from './flow-diff.js';

const base = {
  id: 'f',
  name: 'Flow',
  trigger: { type: 'api' },
  nodes: [
    { id: 'a', type: 'map', output: { fields: { x: '1' } } },
    { id: 'b', type: 'map', output: { fields: { y: '2' } } },
  ],
  edges: [
    { from: 'trigger', to: 'a' },
    { from: 'a', to: 'b' },
  ],
  layout: { a: { x: 0, y: 0 } },
};

describe('diffFlows', () => {
  it('sees no change when only node order or layout differ', () => {
    const moved = { ...base, nodes: [...base.nodes].reverse(), layout: { a: { x: 9, y: 9 } } };
    expect(diffFlows(base, moved)).toEqual([]);
  });

  it('names changed fields by node id, and added or removed nodes and edges', () => {
    const next = {
      ...base,
      name: 'Flow 2',
      nodes: [
        { id: 'a', type: 'map', output: { fields: { x: '10' } } },
        { id: 'c', type: 'stop' },
      ],
      edges: [
        { from: 'trigger', to: 'a' },
        { from: 'a', port: 'next', to: 'c' },
      ],
    };
    expect(diffFlows(base, next)).toEqual([
      { op: 'replace', path: '/name', before: 'Flow', after: 'Flow 2' },
      { op: 'replace', path: '/nodes/a/output/fields/x', before: '1', after: '10' },
      { op: 'remove', path: '/nodes/b', before: base.nodes[1] },
      { op: 'add', path: '/nodes/c', after: { id: 'c', type: 'stop' } },
      { op: 'remove', path: '/edges/a:next->b' },
      { op: 'add', path: '/edges/a:next->c' },
    ]);
  });
});
