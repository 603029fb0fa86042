import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../../core/tokens.js';
import { sameDigest, sha256 } from '../../core/crypto.js';

/** What a key may do. `admin` implies everything. */
export type Scope = 'trigger' | 'read' | 'admin';

interface CachedKey {
  id: string;
  hash: string;
  scopes: Scope[];
  expires: number;
}

const KEY_PATTERN = /^brd_([0-9a-f]{8})_([A-Za-z0-9_-]{32,64})$/;
const CACHE_MS = 30_000;

/** Issues and verifies runtime API keys; keys are stored only as SHA-256 hashes. */
@Injectable()
export class ApiKeysService {
  private readonly cache = new Map<string, CachedKey>();

  constructor(@Inject(PG_POOL) private readonly db: pg.Pool) {}

  /** Creates a key and returns its plain text: the only time it is ever visible. */
  async create(
    name: string,
    scopes: Scope[],
  ): Promise<{ id: string; key: string; prefix: string }> {
    const prefix = randomBytes(4).toString('hex');
    const key = `brd_${prefix}_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await this.db.query(
      'insert into api_keys (id, name, prefix, hash, scopes) values ($1, $2, $3, $4, $5)',
      [id, name, prefix, sha256(key), scopes],
    );
    return { id, key, prefix };
  }

  /**
   * Creates the first admin key when there is none (under an advisory lock so that instances
   * starting together create one). Returns it in plain text, or undefined when keys exist.
   */
  async bootstrap(): Promise<string | undefined> {
    const client = await this.db.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(74210002)');
      const existing = await client.query('select 1 from api_keys limit 1');
      if ((existing.rowCount ?? 0) > 0) {
        await client.query('commit');
        return undefined;
      }
      const prefix = randomBytes(4).toString('hex');
      const key = `brd_${prefix}_${randomBytes(32).toString('base64url')}`;
      await client.query(
        'insert into api_keys (id, name, prefix, hash, scopes) values ($1, $2, $3, $4, $5)',
        [randomUUID(), 'first admin key', prefix, sha256(key), ['admin']],
      );
      await client.query('commit');
      return key;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Returns the key's id and scopes, or undefined for an unknown, malformed or revoked key. */
  async verify(key: string): Promise<{ id: string; scopes: Scope[] } | undefined> {
    const m = KEY_PATTERN.exec(key);
    if (!m) return undefined;
    const prefix = m[1] as string;
    let entry = this.cache.get(prefix);
    if (!entry || entry.expires < Date.now()) {
      const res = await this.db.query<{ id: string; hash: string; scopes: Scope[] }>(
        'select id, hash, scopes from api_keys where prefix = $1 and revoked_at is null',
        [prefix],
      );
      const row = res.rows[0];
      if (!row) {
        this.cache.delete(prefix);
        return undefined;
      }
      entry = { ...row, expires: Date.now() + CACHE_MS };
      this.cache.set(prefix, entry);
    }
    return sameDigest(entry.hash, sha256(key)) ? { id: entry.id, scopes: entry.scopes } : undefined;
  }
}
