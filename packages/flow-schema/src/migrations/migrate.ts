import { CURRENT_SCHEMA_VERSION } from '../types.js';

/** One pure, numbered step from schemaVersion `to - 1` to `to`. */
export interface Migration {
  /** The version this migration produces; it reads documents of version `to - 1`. */
  to: number;
  /** What changed, for changelogs and error messages. */
  description: string;
  /** Returns the migrated document; must not mutate its argument. */
  migrate: (doc: Record<string, unknown>) => Record<string, unknown>;
}

/** Why a document could not be loaded or migrated (too new, no migration path). */
export class FlowLoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FlowLoadError';
  }
}

/** Options of `migrateFlow`; tests inject their own registry and current version. */
export interface MigrateOptions {
  migrations?: readonly Migration[];
  current?: number;
}

/** The result of a migration: the document and the versions it was migrated to, in order. */
export interface MigrateResult {
  doc: unknown;
  applied: number[];
}

function versionOf(doc: unknown): number | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const version = (doc as Record<string, unknown>)['schemaVersion'];
  return Number.isInteger(version) ? (version as number) : undefined;
}

/**
 * Brings a document up to the current schemaVersion by applying each numbered migration in
 * turn. Documents without a usable schemaVersion are returned as they are, for validation to
 * report. Throws FlowLoadError for a document newer than this Braid or a gap in the registry.
 */
export function migrateFlow(doc: unknown, options: MigrateOptions = {}): MigrateResult {
  const current = options.current ?? CURRENT_SCHEMA_VERSION;
  const migrations = options.migrations ?? MIGRATIONS;
  const version = versionOf(doc);
  if (version === undefined || version < 1 || version === current) return { doc, applied: [] };
  if (version > current) {
    throw new FlowLoadError(
      'migration.too-new',
      `flow schemaVersion ${version} is newer than this Braid supports (${current}); upgrade Braid`,
    );
  }
  // Migrations are pure, but a clone guarantees the caller's object survives a careless one.
  let result = structuredClone(doc) as Record<string, unknown>;
  const applied: number[] = [];
  for (let to = version + 1; to <= current; to++) {
    const step = migrations.find((m) => m.to === to);
    if (!step) {
      throw new FlowLoadError(
        'migration.missing',
        `no migration from flow schemaVersion ${to - 1} to ${to}; this Braid build is incomplete`,
      );
    }
    result = { ...step.migrate(result), schemaVersion: to };
    applied.push(to);
  }
  return { doc: result, applied };
}

/**
 * The registry, oldest first. Version 1 is the first published format, so there is nothing to
 * migrate yet; a format change adds `migrations/000N-<what>.ts` exporting a Migration and lists it here.
 */
export const MIGRATIONS: readonly Migration[] = [];
