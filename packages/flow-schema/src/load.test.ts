import { describe, expect, it } from 'vitest';
import { loadFlow } from './load.js';
import { fixture } from './validation/test-support/fixtures.js';

describe('loadFlow', () => {
  it('parses, migrates and validates a valid document', () => {
    const text = JSON.stringify(fixture('valid/order-payment-sync.json'));
    const result = loadFlow(text);
    expect(result.problems).toEqual([]);
    expect(result.doc?.id).toBe('order-payment-sync');
  });

  it('reports JSON syntax errors with line and column', () => {
    const result = loadFlow('{\n  "id": "x",\n  "nodes": [ { "id": "a", } ]\n}');
    expect(result.doc).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'json.syntax', line: 3, column: 27, path: '' }),
    ]);
  });

  it('turns a too-new schemaVersion into a problem', () => {
    const result = loadFlow({ ...fixture('valid/order-payment-sync.json'), schemaVersion: 7 });
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: '/schemaVersion',
        code: 'migration.too-new',
        message: expect.stringContaining('upgrade Braid'),
      }),
    ]);
  });

  it('applies injected migrations before validating', () => {
    const old = { ...fixture('valid/order-payment-sync.json'), schemaVersion: 0, title: 'x' };
    const migrations = [
      {
        to: 1,
        description: 'drop title',
        migrate: ({ title: _t, ...rest }: Record<string, unknown>) => rest,
      },
    ];
    const result = loadFlow(old, { migrations, current: 1 });
    expect(result.applied).toEqual([]); // version 0 is below the schema minimum: left for validation
    expect(result.problems.map((p) => p.code)).toContain('schema.minimum');
  });

  it('keeps the raw document but no typed one when there are errors', () => {
    const doc = fixture('valid/order-payment-sync.json');
    doc.edges = [];
    const result = loadFlow(doc);
    expect(result.doc).toBeUndefined();
    expect(result.raw).toEqual(doc);
  });
});
