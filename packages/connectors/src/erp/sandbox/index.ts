import type { Clock } from '@braid/engine';
import type { SandboxDefinition, SandboxRequest, SandboxResponse } from '../../sandbox/server.js';
import type { QboEntityName } from '../client.js';
import { parseExact } from '../json-exact.js';
import { createCustomer, updateCustomer } from './customers.js';
import { createJournalEntry } from './journal.js';
import { createPayment } from './payments.js';
import { faultForStatus, faults, QboFault, type QboFaultType } from './qbo-faults.js';
import { runQuery } from './query.js';
import { createSalesForm, updateInvoice } from './sales.js';
import { ENTITY_BY_PATH, obj, RealmStore, type Rec, str } from './store.js';
import { RealmThrottle } from './throttle.js';

export { QboFault, faults as qboFaults, type QboFaultType } from './qbo-faults.js';
export type { Rec as QboRecord } from './store.js';

/** The access token the sandbox accepts unless told otherwise. */
export const QBO_SANDBOX_TOKEN = 'qbo-sandbox-token';

/** Answer the next matching request(s) with a Fault body and HTTP 200, without handling it. */
export interface Fault200Rule {
  /** Path entity (`invoice`, `customer`, `query`, ...); any when omitted. */
  entity?: string;
  type: QboFaultType;
  code: string;
  message?: string;
  detail?: string;
  element?: string;
  /** How many requests it applies to (default 1). */
  times?: number;
}

/** Options of the QBO sandbox. */
export interface QboSandboxOptions {
  /** Time source of timestamps and rate limits (default: real time). */
  clock?: Clock;
  accessToken?: string;
  /** Per-company limits (default 10/s and 500/min). */
  limits?: { perSecond?: number; perMinute?: number };
  /** Send `Retry-After` with 429s (QuickBooks doesn't document one; default none). */
  retryAfterSeconds?: number;
  /** Also replay Fault answers for a repeated requestid (unconfirmed upstream; default false). */
  replayFaults?: boolean;
  fault200?: Fault200Rule[];
}

/** The sandbox definition plus QBO-specific controls. */
export interface QboSandbox extends SandboxDefinition {
  seed(data: unknown): void;
  state(): Record<string, Record<QboEntityName, Rec[]>>;
  faultResponse(status: number): SandboxResponse;
  /** Arms a Fault-with-HTTP-200 rule (also `POST /__qbo/fault200`). */
  addFault200(rule: Fault200Rule): void;
}

type Write = (store: RealmStore, body: Rec, now: string, operation: string | null) => Rec;

const CREATE: Record<QboEntityName, Write> = {
  Customer: (s, b, n) => createCustomer(s, b, n),
  Invoice: (s, b, n) => createSalesForm('Invoice', s, b, n),
  CreditMemo: (s, b, n) => createSalesForm('CreditMemo', s, b, n),
  RefundReceipt: (s, b, n) => createSalesForm('RefundReceipt', s, b, n),
  Payment: (s, b, n) => createPayment(s, b, n),
  JournalEntry: (s, b, n) => createJournalEntry(s, b, n),
};

const UPDATE: Partial<Record<QboEntityName, Write>> = {
  Customer: (s, b, n) => updateCustomer(s, b, n),
  Invoice: updateInvoice,
};

const MAX_REQUEST_ID = 50;

