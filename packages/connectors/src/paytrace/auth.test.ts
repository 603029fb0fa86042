import { afterEach, describe, expect, it } from 'vitest';
import { encryptedCard, failureOf, startHarness, type Harness } from './test-support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sale = (amount = '1.00'): Record<string, unknown> => ({ amount, ...encryptedCard() });

describe('paytrace auth', () => {
  it('fetches one token and reuses it across calls', async () => {
    h = await startHarness();
    await h.invoke('saleKeyed', sale(), { idempotencyKey: 'a' });
    await h.invoke('saleKeyed', sale(), { idempotencyKey: 'b' });
    await h.invoke('exportTransactionsByDateRange', {
      startDate: '2025-06-01',
      endDate: '2025-06-03',
    });
    expect(h.calls('/oauth/token')).toHaveLength(1);
  });

  it('shares one in-flight token request between concurrent calls', async () => {
    h = await startHarness();
    const harness = h;
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((k) =>
        harness.invoke('saleKeyed', sale(), { idempotencyKey: k }),
      ),
    );
    expect(results.every((r) => r.approved)).toBe(true);
    expect(h.calls('/oauth/token')).toHaveLength(1);
  });

  it('renews within five minutes of expiry, before PayTrace rejects the token', async () => {
    h = await startHarness();
    await h.invoke('saleKeyed', sale(), { idempotencyKey: 'a' });
    h.clock.advance(7200_000 - 6 * 60_000);
    await h.invoke('saleKeyed', sale(), { idempotencyKey: 'b' });
    expect(h.calls('/oauth/token')).toHaveLength(1);
    h.clock.advance(2 * 60_000); // now 4 minutes before expiry
    await h.invoke('saleKeyed', sale(), { idempotencyKey: 'c' });
    expect(h.calls('/oauth/token')).toHaveLength(2);
    expect(h.calls('/v1').filter((r) => r.status === 401)).toHaveLength(0);
  });

  it('gets a new token once after the old one expired', async () => {
    h = await startHarness({ tokenTtlSeconds: 7200 });
    await h.invoke('saleKeyed', sale(), { idempotencyKey: 'a' });
    h.clock.advance(7200_000 + 1);
    await h.invoke('saleKeyed', sale(), { idempotencyKey: 'b' });
    expect(h.calls('/oauth/token')).toHaveLength(2);
  });

  it('re-authenticates exactly once when a call answers invalid_token', async () => {
    h = await startHarness();
    await h.invoke('saleKeyed', sale(), { idempotencyKey: 'a' });
    h.sandbox.expireTokens();
    const out = await h.invoke('saleKeyed', sale(), { idempotencyKey: 'b' });
    expect(out.approved).toBe(true);
    expect(h.calls('/oauth/token')).toHaveLength(2);
    expect(h.calls('/v1/transactions/sale/keyed').map((r) => r.status)).toEqual([200, 401, 200]);
    expect(h.sandbox.state().transactions).toHaveLength(2);
  });

  it('fails retryably when a fresh token is rejected too, without a third try', async () => {
    h = await startHarness();
    h.running.faults.add({ path: '/v1/transactions/sale/keyed', status: 401, times: 2 });
    const err = await failureOf(() => h!.invoke('saleKeyed', sale()));
    expect(err).toMatchObject({ kind: 'retryable', code: 'PAYTRACE_INVALID_TOKEN' });
    expect(h.calls('/oauth/token')).toHaveLength(2);
    expect(h.calls('/v1/transactions/sale/keyed')).toHaveLength(2);
  });

  it('fails fatally with PAYTRACE_AUTH on invalid_grant, without echoing the password', async () => {
    h = await startHarness({ password: 'wrong-secret' });
    const err = await failureOf(() => h!.invoke('saleKeyed', sale()));
    expect(err).toMatchObject({ kind: 'fatal', code: 'PAYTRACE_AUTH' });
    expect(err.details.error).toBe('invalid_grant');
    expect(JSON.stringify(err.toStepError())).not.toContain('wrong-secret');
  });

  it('fails fatally with PAYTRACE_CONFIG when the connection lacks settings', async () => {
    h = await startHarness({ config: { integratorId: '' } });
    const err = await failureOf(() => h!.invoke('saleKeyed', sale()));
    expect(err).toMatchObject({ kind: 'fatal', code: 'PAYTRACE_CONFIG' });
    expect(err.details.missing).toEqual(['integratorId']);
  });
});
