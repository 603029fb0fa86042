import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '../db/database.js';
import { migrate } from '../db/data-source.js';

/** A fresh, migrated database for one test file, dropped afterwards. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates an isolated database on BRAID_TEST_DATABASE_URL's server (CI points it at the
 * machine's PostgreSQL), or else on an embedded PostgreSQL started for this test file.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `braid_test_${randomBytes(6).toString('hex')}`;
  const base = process.env.BRAID_TEST_DATABASE_URL;
  if (base) {
    await ensureDatabase(base, name);
    const url = new URL(base);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    return {
      url: url.toString(),
      async drop() {
        const admin = new pg.Client({ connectionString: base });
        await admin.connect();
        try {
          await admin.query(`drop database if exists "${name}" with (force)`);
        } finally {
          await admin.end();
        }
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'braid-pg-'));
  // As root, the server runs as an unprivileged user that must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const handle = await startEmbeddedPostgres(dir, port, pino({ level: 'silent' }));
  await migrate(handle.url);
  return {
    url: handle.url,
    async drop() {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