/** A stateful QuickBooks Online fake: entities, queries, requestid replay, SyncTokens, limits. */
export function createQboSandbox(options: QboSandboxOptions = {}): QboSandbox {
  const clock = options.clock ?? { now: () => Date.now() };
  const token = options.accessToken ?? QBO_SANDBOX_TOKEN;
  const realms = new Map<string, RealmStore>();
  const throttle = new RealmThrottle(
    clock,
    options.limits?.perSecond ?? 10,
    options.limits?.perMinute ?? 500,
  );
  let rules: Fault200Rule[] = (options.fault200 ?? []).map((r) => ({ ...r }));
  const nowIso = (): string => new Date(clock.now()).toISOString();

  function realm(id: string): RealmStore {
    let store = realms.get(id);
    if (!store) {
      store = new RealmStore();
      realms.set(id, store);
    }
    return store;
  }

  function takeFault200(entity: string): QboFault | undefined {
    const rule = rules.find((r) => !r.entity || r.entity.toLowerCase() === entity);
    if (!rule) return undefined;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) rules = rules.filter((r) => r !== rule);
    const message = rule.message ?? 'A fault was injected by the sandbox';
    return new QboFault(rule.type, rule.code, message, rule.detail, rule.element, 200);
  }

  function guarded(
    req: SandboxRequest,
    action: (store: RealmStore, now: string) => SandboxResponse,
  ): SandboxResponse {
    const now = nowIso();
    const auth = /^Bearer\s+(.+)$/i.exec(str(req.headers.authorization) ?? '');
    if (auth?.[1] !== token) return faults.authentication().response(now);
    const realmId = req.params.realmId ?? '';
    if (!throttle.admit(realmId)) {
      const res = faults.throttled().response(now);
      if (options.retryAfterSeconds === undefined) return res;
      return { ...res, headers: { 'retry-after': String(options.retryAfterSeconds) } };
    }
    const injected = takeFault200((req.params.entity ?? 'query').toLowerCase());
    if (injected) return injected.response(now);
    try {
      return action(realm(realmId), now);
    } catch (err) {
      if (err instanceof QboFault) return err.response(now);
      throw err;
    }
  }

  function entityOf(req: SandboxRequest): QboEntityName {
    const entity = ENTITY_BY_PATH[(req.params.entity ?? '').toLowerCase()];
    if (!entity) throw faults.invalid('', `the sandbox does not model /${req.params.entity}`);
    return entity;
  }

  function write(req: SandboxRequest, store: RealmStore, now: string): SandboxResponse {
    const requestId = req.query.get('requestid');
    if (requestId !== null && requestId.length > MAX_REQUEST_ID) {
      throw faults.length('requestid', MAX_REQUEST_ID, requestId.length);
    }
    const cached = requestId !== null ? store.replay.get(requestId) : undefined;
    if (cached) return structuredClone(cached);
    let response: SandboxResponse;
    try {
      const entity = entityOf(req);
      let body: Rec | undefined;
      try {
        body = obj(parseExact(req.rawBody.toString('utf8')));
      } catch {
        body = undefined;
      }
      if (!body) throw faults.invalid('', 'the request body is not a JSON object');
      const handler = body.Id === undefined ? CREATE[entity] : UPDATE[entity];
      if (!handler) throw faults.invalid('Id', `the sandbox does not model ${entity} updates`);
      const rec = handler(store, body, now, req.query.get('operation'));
      response = { status: 200, body: structuredClone({ [entity]: rec, time: now }) };
    } catch (err) {
      if (!(err instanceof QboFault) || !options.replayFaults || requestId === null) throw err;
      response = err.response(now);
    }
    if (requestId !== null) store.replay.set(requestId, structuredClone(response));
    return response;
  }

  return {
    name: 'qbo',
    routes: [
      {
        method: 'GET',
        pattern: '/v3/company/:realmId/query',
        handler: (req) =>
          guarded(req, (store, now) => ({
            status: 200,
            body: { ...runQuery(store, req.query.get('query') ?? ''), time: now },
          })),
      },
      {
        method: 'POST',
        pattern: '/v3/company/:realmId/query',
        handler: (req) =>
          guarded(req, (store, now) => ({
            status: 200,
            body: { ...runQuery(store, req.rawBody.toString('utf8')), time: now },
          })),
      },
      {
        method: 'POST',
        pattern: '/v3/company/:realmId/:entity',
        handler: (req) => guarded(req, (store, now) => write(req, store, now)),
      },
      {
        method: 'GET',
        pattern: '/v3/company/:realmId/:entity/:id',
        handler: (req) =>
          guarded(req, (store, now) => {
            const entity = entityOf(req);
            return {
              status: 200,
              body: { [entity]: store.get(entity, req.params.id ?? ''), time: now },
            };
          }),
      },
      {
        method: 'POST',
        pattern: '/__qbo/fault200',
        handler: (req) => {
          const rule = JSON.parse(req.rawBody.toString('utf8')) as Fault200Rule;
          rules.push({ ...rule });
          return { status: 200, body: { rules } };
        },
      },
      {
        method: 'DELETE',
        pattern: '/__qbo/fault200',
        handler: () => {
          rules = [];
          return { status: 204 };
        },
      },
    ],
    reset() {
      realms.clear();
      throttle.reset();
      rules = (options.fault200 ?? []).map((r) => ({ ...r }));
    },
    seed(data) {
      for (const [realmId, entities] of Object.entries(obj(data) ?? {})) {
        realm(realmId).load(obj(entities) ?? {});
      }
    },
    state: () => Object.fromEntries([...realms].map(([id, store]) => [id, store.dump()])),
    faultResponse: (status) => faultForStatus(status, nowIso()),
    addFault200(rule) {
      rules.push({ ...rule });
    },
  };
}
