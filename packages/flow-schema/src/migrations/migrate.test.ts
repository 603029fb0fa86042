import { describe, expect, it } from 'vitest';
import { type Migration, FlowLoadError, migrateFlow } from './migrate.js';

/** A pretend history: v2 renamed `title` to `name`, v3 gave edges an explicit port. */
const registry: Migration[] = [
  {
    to: 2,
    description: 'rename title to name',
    migrate: ({ title, ...rest }) => ({ ...rest, name: title }),
  },
  {
    to: 3,
    description: 'explicit edge ports',
    migrate: (doc) => ({
      ...doc,
      edges: (doc['edges'] as { port?: string }[]).map((e) => ({ port: 'next', ...e })),
    }),
  },
];

describe('migrateFlow', () => {
  it('applies each migration in order and stamps the version', () => {
    const original = { schemaVersion: 1, title: 'Orders', edges: [{ from: 'trigger', to: 'a' }] };
    const { doc, applied } = migrateFlow(original, { migrations: registry, current: 3 });
    expect(applied).toEqual([2, 3]);
    expect(doc).toEqual({
      schemaVersion: 3,
      name: 'Orders',
      edges: [{ port: 'next', from: 'trigger', to: 'a' }],
    });
    expect(original.title).toBe('Orders');
  });

  it('leaves current documents and documents without a version alone', () => {
    expect(migrateFlow({ schemaVersion: 3 }, { migrations: registry, current: 3 }).applied).toEqual(
      [],
    );
    expect(migrateFlow('nonsense').doc).toBe('nonsense');
    expect(migrateFlow({ schemaVersion: 1 }).applied).toEqual([]);
  });

  it('refuses documents newer than this Braid', () => {
    expect(() => migrateFlow({ schemaVersion: 7 })).toThrow(
      new FlowLoadError(
        'migration.too-new',
        'flow schemaVersion 7 is newer than this Braid supports (1); upgrade Braid',
      ),
    );
  });

  it('refuses a gap in the registry', () => {
    expect(() =>
      migrateFlow({ schemaVersion: 1 }, { migrations: registry.slice(1), current: 3 }),
    ).toThrow(/no migration from flow schemaVersion 1 to 2/);
  });
});
