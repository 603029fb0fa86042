import { StepFailure } from '@braid/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPayTraceConnector } from './connector.js';
import { encryptedCard, failureOf, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('paytrace connector: charges', () => {
  it('declares id, version, the auth schema and fifteen operations', () => {
    const c = createPayTraceConnector();
    expect(c.id).toBe('paytrace');
    expect(c.version).toBe(1);
    const props = (c.auth as { properties: Record<string, Record<string, unknown>> }).properties;
    expect(props.password?.['x-secret']).toBe(true);
    expect(props.allowRawCardNumbers?.default).toBe(false);
    expect(props.baseUrl?.default).toBe('https://api.paytrace.com');
    expect(Object.keys(c.operations)).toHaveLength(15);
  });

  it('approves a keyed sale with an encrypted card and normalises the answer', async () => {
    const out = await h.invoke('saleKeyed', {
      amount: '10.00',
      invoiceId: 'SO-1001',
      ...encryptedCard(),
      billingAddress: { name: 'Ada Lovelace', zip: '99201' },
    });
    expect(out).toMatchObject({
      approved: true,
      responseCode: 101,
      statusMessage: 'Your transaction was successfully approved.',
      maskedCardNumber: 'xxxxxxxxxxxx5439',
      cscResponse: 'Match',
      invoiceId: 'SO-1001',
    });
    expect(typeof out.transactionId).toBe('string');
    expect(out.approvalMessage).toMatch(/^APPROVAL TAS\d+ +- Approved and completed$/);
    const [tx] = h.sandbox.state().transactions;
    expect(tx).toMatchObject({ amount: '10.00', invoiceId: 'SO-1001', type: 'SALE' });
  });

  it('returns a decline (amount 0.29) as a result, not an error', async () => {
    const out = await h.invoke('saleKeyed', { amount: '0.29', ...encryptedCard() });
    expect(out).toMatchObject({
      approved: false,
      responseCode: 102,
      reason: 'DECLINE      - Do not honor',
    });
    expect(out.transactionId).toMatch(/^\d+$/);
    expect(out.approvalCode).toBeUndefined();
  });

  it('returns an approval auto-voided for a CSC mismatch (103) as a result', async () => {
    const out = await h.invoke('saleKeyed', { amount: '5.00', ...encryptedCard(undefined, '000') });
    expect(out).toMatchObject({ approved: false, responseCode: 103, cscResponse: 'No Match' });
  });

  it('sends the step idempotency key as invoice_id when no invoiceId is given', async () => {
    const out = await h.invoke('saleKeyed', { amount: '1.00', ...encryptedCard() });
    expect(out.invoiceId).toBe(h.ctx().idempotencyKey.slice(0, 50));
    expect(h.sandbox.state().transactions[0]?.invoiceId).toBe(out.invoiceId);
  });

  it('turns PayTrace errors into fatal PAYTRACE_<code> with every code in details', async () => {
    const err = await failureOf(() =>
      h.invoke('saleKeyed', {
        amount: '10.00',
        card: {
          encryptedNumber: 'bm90LWEtY2FyZA==',
          expirationMonth: '13',
          expirationYear: '2030',
        },
      }),
    );
    expect(err).toBeInstanceOf(StepFailure);
    expect(err.kind).toBe('fatal');
    expect(err.code).toBe('PAYTRACE_35');
    expect(err.details.errors.map((e: { code: string }) => e.code)).toEqual(['35', '43']);
    expect(err.details.responseCode).toBe(1);
    expect(h.sandbox.state().transactions).toHaveLength(0);
  });

  it('refuses raw card numbers unless the connection allows them, without calling PayTrace', async () => {
    const raw = {
      amount: '10.00',
      card: { number: '4012000098765439', expirationMonth: '12', expirationYear: '2030' },
    };
    const err = await failureOf(() => h.invoke('saleKeyed', raw));
    expect(err).toMatchObject({ kind: 'fatal', code: 'PAYTRACE_RAW_CARD' });
    expect(JSON.stringify(err.toStepError())).not.toContain('4012000098765439');
    expect(h.calls('/v1/transactions')).toHaveLength(0);

    h.connection.config.allowRawCardNumbers = true;
    const ok = await h.invoke('saleKeyed', { ...raw, csc: '999' });
    expect(ok.approved).toBe(true);
    expect(JSON.stringify(h.sandbox.state())).not.toContain('4012000098765439');
  });

  it('charges a hosted-fields token through pt_protect, once', async () => {
    const { hpfToken, encKey } = h.sandbox.issueHostedFieldsToken({
      number: '5499740000000057',
      expirationMonth: '01',
      expirationYear: '2031',
    });
    const out = await h.invoke('authorizeKeyed', { amount: '20.00', hpfToken, encKey });
    expect(out).toMatchObject({ approved: true, maskedCardNumber: 'xxxxxxxxxxxx0057' });
    expect(h.calls('/v1/transactions/authorization/pt_protect')).toHaveLength(1);
    const again = await failureOf(() =>
      h.invoke('authorizeKeyed', { amount: '20.00', hpfToken, encKey }, { idempotencyKey: 'k2' }),
    );
    expect(again.code).toBe('PAYTRACE_901');
  });

  it('validates amounts as decimal strings of at most three places', async () => {
    for (const amount of ['10.5000', '1e3', '-1.00', '10,00']) {
      const err = await failureOf(() => h.invoke('saleKeyed', { amount, ...encryptedCard() }));
      expect(err.code).toBe('INPUT_INVALID');
    }
  });

  it('charges zero- and three-decimal currencies exactly (JPY 1000, KWD 12.345)', async () => {
    const jpy = await h.invoke('saleKeyed', {
      amount: '1000',
      invoiceId: 'JP-1',
      ...encryptedCard(),
    });
    const kwd = await h.invoke('saleKeyed', {
      amount: '12.345',
      invoiceId: 'KW-1',
      ...encryptedCard(),
    });
    expect(jpy).toMatchObject({ approved: true });
    expect(kwd).toMatchObject({ approved: true });
    const amounts = h.sandbox
      .state()
      .transactions.filter((t) => ['JP-1', 'KW-1'].includes(String(t.invoiceId)))
      .map((t) => t.amount);
    expect(amounts).toEqual(['1000.00', '12.345']);
  });
});

describe('paytrace connector: vault', () => {
  const create = {
    customerId: 'cust-1',
    ...encryptedCard('6011000993026909'),
    billingAddress: { name: 'Ada Lovelace' },
  };

  it('creates a customer, charges it, and reads 171/30 as fatal errors', async () => {
    const made = await h.invoke('createCustomer', create);
    expect(made).toMatchObject({ customerId: 'cust-1', responseCode: 160 });
    const sale = await h.invoke('saleByCustomer', { customerId: 'cust-1', amount: '42.50' });
    expect(sale).toMatchObject({ approved: true, maskedCardNumber: 'xxxxxxxxxxxx6909' });
    expect((await failureOf(() => h.invoke('createCustomer', create))).code).toBe('PAYTRACE_171');
    const missing = await failureOf(() =>
      h.invoke('saleByCustomer', { customerId: 'nobody', amount: '1.00' }),
    );
    expect(missing).toMatchObject({ kind: 'fatal', code: 'PAYTRACE_30' });
  });

  it('reads 171 on a retried create and 30 on a retried delete as earlier successes', async () => {
    await h.invoke('createCustomer', create);
    const retried = await h.invoke('createCustomer', create, { attempt: 2 });
    expect(retried).toMatchObject({ customerId: 'cust-1', alreadyExisted: true });
    await h.invoke('updateCustomer', { customerId: 'cust-1', email: 'ada@example.com' });
    expect(h.sandbox.state().customers[0]?.email).toBe('ada@example.com');
    await h.invoke('deleteCustomer', { customerId: 'cust-1' });
    const again = await h.invoke('deleteCustomer', { customerId: 'cust-1' }, { attempt: 2 });
    expect(again.alreadyDeleted).toBe(true);
  });

  it('authorizes a vault customer, captures less than authorized, and refuses capturing more', async () => {
    await h.invoke('createCustomer', create);
    const auth = await h.invoke('authorizeByCustomer', {
      customerId: 'cust-1',
      amount: '50.00',
      invoiceId: 'AUTH-1',
    });
    expect(auth).toMatchObject({ approved: true, responseCode: 101, invoiceId: 'AUTH-1' });
    const over = await failureOf(() =>
      h.invoke('capture', { transactionId: auth.transactionId, amount: '60.00' }),
    );
    expect(over).toMatchObject({ kind: 'fatal' });
    const captured = await h.invoke('capture', {
      transactionId: auth.transactionId,
      amount: '45.00',
    });
    expect(captured).toMatchObject({ approved: true, responseCode: 112 });
    const tx = h.sandbox.state().transactions.find((t) => t.invoiceId === 'AUTH-1');
    expect(tx).toMatchObject({ type: 'AUTHORIZATION', amount: '45.00' });
  });

  it('vaults the card of a transaction and refunds to the customer', async () => {
    const sale = await h.invoke('saleKeyed', { amount: '3.00', ...encryptedCard() });
    await h.invoke('createCustomerFromTransaction', {
      transactionId: sale.transactionId,
      customerId: 'cust-2',
    });
    const refund = await h.invoke('refundToCustomer', { customerId: 'cust-2', amount: '2.00' });
    expect(refund).toMatchObject({ approved: true, responseCode: 106 });
  });
});
