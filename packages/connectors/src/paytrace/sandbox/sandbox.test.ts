import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { manualClock, type Loose, type ManualClock } from '../test-support/harness.js';
import { createPayTraceSandbox, sandboxEncrypt, type PayTraceSandbox } from './index.js';

let clock: ManualClock;
let sandbox: PayTraceSandbox;
let running: RunningSandbox;

beforeEach(async () => {
  clock = manualClock(Date.UTC(2015, 3, 10, 20, 13, 45));
  sandbox = createPayTraceSandbox({ clock, settleAfterMs: 24 * 3600_000, tokenTtlSeconds: 60 });
  running = await startSandbox(sandbox);
});
afterEach(async () => {
  await running.close();
});

async function post(
  path: string,
  body: string | Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; json: Loose }> {
  const res = await request(`${running.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, text, json };
}

async function token(): Promise<string> {
  const res = await post(
    '/oauth/token',
    'grant_type=password&username=demo&password=demo-password',
    {
      'content-type': 'application/x-www-form-urlencoded',
    },
  );
  return res.json.access_token as string;
}

async function call(path: string, body: Record<string, unknown>, bearer?: string) {
  return post(
    `/v1/${path}`,
    { integrator_id: 'X', ...body },
    {
      authorization: `Bearer ${bearer ?? (await token())}`,
    },
  );
}

const card = {
  credit_card: {
    encrypted_number: sandboxEncrypt('4012000098765439'),
    expiration_month: '12',
    expiration_year: '2030',
  },
  encrypted_csc: sandboxEncrypt('999'),
};

describe('PayTrace sandbox', () => {
  it('issues bearer tokens for form-encoded password grants and expires them', async () => {
    const ok = await post(
      '/oauth/token',
      'grant_type=password&username=demo&password=demo-password',
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(ok.json).toMatchObject({ token_type: 'bearer', expires_in: 60 });
    const bad = await post('/oauth/token', 'grant_type=password&username=demo&password=nope', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('invalid_grant');
    const t = ok.json.access_token as string;
    expect((await call('transactions/sale/keyed', { amount: '1.00', ...card }, t)).status).toBe(
      200,
    );
    clock.advance(61_000);
    const expired = await call('transactions/sale/keyed', { amount: '1.00', ...card }, t);
    expect(expired.status).toBe(401);
    expect(expired.json.error).toBe('invalid_token');
  });

  it('answers ping without a token', async () => {
    expect((await post('/v1/ping', {})).json.success).toBe(true);
  });

  it('answers errors in PayTrace body shape, with several codes', async () => {
    const res = await call('transactions/sale/keyed', {
      amount: '1.00',
      credit_card: { number: '4012000098765438', expiration_month: '0', expiration_year: '2030' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      success: false,
      response_code: 1,
      status_message: 'One or more errors has occurred.',
      errors: {
        '35': ['Please provide a valid Credit Card Number.'],
        '43': ['Please provide a valid Expiration Month.'],
      },
      external_transaction_id: '',
    });
    const noIntegrator = await post(
      '/v1/transactions/void',
      { transaction_id: 1 },
      { authorization: `Bearer ${await token()}` },
    );
    expect(noIntegrator.json.errors['999']).toBeDefined();
  });

  it('writes export amounts as JSON numbers with two places', async () => {
    await call('transactions/sale/keyed', { amount: '10.10', invoice_id: 'SO-1', ...card });
    const res = await call('transactions/export/by_date_range', {
      start_date: '04/10/2015',
      end_date: '04/10/2015',
    });
    expect(res.text).toContain('"amount":10.10');
    expect(res.json.transactions[0].created.at).toBe('4/10/2015 8:13:45 PM');
  });

  it('never keeps a full card number or CSC', async () => {
    await call('transactions/sale/keyed', {
      amount: '1.00',
      credit_card: { number: '4012000098765439', expiration_month: '12', expiration_year: '2030' },
      csc: '999',
    });
    await call('customer/create', { customer_id: 'c1', ...card, billing_address: { name: 'A' } });
    const state = JSON.stringify(sandbox.state());
    expect(state).not.toContain('4012000098765439');
    expect(state).not.toContain('999');
    expect(sandbox.state().transactions[0]?.card).toEqual({
      last4: '5439',
      brand: 'VISA',
      expirationMonth: '12',
      expirationYear: '2030',
    });
  });

  it('settles by clock and on demand', async () => {
    await call('transactions/sale/keyed', { amount: '1.00', ...card });
    expect(sandbox.state().transactions[0]?.settled).toBe(false);
    clock.advance(24 * 3600_000);
    await call('transactions/export/by_date_range', {
      start_date: '04/10/2015',
      end_date: '04/11/2015',
    });
    expect(sandbox.state().transactions[0]?.settled).toBe(true);
    await call('transactions/sale/keyed', { amount: '2.00', ...card });
    const settle = await post('/__paytrace/settle', {});
    expect(settle.json.batch_number).toBe(2);
  });

  it('keeps customer ids unique (171) and reports unknown ones (30)', async () => {
    const body = { customer_id: 'c1', ...card, billing_address: { name: 'Ada' } };
    expect((await call('customer/create', body)).json.response_code).toBe(160);
    expect((await call('customer/create', body)).json.errors['171']).toBeDefined();
    expect((await call('customer/delete', { customer_id: 'zz' })).json.errors['30']).toBeDefined();
  });

  it('lists chargebacks by date range and state (unconfirmed dispute API shape)', async () => {
    const sale = await call('transactions/sale/keyed', {
      amount: '9.00',
      invoice_id: 'SO-7',
      ...card,
    });
    sandbox.addChargeback({ transactionId: sale.json.transaction_id });
    const t = await token();
    const res = await request(
      `${running.url}/disputes/v1/chargebacks?start_date=2015-04-01&end_date=2015-04-30&state=open`,
      { headers: { authorization: `Bearer ${t}` } },
    );
    const body: Loose = await res.body.json();
    expect(body.chargebacks).toEqual([
      expect.objectContaining({ invoice_id: 'SO-7', amount: '9.00', state: 'open' }),
    ]);
  });

  it('gives plausible bodies for injected faults', () => {
    expect(sandbox.faultResponse?.(401).status).toBe(401);
    expect(sandbox.faultResponse?.(503).headers?.['content-type']).toContain('text/html');
    expect(String(sandbox.faultResponse?.(429).body)).toContain('too_many_requests');
  });
});
