import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Harness,
  type TestService,
  json,
  startHarness,
  startTestService,
} from './test-support/harness.js';

const orderFlow = {
  schemaVersion: 1,
  id: 'order-sync',
  name: 'Order sync',
  connections: { svc: { connector: 'http@1' } },
  trigger: { type: 'api' },
  concurrencyKey: 'trigger.orderId',
  nodes: [
    { id: 'prepare', type: 'map', output: { fields: { total: '$sum(trigger.lines.price)' } } },
    { id: 'check', type: 'branch', cases: [{ label: 'big', when: 'steps.prepare.total > 100' }] },
    { id: 'eachLine', type: 'forEach', items: 'trigger.lines', concurrency: 3 },
    {
      id: 'postLine',
      type: 'action',
      connection: 'svc',
      operation: 'request',
      retry: { attempts: 3, backoff: 'fixed', initialDelayMs: 10, jitter: false },
      input: { fields: { method: '"POST"', url: '"/lines"', body: 'item' } },
    },
    {
      id: 'notify',
      type: 'action',
      connection: 'svc',
      operation: 'request',
      input: { fields: { method: '"POST"', url: '"/notify"', body: '{"order": trigger.orderId}' } },
    },
    { id: 'small', type: 'map', output: { fields: { kind: '"small"' } } },
    {
      id: 'recover',
      type: 'map',
      output: { fields: { recovered: 'true', code: 'steps.notify.error.code' } },
    },
  ],
  edges: [
    { from: 'trigger', to: 'prepare' },
    { from: 'prepare', to: 'check' },
    { from: 'check', port: 'big', to: 'eachLine' },
    { from: 'check', port: 'default', to: 'small' },
    { from: 'eachLine', port: 'body', to: 'postLine' },
    { from: 'eachLine', to: 'notify' },
    { from: 'notify', port: 'error', to: 'recover' },
  ],
};

const hookFlow = {
  schemaVersion: 1,
  id: 'hooked',
  name: 'Signed webhook',
  connections: { src: { connector: 'http@1' } },
  trigger: { type: 'webhook', connection: 'src', event: '*' },
  nodes: [{ id: 'echo', type: 'map', output: { fields: { got: 'trigger.n' } } }],
  edges: [{ from: 'trigger', to: 'echo' }],
};

const SECRET = 'hook-secret';
const sign = (body: string): string => createHmac('sha256', SECRET).update(body).digest('hex');

