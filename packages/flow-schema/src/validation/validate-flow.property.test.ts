import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LooseJson, brief, fixture, validFixtures } from './test-support/fixtures.js';
import { validateFlow } from './validate-flow.js';

const POINTER = /^(\/([^~/]|~[01])*)*$/;
const JUNK = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.string(),
  fc.constantFrom(
    'steps.',
    '$$.steps.charge',
    'item',
    '(((',
    'trigger',
    '',
    'x'.repeat(30000),
    'a/b~c',
  ),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);

type Json = Record<string, unknown> | unknown[];

/** Every container (object or array) in a document, so a mutation can land anywhere. */
function containers(value: unknown, found: Json[] = []): Json[] {
  if (typeof value !== 'object' || value === null) return found;
  found.push(value as Json);
  for (const child of Object.values(value)) containers(child, found);
  return found;
}

const mutation = fc.tuple(
  fc.nat(),
  fc.nat(),
  fc.constantFrom('delete', 'replace', 'duplicate', 'edge'),
  JUNK,
  fc.string({ maxLength: 12 }),
);

function mutate(
  doc: Record<string, LooseJson>,
  [where, which, kind, junk, name]: [number, number, string, unknown, string],
): void {
  const all = containers(doc);
  const target = all[where % all.length]! as Record<string, unknown>;
  const keys = Object.keys(target);
  const key = keys.length > 0 ? keys[which % keys.length]! : name;
  if (kind === 'delete') delete target[key];
  else if (kind === 'replace') target[key] = junk;
  else if (kind === 'duplicate') target[name || 'copy'] = structuredClone(target[key]);
  else if (Array.isArray(doc.edges)) doc.edges.push({ from: name, to: key, port: junk });
}

describe('validateFlow on arbitrary damage', () => {
  it('accepts every valid fixture without problems', () => {
    for (const name of validFixtures())
      expect(brief(validateFlow(fixture(`valid/${name}`))), name).toEqual([]);
  });

  it('never throws and always returns well-formed problems', () => {
    const names = validFixtures();
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (pick, mutations) => {
          const doc = fixture(`valid/${names[pick % names.length]!}`);
          for (const m of mutations) mutate(doc, m);
          const problems = validateFlow(doc);
          for (const p of problems) {
            expect(p.path).toMatch(POINTER);
            expect(p.code).toMatch(/^[a-z]+\.[a-z-]+$/);
            expect(['error', 'warning']).toContain(p.severity);
            expect(p.message.length).toBeGreaterThan(0);
            expect(p.message.length).toBeLessThan(600);
          }
          expect(problems.some((p) => p.code === 'validator.internal')).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives values no JSON document contains', () => {
    const cyclic: Record<string, unknown> = { schemaVersion: 1, nodes: [], edges: [] };
    cyclic['trigger'] = cyclic;
    (cyclic['nodes'] as unknown[]).push(cyclic);
    for (const value of [
      undefined,
      null,
      0,
      'x'.repeat(100000),
      [],
      [[]],
      cyclic,
      { nodes: new Array(100000).fill({}) },
    ]) {
      expect(() => validateFlow(value)).not.toThrow();
    }
  });
});
