import type { SandboxResponse } from '../../sandbox/server.js';
import { QBO_ENTITIES, type QboEntityName } from '../client.js';
import { formatMills, toMills } from '../money.js';
import { faults } from './qbo-faults.js';

/** A stored entity, in QBO's JSON shape (amounts as numbers, Ids as strings). */
export type Rec = Record<string, unknown>;

/** Entity names by the lower-case path segment QBO uses (`creditmemo` → `CreditMemo`). */
export const ENTITY_BY_PATH: Record<string, QboEntityName> = Object.fromEntries(
  QBO_ENTITIES.map((e) => [e.toLowerCase(), e]),
);

/** Reads an object field of a request body. */
export function obj(v: unknown): Rec | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined;
}

/** Reads a string (or exactly parsed number) field of a request body. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return typeof v === 'number' ? String(v) : undefined;
}

/** A required money field in mills (thousandths); faults like QBO on a missing or malformed value. */
export function mills(v: unknown, element: string): bigint {
  const text = str(v);
  if (text === undefined) throw faults.required(element);
  try {
    return toMills(text);
  } catch {
    throw faults.invalid(element, `${element} must be an amount with at most three decimals`);
  }
}

/** Mills of a stored amount field (stored numbers print back to their exact decimal text). */
export function storedMills(rec: Rec, key: string): bigint {
  return toMills(str(rec[key]) ?? '0');
}

/** Mills as the number QBO's JSON carries. */
export function num(c: bigint): number {
  return Number(formatMills(c));
}

/** Faults with 2050 when a string is longer than QBO allows. */
export function maxLength(v: string | undefined, element: string, max: number): void {
  if (v !== undefined && v.length > max) throw faults.length(element, max, v.length);
}

/** Checks an update's SyncToken against the stored one (5010 when stale). */
export function checkSyncToken(stored: Rec, body: Rec): void {
  const given = str(body.SyncToken);
  if (given === undefined) throw faults.required('SyncToken');
  if (given !== stored.SyncToken) throw faults.stale();
}

/** Bumps SyncToken and LastUpdatedTime after a change. */
export function touch(rec: Rec, now: string): void {
  rec.SyncToken = String(Number(rec.SyncToken ?? '0') + 1);
  rec.MetaData = { ...obj(rec.MetaData), LastUpdatedTime: now };
}

/** The entities and replay cache of one company (realm). */
export class RealmStore {
  private readonly tables = new Map<QboEntityName, Map<string, Rec>>(
    QBO_ENTITIES.map((e) => [e, new Map<string, Rec>()]),
  );
  /** Responses by requestid: a repeat gets the original answer. */
  readonly replay = new Map<string, SandboxResponse>();
  private nextCustomerId = 1;
  // Transactions share one id sequence, so a LinkedTxn TxnId is unambiguous.
  private nextTxnId = 100;
  private nextDocNumber = 1001;

  /** All entities of one kind, by Id. */
  table(entity: QboEntityName): Map<string, Rec> {
    return this.tables.get(entity) ?? new Map<string, Rec>();
  }

  /** One entity, or Fault 610. */
  get(entity: QboEntityName, id: string): Rec {
    const rec = this.table(entity).get(id);
    if (!rec) throw faults.notFound(entity, id);
    return rec;
  }

  /** Stores a new entity under a fresh Id and returns it. */
  insert(entity: QboEntityName, rec: Rec, now: string): Rec {
    const id = String(entity === 'Customer' ? this.nextCustomerId++ : this.nextTxnId++);
    const stored: Rec = {
      Id: id,
      SyncToken: '0',
      domain: 'QBO',
      sparse: false,
      ...rec,
      MetaData: { CreateTime: now, LastUpdatedTime: now },
    };
    this.table(entity).set(id, stored);
    return stored;
  }

  /** The next automatic document number of a sales form. */
  nextDoc(): string {
    return String(this.nextDocNumber++);
  }

  /** Loads entities in QBO shape (`{Customer: [...], Invoice: [...]}`), keeping id sequences ahead. */
  load(data: Rec): void {
    for (const entity of QBO_ENTITIES) {
      const list = data[entity];
      if (!Array.isArray(list)) continue;
      for (const raw of list) {
        const rec = obj(raw);
        const id = str(rec?.Id);
        if (!rec || id === undefined) throw new Error(`seed ${entity} entries need an Id`);
        this.table(entity).set(id, {
          SyncToken: '0',
          domain: 'QBO',
          sparse: false,
          ...rec,
          Id: id,
        });
        const n = Number(id);
        if (entity === 'Customer') this.nextCustomerId = Math.max(this.nextCustomerId, n + 1);
        else this.nextTxnId = Math.max(this.nextTxnId, n + 1);
        const doc = Number(str(rec.DocNumber));
        if (Number.isInteger(doc)) this.nextDocNumber = Math.max(this.nextDocNumber, doc + 1);
      }
    }
  }

  /** Every entity, by kind, ordered by Id. */
  dump(): Record<QboEntityName, Rec[]> {
    return Object.fromEntries(
      QBO_ENTITIES.map((e) => [
        e,
        [...this.table(e).values()].sort((a, b) => Number(a.Id) - Number(b.Id)),
      ]),
    ) as Record<QboEntityName, Rec[]>;
  }
}
