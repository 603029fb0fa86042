import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.js';
import {
  createQboSandbox,
  QBO_SANDBOX_TOKEN,
  type QboSandbox,
  type QboSandboxOptions,
} from './index.js';

const REALM = '4620816365';
let now = 0;
let def: QboSandbox;
let sandbox: RunningSandbox;

async function start(options: QboSandboxOptions = {}): Promise<void> {
  now = Date.UTC(2025, 0, 15, 12);
  def = createQboSandbox({ clock: { now: () => now }, ...options });
  sandbox = await startSandbox(def);
}

beforeEach(async () => start());
afterEach(async () => sandbox.close());

interface Answer {
  status: number;
  text: string;
  // Answers are asserted as loosely typed JSON.
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token: string | null = QBO_SANDBOX_TOKEN,
): Promise<Answer> {
  now += 200; // stay under 10 requests per second unless a test says otherwise
  const res = await fetch(`${sandbox.url}/v3/company/${REALM}/${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : {}, headers: res.headers };
}

const query = (q: string): Promise<Answer> =>
  call('GET', `query?query=${encodeURIComponent(q)}&minorversion=75`);

async function newCustomer(name = "Amy's Bird Sanctuary"): Promise<string> {
  const res = await call('POST', 'customer?minorversion=75', { DisplayName: name });
  expect(res.status).toBe(200);
  return res.body.Customer.Id as string;
}

function invoiceBody(customerId: string, amount = 150): Record<string, unknown> {
  return {
    CustomerRef: { value: customerId },
    DocNumber: 'SH-1001',
    Line: [
      {
        Amount: amount,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 2, UnitPrice: amount / 2 },
      },
    ],
  };
}

describe('qbo sandbox', () => {
  it('requires a bearer token (401 AuthenticationFault)', async () => {
    const res = await call('GET', 'customer/1', undefined, null);
    expect(res.status).toBe(401);
    expect(res.body.Fault).toMatchObject({
      type: 'AuthenticationFault',
      Error: [{ code: '3200' }],
    });
  });

  it('answers in QBO shape: wrapper, string Ids, numeric amounts, SubTotalLine', async () => {
    const id = await newCustomer();
    const res = await call('POST', 'invoice?requestid=r1', invoiceBody(id));
    expect(res.status).toBe(200);
    expect(res.body.time).toBe(new Date(now).toISOString());
    expect(res.body.Invoice).toMatchObject({
      Id: expect.any(String),
      SyncToken: '0',
      TotalAmt: 150,
      Balance: 150,
      CustomerRef: { value: id, name: "Amy's Bird Sanctuary" },
    });
    expect(res.text).toContain('"TotalAmt":150');
    expect(res.body.Invoice.Line.at(-1)).toMatchObject({
      DetailType: 'SubTotalLineDetail',
      Amount: 150,
    });
    expect(def.state()[REALM]?.Customer[0]).toMatchObject({ Balance: 150 });
  });

  it('checks Amount against Qty × UnitPrice exactly (6070)', async () => {
    const id = await newCustomer();
    const body = invoiceBody(id);
    (body.Line as Record<string, unknown>[])[0]!.Amount = 150.01;
    const res = await call('POST', 'invoice', body);
    expect(res.body.Fault.Error[0]).toMatchObject({ code: '6070' });
  });

  it('queries by DisplayName with escaped quotes, and answers an empty QueryResponse', async () => {
    const id = await newCustomer();
    const found = await query(
      "select * from Customer where DisplayName = 'Amy\\'s Bird Sanctuary'",
    );
    expect(found.body.QueryResponse).toMatchObject({
      Customer: [{ Id: id }],
      startPosition: 1,
      maxResults: 1,
    });
    const none = await query("select * from Invoice where DocNumber = 'nope'");
    expect(none.body.QueryResponse).toEqual({});
    const bad = await query('select Id from Invoice');
    expect(bad.status).toBe(400);
    expect(bad.body.Fault.Error[0]).toMatchObject({ code: '4000', Message: 'Error parsing query' });
  });

  it('refuses duplicate names (6240) and unknown ids (610)', async () => {
    const id = await newCustomer();
    const dup = await call('POST', 'customer', { DisplayName: "AMY'S BIRD SANCTUARY" });
    expect(dup.status).toBe(400);
    expect(dup.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ code: '6240', Detail: `The name supplied already exists. : Id=${id}` }],
    });
    const missing = await call('GET', 'invoice/4040');
    expect(missing.body.Fault.Error[0]).toMatchObject({ code: '610', Message: 'Object Not Found' });
  });

  it('increments SyncToken and refuses stale updates (5010)', async () => {
    const id = await newCustomer();
    const first = await call('POST', 'customer', {
      Id: id,
      SyncToken: '0',
      sparse: true,
      GivenName: 'Amy',
    });
    expect(first.body.Customer).toMatchObject({
      SyncToken: '1',
      GivenName: 'Amy',
      DisplayName: "Amy's Bird Sanctuary",
    });
    const stale = await call('POST', 'customer', {
      Id: id,
      SyncToken: '0',
      sparse: true,
      FamilyName: 'L',
    });
    expect(stale.body.Fault.Error[0]).toMatchObject({
      code: '5010',
      Message: 'Stale Object Error',
    });
  });

  it('replays a repeated requestid with the original answer and nothing new', async () => {
    const id = await newCustomer();
    const first = await call('POST', 'invoice?requestid=same-id', invoiceBody(id));
    const second = await call('POST', 'invoice?requestid=same-id', invoiceBody(id, 200));
    expect(second.text).toBe(first.text);
    expect(def.state()[REALM]?.Invoice).toHaveLength(1);
    const long = await call('POST', `invoice?requestid=${'x'.repeat(51)}`, invoiceBody(id));
    expect(long.body.Fault.Error[0]).toMatchObject({ code: '2050', element: 'requestid' });
  });

  it('lowers invoice and credit memo balances through payments', async () => {
    const id = await newCustomer();
    const inv = (await call('POST', 'invoice', invoiceBody(id, 100))).body.Invoice;
    const memoBody = { ...invoiceBody(id, 30), DocNumber: undefined };
    const memo = (await call('POST', 'creditmemo', memoBody)).body.CreditMemo;
    const over = await call('POST', 'payment', {
      CustomerRef: { value: id },
      TotalAmt: 200,
      Line: [{ Amount: 200, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    });
    expect(over.body.Fault.Error[0]).toMatchObject({ code: '6000' });
    const apply = await call('POST', 'payment', {
      CustomerRef: { value: id },
      TotalAmt: 0,
      Line: [
        { Amount: 30, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] },
        { Amount: 30, LinkedTxn: [{ TxnId: memo.Id, TxnType: 'CreditMemo' }] },
      ],
    });
    expect(apply.status).toBe(200);
    const pay = await call('POST', 'payment', {
      CustomerRef: { value: id },
      TotalAmt: 80.1,
      PaymentRefNum: '395612345',
      Line: [{ Amount: 70, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    });
    expect(pay.body.Payment).toMatchObject({ TotalAmt: 80.1, UnappliedAmt: 10.1 });
    const after = (await call('GET', `invoice/${inv.Id}`)).body.Invoice;
    expect(after).toMatchObject({ Balance: 0, SyncToken: '2' });
    expect((await call('GET', `creditmemo/${memo.Id}`)).body.CreditMemo).toMatchObject({
      Balance: 0,
    });
    expect(def.state()[REALM]?.Customer[0]).toMatchObject({ Balance: -10.1 });
  });

  it('rejects unbalanced journal entries with a ValidationFault', async () => {
    const line = (type: string, amount: number): unknown => ({
      Amount: amount,
      DetailType: 'JournalEntryLineDetail',
      JournalEntryLineDetail: { PostingType: type, AccountRef: { value: '35' } },
    });
    const res = await call('POST', 'journalentry', {
      Line: [line('Debit', 0.1), line('Debit', 0.2), line('Credit', 0.3)],
    });
    expect(res.status).toBe(200);
    const bad = await call('POST', 'journalentry', {
      Line: [line('Debit', 10), line('Credit', 9.99)],
    });
    expect(bad.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ code: '6000', element: 'Line' }],
    });
  });

  it('throttles at 10 requests per second and 500 per minute per realm', async () => {
    await sandbox.close();
    await start({ retryAfterSeconds: 2 });
    const burst = [];
    for (let i = 0; i < 11; i += 1) {
      now -= 200; // keep all eleven inside the same second
      burst.push(await call('GET', 'customer/1'));
    }
    expect(burst.slice(0, 10).every((r) => r.status === 400)).toBe(true);
    expect(burst[10]).toMatchObject({ status: 429 });
    expect(burst[10]?.body.Fault.Error[0]).toMatchObject({ code: '3001' });
    expect(burst[10]?.headers.get('retry-after')).toBe('2');
    now += 60_000;
    for (let i = 0; i < 500; i += 1) {
      now -= 100; // one request every 100 ms: ten per second, 500 in 50 s
      expect((await call('GET', 'customer/1')).status).toBe(400);
    }
    expect((await call('GET', 'customer/1')).status).toBe(429);
    now += 60_000;
    expect((await call('GET', 'customer/1')).status).toBe(400);
  });

  it('answers a Fault with HTTP 200 when armed, once', async () => {
    await sandbox.close();
    await start({
      fault200: [{ entity: 'customer', type: 'ValidationFault', code: '6000', detail: 'armed' }],
    });
    const faulted = await call('POST', 'customer', { DisplayName: 'Once' });
    expect(faulted.status).toBe(200);
    expect(faulted.body.Fault).toMatchObject({
      type: 'ValidationFault',
      Error: [{ code: '6000', Detail: 'armed' }],
    });
    expect(def.state()[REALM]?.Customer ?? []).toHaveLength(0);
    expect((await call('POST', 'customer', { DisplayName: 'Once' })).body.Customer).toBeDefined();
  });

  it('seeds and reports state, and gives QBO Fault bodies for injected statuses', async () => {
    def.seed({
      [REALM]: {
        Customer: [{ Id: '58', DisplayName: 'Seeded', Balance: 0 }],
        Invoice: [
          { Id: '130', DocNumber: '1041', CustomerRef: { value: '58' }, TotalAmt: 5, Balance: 5 },
        ],
      },
    });
    expect(
      (await query("select * from Invoice where Id = '130'")).body.QueryResponse.Invoice,
    ).toHaveLength(1);
    expect(await newCustomer('Next')).toBe('59');
    const inv = await call('POST', 'invoice', { ...invoiceBody('58'), DocNumber: undefined });
    expect(inv.body.Invoice).toMatchObject({ Id: '131', DocNumber: '1042' });
    expect(def.faultResponse?.(503)).toMatchObject({
      status: 503,
      body: { Fault: { type: 'SystemFault' } },
    });
    def.reset();
    expect(def.state()).toEqual({});
  });
});