describe('runtime', () => {
  let h: Harness;
  let svc: TestService;
  let failNotify = true;

  beforeAll(async () => {
    svc = await startTestService((req, res) => {
      if (req.path === '/lines') {
        // The very first line call fails with a retryable 503: the retry policy must absorb it.
        if (req.count === 1) return json(res, 503, { error: 'busy' });
        return json(res, 200, { ok: true, line: req.body });
      }
      if (req.path === '/notify')
        return failNotify ? json(res, 400, { error: 'bad' }) : json(res, 200, { ok: 1 });
      return json(res, 404, {});
    });
    h = await startHarness();
    const conn = await h.api('POST', '/api/v1/connections', {
      id: 'svc-conn',
      connector: 'http@1',
      name: 'test service',
      config: { baseUrl: svc.url, auth: { type: 'none' } },
    });
    expect(conn.status).toBe(201);
    const hookConn = await h.api('POST', '/api/v1/connections', {
      id: 'hook-conn',
      connector: 'http@1',
      name: 'signed source',
      config: {
        auth: { type: 'none' },
        hmac: { header: 'x-signature', algorithm: 'sha256', encoding: 'hex' },
        dedupeHeader: 'x-delivery-id',
      },
      secrets: { hmacSecret: SECRET },
    });
    expect(hookConn.status).toBe(201);
    expect(hookConn.body.secretsSet).toEqual(['hmacSecret']);
    expect(JSON.stringify(hookConn.body)).not.toContain(SECRET);
  });

  afterAll(async () => {
    await h?.close();
    await svc?.close();
  });

  describe('flows API', () => {
    it('rejects an invalid flow with 422 and the problems, storing nothing', async () => {
      const broken = {
        ...orderFlow,
        id: 'broken',
        edges: [...orderFlow.edges, { from: 'prepare', to: 'ghost' }],
      };
      const res = await h.api<{ code: string; problems: { path: string; code: string }[] }>(
        'POST',
        '/api/v1/flows',
        broken,
      );
      expect(res.status).toBe(422);
      expect(res.body.problems.some((p) => p.path.startsWith('/edges/7'))).toBe(true);
      expect(await h.sql("select id from flows where id = 'broken'")).toEqual([]);
    });

    it('creates, publishes (content-hashed, reused when unchanged) and binds a flow', async () => {
      expect((await h.api('POST', '/api/v1/flows', orderFlow)).status).toBe(201);
      const first = await h.api<{
        version: { version: number; contentHash: string };
        created: boolean;
      }>('POST', '/api/v1/flows/order-sync/publish');
      expect(first.status).toBe(201);
      expect(first.body.version.version).toBe(1);
      const again = await h.api<{ version: { version: number }; created: boolean }>(
        'POST',
        '/api/v1/flows/order-sync/publish',
      );
      expect(again.body).toMatchObject({ created: false, version: { version: 1 } });
      const cfg = await h.api('PUT', '/api/v1/flows/order-sync/config', {
        bindings: { svc: 'svc-conn' },
      });
      expect(cfg.status).toBe(200);
    });

    it('keeps a draft with problems when asked to, and refuses to publish it', async () => {
      const draft = {
        ...orderFlow,
        id: 'half-done',
        nodes: [...orderFlow.nodes, { id: 'loose', type: 'map' }],
      };
      const saved = await h.api<{ problems: { path: string; severity: string }[] }>(
        'POST',
        '/api/v1/flows?allowInvalid=true',
        draft,
      );
      expect(saved.status).toBe(201);
      expect(
        saved.body.problems.some((p) => p.path.startsWith('/nodes/7') && p.severity === 'error'),
      ).toBe(true);
      const publish = await h.api<{ code: string }>('POST', '/api/v1/flows/half-done/publish');
      expect(publish.status).toBe(422);
      const stored = await h.api<{ draft: { nodes: unknown[] } }>('GET', '/api/v1/flows/half-done');
      expect(stored.body.draft.nodes).toHaveLength(8);
    });

    it('requires an API key', async () => {
      const res = await request(`${h.rt.url}/api/v1/flows`);
      expect(res.statusCode).toBe(401);
      await res.body.dump();
    });
  });

  describe('execution', () => {
    it('runs branch + forEach + retry + error port as designed and records every step', async () => {
      const lines = [{ price: 60 }, { price: 50 }, { price: 10 }];
      const started = await h.api<{ runId: string }>('POST', '/api/v1/flows/order-sync/runs', {
        orderId: 'A1',
        lines,
      });
      expect(started.status).toBe(202);
      const run = await h.waitForRun(started.body.runId, ['succeeded', 'failed', 'dead_letter']);
      expect(run.status).toBe('succeeded');
      expect(run.output).toMatchObject({ recovered: true });
      const steps = run.steps as {
        node_id: string;
        status: string;
        attempt: number;
        port: string | null;
        idempotency_key: string;
      }[];
      const postLines = steps.filter((s) => s.node_id === 'postLine');
      expect(postLines.filter((s) => s.status === 'succeeded')).toHaveLength(3);
      expect(postLines.filter((s) => s.status === 'failed')).toHaveLength(1);
      expect(steps.find((s) => s.node_id === 'check')?.port).toBe('big');
      expect(steps.find((s) => s.node_id === 'notify')?.port).toBe('error');
      expect(svc.calls.filter((c) => c.path === '/lines')).toHaveLength(4);
      // The retried line kept its idempotency key across attempts.
      const keys = new Set(postLines.map((s) => s.idempotency_key));
      expect(keys.size).toBe(3);
    });

    it('answers the same run for a repeated Idempotency-Key', async () => {
      const body = { orderId: 'B1', lines: [{ price: 1 }] };
      const a = await h.api<{ runId: string }>('POST', '/api/v1/flows/order-sync/runs', body, {
        'idempotency-key': 'k-1',
      });
      const b = await h.api<{ runId: string; duplicate: boolean }>(
        'POST',
        '/api/v1/flows/order-sync/runs',
        body,
        { 'idempotency-key': 'k-1' },
      );
      expect(a.status).toBe(202);
      expect(b.status).toBe(200);
      expect(b.body).toEqual({ runId: a.body.runId, duplicate: true });
      const run = await h.waitForRun(a.body.runId, ['succeeded']);
      expect(run.output).toEqual({ kind: 'small' });
    });

    it('runs with the same concurrency key complete in arrival order', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const r = await h.api<{ runId: string }>('POST', '/api/v1/flows/order-sync/runs', {
          orderId: 'SAME',
          lines: [{ price: i }],
        });
        ids.push(r.body.runId);
      }
      for (const id of ids) await h.waitForRun(id, ['succeeded']);
      const rows = await h.sql<{ id: string }>(
        'select id from runs where id = any($1::uuid[]) order by finished_at, seq',
        [ids],
      );
      expect(rows.map((r) => r.id)).toEqual(ids);
    });

    it('dead-letters a run whose step fails for good, raises an alert, and resumes from the failed step', async () => {
      const flow = {
        ...orderFlow,
        id: 'strict',
        concurrencyKey: undefined,
        nodes: orderFlow.nodes.filter((n) => n.id !== 'recover'),
        edges: orderFlow.edges.filter((e) => e.to !== 'recover'),
      };
      expect((await h.api('POST', '/api/v1/flows', flow)).status).toBe(201);
      await h.api('POST', '/api/v1/flows/strict/publish');
      await h.api('PUT', '/api/v1/flows/strict/config', { bindings: { svc: 'svc-conn' } });
      const callsBefore = svc.calls.filter((c) => c.path === '/lines').length;
      const started = await h.api<{ runId: string }>('POST', '/api/v1/flows/strict/runs', {
        orderId: 'C1',
        lines: [{ price: 101 }],
      });
      const dead = await h.waitForRun(started.body.runId, ['dead_letter', 'succeeded']);
      expect(dead.status).toBe('dead_letter');
      expect(dead.error).toMatchObject({ kind: 'fatal', nodeId: 'notify' });
      const alerts = await h.sql('select kind, run_id from alerts where run_id = $1', [
        started.body.runId,
      ]);
      expect(alerts).toEqual([{ kind: 'dead_letter', run_id: started.body.runId }]);

      failNotify = false;
      const resumed = await h.api('POST', `/api/v1/runs/${started.body.runId}/resume`);
      expect(resumed.status).toBe(202);
      const done = await h.waitForRun(started.body.runId, ['succeeded', 'dead_letter']);
      expect(done.status).toBe('succeeded');
      // The completed line step was not called again on resume.
      expect(svc.calls.filter((c) => c.path === '/lines').length - callsBefore).toBe(1);
      failNotify = true;
    });

    it('runs a subflow as a child run and continues with its output', async () => {
      const child = {
        schemaVersion: 1,
        id: 'child',
        name: 'Child',
        trigger: { type: 'api' },
        nodes: [{ id: 'double', type: 'map', output: { fields: { twice: 'trigger.n * 2' } } }],
        edges: [{ from: 'trigger', to: 'double' }],
      };
      const parent = {
        schemaVersion: 1,
        id: 'parent',
        name: 'Parent',
        trigger: { type: 'api' },
        nodes: [
          { id: 'call', type: 'subflow', flowId: 'child', input: { fields: { n: 'trigger.n' } } },
          { id: 'after', type: 'map', output: { fields: { got: 'steps.call.twice + 1' } } },
        ],
        edges: [
          { from: 'trigger', to: 'call' },
          { from: 'call', to: 'after' },
        ],
      };
      for (const f of [child, parent]) {
        expect((await h.api('POST', '/api/v1/flows', f)).status).toBe(201);
        expect((await h.api('POST', `/api/v1/flows/${f.id}/publish`)).status).toBe(201);
      }
      const started = await h.api<{ runId: string }>('POST', '/api/v1/flows/parent/runs', {
        n: 20,
      });
      const run = await h.waitForRun(
        started.body.runId,
        ['succeeded', 'dead_letter', 'failed'],
        10_000,
      );
      expect(run.output).toEqual({ got: 41 });
      const children = await h.sql('select status from runs where parent_run_id = $1', [
        started.body.runId,
      ]);
      expect(children).toEqual([{ status: 'succeeded' }]);
    });

    it('cancels a waiting run', async () => {
      const flow = {
        schemaVersion: 1,
        id: 'slow',
        name: 'Slow',
        trigger: { type: 'api' },
        nodes: [{ id: 'pause', type: 'delay', durationMs: 60_000 }],
        edges: [{ from: 'trigger', to: 'pause' }],
      };
      expect((await h.api('POST', '/api/v1/flows', flow)).status).toBe(201);
      await h.api('POST', '/api/v1/flows/slow/publish');
      const started = await h.api<{ runId: string }>('POST', '/api/v1/flows/slow/runs', {});
      await h.waitForRun(started.body.runId, ['waiting']);
      const cancelled = await h.api('POST', `/api/v1/runs/${started.body.runId}/cancel`);
      expect(cancelled.body).toMatchObject({ status: 'cancelled' });
      expect((await h.waitForRun(started.body.runId, ['cancelled'])).status).toBe('cancelled');
    });
  });

  describe('webhook ingress', () => {
    beforeAll(async () => {
      expect((await h.api('POST', '/api/v1/flows', hookFlow)).status).toBe(201);
      await h.api('POST', '/api/v1/flows/hooked/publish');
      await h.api('PUT', '/api/v1/flows/hooked/config', { bindings: { src: 'hook-conn' } });
    });

    const deliver = (body: string, headers: Record<string, string>) =>
      request(`${h.rt.url}/hooks/hooked`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      }).then(async (r) => ({
        status: r.statusCode,
        body: (await r.body.json()) as Record<string, unknown>,
      }));

    it('creates exactly one run for five concurrent deliveries of the same event', async () => {
      const body = JSON.stringify({ n: 7 });
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          deliver(body, { 'x-signature': sign(body), 'x-delivery-id': 'evt-1' }),
        ),
      );
      const runIds = new Set(results.map((r) => r.body.runId));
      expect(runIds.size).toBe(1);
      expect(results.filter((r) => r.status === 202)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(4);
      const rows = await h.sql("select count(*)::int as n from runs where flow_id = 'hooked'");
      expect(rows).toEqual([{ n: 1 }]);
      const run = await h.waitForRun(String([...runIds][0]), ['succeeded']);
      expect(run.output).toEqual({ got: 7 });
    });

    it('rejects a forged signature and an oversized body, storing nothing', async () => {
      const before = await h.sql(
        'select (select count(*) from inbox)::int as inbox, (select count(*) from runs)::int as runs',
      );
      const body = JSON.stringify({ n: 1 });
      const forged = await deliver(body, {
        'x-signature': sign('{"n":2}'),
        'x-delivery-id': 'evt-2',
      });
      expect(forged.status).toBe(401);
      const huge = JSON.stringify({ n: 'x'.repeat(1_100_000) });
      const big = await deliver(huge, { 'x-signature': sign(huge), 'x-delivery-id': 'evt-3' });
      expect(big.status).toBe(413);
      const after = await h.sql(
        'select (select count(*) from inbox)::int as inbox, (select count(*) from runs)::int as runs',
      );
      expect(after).toEqual(before);
    });
  });
});
