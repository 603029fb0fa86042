import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ConnectorRegistry } from '@braid/connectors';
import type { ResolvedConnection } from '@braid/engine';
import { CONFIG, CONNECTORS, DATA_SOURCE } from '../../core/tokens.js';
import { ApiProblem } from '../../core/problem.js';
import { decryptSecrets, encryptSecrets } from '../../core/crypto.js';
import type { RuntimeConfig } from '../../config/config.js';
import { ConnectionEntity } from '../../db/entities/connection.entity.js';
import { audit } from '../flows/flows.service.js';

/** A connection as the API shows it: secrets are write-only, only their names are listed. */
export interface ConnectionView {
  id: string;
  connector: string;
  name: string;
  config: Record<string, unknown>;
  secretsSet: string[];
  updatedAt: string;
}

/** Input to create or update a connection. */
export interface ConnectionInput {
  id?: string;
  connector: string;
  name: string;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

const CACHE_MS = 5000;

/** Stored connections with AES-256-GCM encrypted secrets, resolved for connectors at run time. */
@Injectable()
export class ConnectionsService {
  private readonly cache = new Map<string, { conn: ResolvedConnection; expires: number }>();

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CONFIG) private readonly config: RuntimeConfig,
    @Inject(CONNECTORS) private readonly connectors: ConnectorRegistry,
  ) {}

  private key(): Buffer {
    if (!this.config.secretKey) throw new Error('no secret key configured');
    return this.config.secretKey;
  }

  /** Creates or replaces a connection; secrets given are merged over the stored ones. */
  async upsert(input: ConnectionInput, actor: string): Promise<ConnectionView> {
    if (!this.connectors.get(input.connector)) {
      throw new ApiProblem(
        422,
        'connection.unknown-connector',
        `no connector "${input.connector}"`,
        [
          {
            path: '/connector',
            code: 'connection.unknown-connector',
            message: 'use a ref from GET /api/v1/connectors',
          },
        ],
      );
    }
    const repo = this.ds.getRepository(ConnectionEntity);
    const id = input.id ?? randomUUID();
    const existing = await repo.findOneBy({ id });
    const secrets = {
      ...(existing?.secrets ? decryptSecrets(this.key(), existing.secrets) : {}),
      ...input.secrets,
    };
    const entity = repo.create({
      id,
      connector: input.connector,
      name: input.name,
      config: input.config ?? {},
      secrets: Object.keys(secrets).length ? encryptSecrets(this.key(), secrets) : null,
    });
    await repo.save(entity);
    this.cache.delete(id);
    await audit(this.ds.manager, actor, existing ? 'connection.update' : 'connection.create', id, {
      connector: input.connector,
      secretsChanged: Object.keys(input.secrets ?? {}),
    });
    return this.view(entity, Object.keys(secrets));
  }

  /** All connections (without secrets). */
  async list(): Promise<ConnectionView[]> {
    const rows = await this.ds.getRepository(ConnectionEntity).find({ order: { name: 'ASC' } });
    return rows.map((r) =>
      this.view(r, r.secrets ? Object.keys(decryptSecrets(this.key(), r.secrets)) : []),
    );
  }

  /** Decrypted connection for a connector call; cached briefly. */
  async resolve(id: string): Promise<ResolvedConnection> {
    const hit = this.cache.get(id);
    if (hit && hit.expires > Date.now()) return hit.conn;
    const row = await this.ds.getRepository(ConnectionEntity).findOneBy({ id });
    if (!row) throw new ApiProblem(404, 'connection.not-found', `no connection "${id}"`);
    const conn: ResolvedConnection = {
      id: row.id,
      connector: row.connector,
      config: row.config,
      secrets: row.secrets ? decryptSecrets(this.key(), row.secrets) : {},
    };
    this.cache.set(id, { conn, expires: Date.now() + CACHE_MS });
    return conn;
  }

  private view(e: ConnectionEntity, secretNames: string[]): ConnectionView {
    return {
      id: e.id,
      connector: e.connector,
      name: e.name,
      config: e.config,
      secretsSet: secretNames.sort(),
      updatedAt: (e.updatedAt ?? new Date()).toISOString(),
    };
  }
}
