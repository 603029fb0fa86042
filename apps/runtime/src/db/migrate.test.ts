import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { migrate } from './data-source.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates the schema once and is a no-op when run again, even concurrently', async () => {
    const again = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect(again).toEqual([[], []]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const tables = await client.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public' order by tablename",
    );
    await client.end();
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        'flows',
        'flow_versions',
        'runs',
        'step_records',
        'inbox',
        'api_keys',
        'alerts',
      ]),
    );
  });
});
