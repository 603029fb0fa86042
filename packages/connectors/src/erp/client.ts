import { createHash } from 'node:crypto';
import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../kit/types.js';
import { classifyQboResponse, STALE_OBJECT_CODE } from './faults.js';
import { parseExact, stringifyExact } from './json-exact.js';

/** The entities this connector reads and writes. */
export const QBO_ENTITIES = [
  'Customer',
  'Invoice',
  'Payment',
  'CreditMemo',
  'RefundReceipt',
  'JournalEntry',
] as const;

/** A QBO entity name. */
export type QboEntityName = (typeof QBO_ENTITIES)[number];

/** A QBO entity as parsed by the connector: numbers are kept as their exact JSON text. */
export type QboObject = Record<string, unknown>;

/** Non-secret connection settings. */
export interface QboConnectionConfig {
  baseUrl?: string;
  realmId: string;
  minorVersion?: number;
}

/** Default API host. */
export const QBO_DEFAULT_BASE_URL = 'https://quickbooks.api.intuit.com';
/** Default `minorversion`. */
export const QBO_DEFAULT_MINOR_VERSION = 75;

const MAX_REQUEST_ID = 50;
const SAFE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * The `requestid` of one write of a step: the step's idempotency key (43 base64url characters),
 * with `-<suffix>` when a step writes more than once. Always ≤ 50 characters and deterministic.
 */
export function requestIdFor(idempotencyKey: string, suffix?: string): string {
  if (suffix !== undefined && !/^[a-z0-9]{1,6}$/.test(suffix)) {
    throw new RangeError(`requestid suffix "${suffix}" must be 1-6 lower-case letters or digits`);
  }
  const tail = suffix ? `-${suffix}` : '';
  const base =
    SAFE_KEY.test(idempotencyKey) && idempotencyKey.length + tail.length <= MAX_REQUEST_ID
      ? idempotencyKey
      : createHash('sha256').update(idempotencyKey).digest('base64url');
  return `${base}${tail}`;
}

/** Escapes a value for a single-quoted QBO query literal. */
export function quoteQueryValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fatal(code: string, message: string): StepFailure {
  return new StepFailure({ kind: 'fatal', code, message });
}

/** Reads a string field of a parsed entity (numbers are strings too after exact parsing). */
export function field(obj: QboObject, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/** A QBO API client bound to one step: the connection's realm and token, the step's key. */
export class QboClient {
  private readonly companyUrl: string;
  private readonly minorVersion: number;
  private readonly token: string;

  constructor(private readonly ctx: ConnectorContext) {
    const config = ctx.connection.config as Partial<QboConnectionConfig>;
    if (typeof config.realmId !== 'string' || config.realmId === '') {
      throw fatal('QBO_CONFIG', 'qbo: the connection has no realmId');
    }
    const token = ctx.connection.secrets.accessToken;
    if (!token) throw fatal('QBO_CONFIG', 'qbo: the connection has no accessToken');
    this.token = token;
    const baseUrl = (config.baseUrl ?? QBO_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.companyUrl = `${baseUrl}/v3/company/${encodeURIComponent(config.realmId)}`;
    this.minorVersion = config.minorVersion ?? QBO_DEFAULT_MINOR_VERSION;
  }

  /** The `requestid` of this step's write number `suffix` (none for the first). */
  requestId(suffix?: string): string {
    return requestIdFor(this.ctx.idempotencyKey, suffix);
  }

  /** Reads one entity by id. */
  async read(entity: QboEntityName, id: string): Promise<QboObject> {
    const body = await this.send('GET', `${entity.toLowerCase()}/${encodeURIComponent(id)}`, {});
    return this.unwrap(body, entity);
  }

  /** Runs `select * from <entity> where <field> = '<value>'` and returns the matches. */
  async queryBy(entity: QboEntityName, fieldName: string, value: string): Promise<QboObject[]> {
    const query = `select * from ${entity} where ${fieldName} = ${quoteQueryValue(value)}`;
    const body = await this.send('GET', 'query', { query });
    const wrapper = body.QueryResponse;
    const list = wrapper && typeof wrapper === 'object' ? (wrapper as QboObject)[entity] : [];
    return Array.isArray(list) ? (list as QboObject[]) : [];
  }

  /** Creates (or, with `Id` + `SyncToken`, updates) an entity; `requestid` makes it idempotent. */
  async write(
    entity: QboEntityName,
    payload: QboObject,
    requestId: string,
    operation?: 'void',
  ): Promise<QboObject> {
    const params: Record<string, string> = { requestid: requestId };
    if (operation) params.operation = operation;
    const body = await this.send('POST', entity.toLowerCase(), params, stringifyExact(payload));
    return this.unwrap(body, entity);
  }

  /**
   * A sparse update with the SyncToken given (or read fresh). On a stale-object fault it re-reads
   * the entity and retries once with the fresh token under a derived requestid.
   */
  async update(
    entity: QboEntityName,
    id: string,
    patch: QboObject,
    options: { syncToken?: string; suffix?: string; operation?: 'void' } = {},
  ): Promise<QboObject> {
    const token = options.syncToken ?? (await this.syncTokenOf(entity, id));
    const body = (syncToken: string): QboObject => ({
      ...patch,
      Id: id,
      SyncToken: syncToken,
      sparse: true,
    });
    try {
      return await this.write(
        entity,
        body(token),
        this.requestId(options.suffix),
        options.operation,
      );
    } catch (err) {
      if (!(err instanceof StepFailure) || err.code !== STALE_OBJECT_CODE) throw err;
      this.ctx.logger.warn(
        { connectorId: 'qbo', nodeId: this.ctx.nodeId, attempt: this.ctx.attempt },
        `stale SyncToken on ${entity} ${id}; re-reading once`,
      );
    }
    const fresh = await this.syncTokenOf(entity, id);
    const retrySuffix = `${options.suffix ?? ''}s`;
    try {
      return await this.write(entity, body(fresh), this.requestId(retrySuffix), options.operation);
    } catch (err) {
      if (!(err instanceof StepFailure) || err.code !== STALE_OBJECT_CODE) throw err;
      // Someone keeps writing the entity; a later attempt re-reads it again.
      throw new StepFailure(
        { kind: 'retryable', code: err.code, message: err.message, details: err.details },
        { cause: err },
      );
    }
  }

  private async syncTokenOf(entity: QboEntityName, id: string): Promise<string> {
    const current = await this.read(entity, id);
    const token = field(current, 'SyncToken');
    if (token === undefined) {
      throw fatal('QBO_BAD_RESPONSE', `qbo: ${entity} ${id} has no SyncToken`);
    }
    return token;
  }

  private unwrap(body: QboObject, entity: QboEntityName): QboObject {
    const inner = body[entity];
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) {
      throw new StepFailure({
        kind: 'retryable',
        code: 'QBO_BAD_RESPONSE',
        message: `qbo: the response has no ${entity} object`,
      });
    }
    return inner as QboObject;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
    body?: string,
  ): Promise<QboObject> {
    const query = [`minorversion=${this.minorVersion}`]
      .concat(Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`))
      .join('&');
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.ctx.http.request({
      method,
      url: `${this.companyUrl}/${path}?${query}`,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: this.ctx.signal,
    });
    let parsed: unknown;
    try {
      parsed = res.body === '' ? undefined : parseExact(res.body);
    } catch {
      parsed = undefined;
    }
    classifyQboResponse(res, parsed, this.ctx.clock.now(), `qbo ${method} /${path.split('/')[0]}`);
    return parsed as QboObject;
  }
}
