import pg from 'pg';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity.js';
import { AuditEntryEntity } from './entities/audit-entry.entity.js';
import { ConnectionEntity } from './entities/connection.entity.js';
import { FlowVersionEntity } from './entities/flow-version.entity.js';
import { FlowEntity } from './entities/flow.entity.js';
import { InitialSchema1732400000000 } from './migrations/1732400000000-initial-schema.js';
import { AlertDelivery1732500000000 } from './migrations/1732500000000-alert-delivery.js';
import { Templates1732600000000 } from './migrations/1732600000000-templates.js';
import { GlobalConcurrencyKeys1732700000000 } from './migrations/1732700000000-global-concurrency-keys.js';
import { LighterStepRecords1732800000000 } from './migrations/1732800000000-lighter-step-records.js';

/** Every entity the runtime maps. */
export const ENTITIES = [
  FlowEntity,
  FlowVersionEntity,
  ConnectionEntity,
  ApiKeyEntity,
  AuditEntryEntity,
];

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1732400000000,
  AlertDelivery1732500000000,
  Templates1732600000000,
  GlobalConcurrencyKeys1732700000000,
  LighterStepRecords1732800000000,
];

// bigint columns (bigserial ids, counts) come back as strings: exact, never a lossy float.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

/** Creates the TypeORM data source (never `synchronize`: the schema comes from migrations). */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize },
  });
}

const MIGRATION_LOCK = 74_210_001;

/** Applies pending migrations under an advisory lock, so instances starting together take turns. */
export async function migrate(url: string): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ds = createDataSource(url, 1);
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'all' });
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
