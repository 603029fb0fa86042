import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRuntime, startRuntime } from '../../runtime.js';
import {
  type Harness,
  type TestService,
  json,
  startHarness,
  startTestService,
} from '../../test-support/harness.js';

/** Polls (bounded) until `probe` returns a value that passes `ok`. */
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${ms} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('schedules, polls, alerts and retention', () => {
  let h: Harness;
  let second: RunningRuntime;
  let svc: TestService;
  let sink: TestService;
  let orders: { id: string; updated_at: string }[] = [];
  let pollFails = false;

  beforeAll(async () => {
    svc = await startTestService((req, res) => {
      if (req.path.startsWith('/orders')) {
        if (pollFails) return json(res, 500, { error: 'down' });
        const since = new URL(req.path, 'http://x').searchParams.get('since') ?? '';
        // Like many list APIs, "since" is inclusive: the newest item comes back again.
        return json(res, 200, { orders: orders.filter((o) => o.updated_at >= since) });
      }
      if (req.path === '/down') return json(res, 503, { error: 'unavailable' });
      return json(res, 404, {});
    });
    sink = await startTestService((req, res) =>
      // The alert receiver is down for the first delivery: the alert must be retried.
      req.count === 1 ? json(res, 500, {}) : json(res, 204, {}),
    );
    h = await startHarness({ alertWebhookUrl: sink.url, stepRetentionDays: 30 });
    second = await startRuntime({
      env: {},
      config: {
        databaseUrl: h.db.url,
        port: 0,
        secretKey: randomBytes(32),
        leaseMs: 5000,
        logLevel: 'silent',
        instanceId: 'second',
      },
      logger: pino({ level: 'silent' }),
    });
    const conn = await h.api('POST', '/api/v1/connections', {
      id: 'svc',
      connector: 'http@1',
      name: 'list service',
      config: { baseUrl: svc.url, auth: { type: 'none' } },
    });
    expect(conn.status).toBe(201);
  });

  afterAll(async () => {
    await second?.stop();
    await h?.close();
    await svc?.close();
    await sink?.close();
  });

  it('fires a schedule exactly once per tick across two instances', async () => {
    const flow = {
      schemaVersion: 1,
      id: 'every-second',
      name: 'Every second',
      trigger: { type: 'schedule', cron: '* * * * * *', timezone: 'Europe/Berlin' },
      nodes: [{ id: 'tick', type: 'map', output: { fields: { at: 'trigger.scheduledAt' } } }],
      edges: [{ from: 'trigger', to: 'tick' }],
    };
    expect((await h.api('POST', '/api/v1/flows', flow)).status).toBe(201);
    expect((await h.api('POST', '/api/v1/flows/every-second/publish')).status).toBe(201);
    await until(
      () =>
        h.sql<{ n: number }>(`select count(*)::int as n from runs where flow_id = 'every-second'`),
      (rows) => (rows[0]?.n ?? 0) >= 4,
    );
    expect((await h.api('POST', '/api/v1/flows/every-second/deactivate')).status).toBe(201);
    const runs = await h.sql<{ at: string; n: number }>(
      `select trigger->>'scheduledAt' as at, count(*)::int as n from runs
       where flow_id = 'every-second' group by 1 order by 1`,
    );
    expect(runs.every((r) => r.n === 1)).toBe(true);
    const ticks = runs.map((r) => Date.parse(r.at));
    // Every tick fired, none twice: consecutive seconds without gaps.
    for (let i = 1; i < ticks.length; i += 1) expect(ticks[i]! - ticks[i - 1]!).toBe(1000);
    const stored = await h.sql<{ n: number }>(
      `select count(*)::int as n from schedules where flow_id = 'every-second'`,
    );
    expect(stored[0]?.n).toBe(0);
  });

  it('polls with a stored watermark and starts each new item once', async () => {
    orders = [
      { id: 'o1', updated_at: '2026-11-01T10:00:00Z' },
      { id: 'o2', updated_at: '2026-11-01T11:00:00Z' },
    ];
    const flow = {
      schemaVersion: 1,
      id: 'poll-orders',
      name: 'Poll orders',
      connections: { src: { connector: 'http@1' } },
      trigger: {
        type: 'poll',
        connection: 'src',
        operation: 'request',
        input: { fields: { method: '"GET"', url: '"/orders?since=" & watermark' } },
        intervalSeconds: 3600,
        items: 'body.orders',
        watermark: { value: 'updated_at', initial: '2026-01-01T00:00:00Z' },
        dedupeKey: 'id & "@" & updated_at',
      },
      nodes: [{ id: 'seen', type: 'map', output: { fields: { id: 'trigger.id' } } }],
      edges: [{ from: 'trigger', to: 'seen' }],
    };
    expect((await h.api('POST', '/api/v1/flows', flow)).status).toBe(201);
    expect(
      (await h.api('PUT', '/api/v1/flows/poll-orders/config', { bindings: { src: 'svc' } })).status,
    ).toBe(200);
    expect((await h.api('POST', '/api/v1/flows/poll-orders/publish')).status).toBe(201);
    const state = () =>
      h.sql<{ watermark: string; last_error: string | null }>(
        `select watermark, last_error from poll_state where flow_id = 'poll-orders'`,
      );
    await until(state, (rows) => rows[0]?.watermark === '2026-11-01T11:00:00Z');
    const pollAgain = () =>
      h.sql(`update poll_state set next_poll_at = now() where flow_id = 'poll-orders';
             select pg_notify('braid_polls', '')`);

    orders.push({ id: 'o3', updated_at: '2026-11-01T12:00:00Z' });
    await pollAgain();
    await until(state, (rows) => rows[0]?.watermark === '2026-11-01T12:00:00Z');

    pollFails = true;
    await pollAgain();
    await until(state, (rows) => rows[0]?.last_error !== null && rows[0]?.last_error !== undefined);
    expect((await state())[0]?.watermark).toBe('2026-11-01T12:00:00Z');

    const runs = await h.sql<{ id: string }>(
      `select trigger->>'id' as id from runs where flow_id = 'poll-orders' order by seq`,
    );
    expect(runs.map((r) => r.id)).toEqual(['o1', 'o2', 'o3']);
    const asked = svc.calls.filter((c) => c.path.startsWith('/orders')).map((c) => c.path);
    expect(asked[0]).toBe('/orders?since=2026-01-01T00:00:00Z');
    expect(asked[1]).toBe('/orders?since=2026-11-01T11:00:00Z');
  });

  it('stores, logs and POSTs an alert for a dead-lettered run, retrying a failed delivery', async () => {
    const flow = {
      schemaVersion: 1,
      id: 'always-down',
      name: 'Always down',
      connections: { svc: { connector: 'http@1' } },
      trigger: { type: 'api' },
      nodes: [
        {
          id: 'call',
          type: 'action',
          connection: 'svc',
          operation: 'request',
          retry: { attempts: 2, backoff: 'fixed', initialDelayMs: 10, jitter: false },
          input: { fields: { method: '"POST"', url: '"/down"' } },
        },
      ],
      edges: [{ from: 'trigger', to: 'call' }],
    };
    expect((await h.api('POST', '/api/v1/flows', flow)).status).toBe(201);
    await h.api('PUT', '/api/v1/flows/always-down/config', { bindings: { svc: 'svc' } });
    await h.api('POST', '/api/v1/flows/always-down/publish');
    const started = await h.api<{ runId: string }>('POST', '/api/v1/flows/always-down/runs', {});
    expect(started.status).toBe(202);
    await h.waitForRun(started.body.runId, ['dead_letter']);
    const delivered = await until(
      () =>
        h.sql<{ delivered_at: Date | null; attempts: number }>(
          `select delivered_at, attempts from alerts where run_id = $1`,
          [started.body.runId],
        ),
      (rows) => rows[0]?.delivered_at !== null && rows[0]?.delivered_at !== undefined,
      10_000,
    );
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.attempts).toBe(2);
    expect(sink.calls).toHaveLength(2);
    const body = sink.calls[1]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      kind: 'dead_letter',
      flowId: 'always-down',
      runId: started.body.runId,
    });
    expect(String(body.message)).toContain('503');
    const picture = await request(`${h.rt.url}/api/v1/runs/${started.body.runId}/timeline.svg`, {
      headers: { authorization: `Bearer ${h.key}` },
    });
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toContain('image/svg+xml');
    const svg = await picture.body.text();
    // Two failed attempts of the call, with the retry wait between them.
    expect(svg.match(/call attempt \d: failed/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray');
  });

  it('raises an alert when a run ends at a fail node marked alert, and not otherwise', async () => {
    const flow = (id: string, alert: boolean) => ({
      schemaVersion: 1,
      id,
      name: id,
      trigger: { type: 'api' },
      nodes: [
        {
          id: 'stop',
          type: 'fail',
          message: '"declined: " & trigger.reason',
          code: 'DECLINED',
          alert,
        },
      ],
      edges: [{ from: 'trigger', to: 'stop' }],
    });
    const ids: string[] = [];
    for (const [id, alert] of [
      ['declines', true],
      ['quiet-fail', false],
    ] as const) {
      expect((await h.api('POST', '/api/v1/flows', flow(id, alert))).status).toBe(201);
      await h.api('POST', `/api/v1/flows/${id}/publish`);
      const run = await h.api<{ runId: string }>('POST', `/api/v1/flows/${id}/runs`, {
        reason: 'card',
      });
      await h.waitForRun(run.body.runId, ['failed']);
      ids.push(run.body.runId);
    }
    const alerts = await h.sql<{ run_id: string; kind: string; message: string }>(
      `select run_id, kind, message from alerts where run_id = any($1::uuid[])`,
      [ids],
    );
    expect(alerts).toEqual([{ run_id: ids[0], kind: 'flow_failed', message: 'declined: card' }]);
  });

  it('prunes step records of runs finished before the retention period, keeping the rest', async () => {
    const ids = (
      await h.sql<{ id: string; status: string }>(
        `select id, status from runs where flow_id in ('poll-orders', 'always-down')`,
      )
    ).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const old = (
      await h.sql<{ id: string }>(
        `select id from runs where flow_id = 'poll-orders' order by seq limit 2`,
      )
    ).map((r) => r.id);
    const dead = (
      await h.sql<{ id: string }>(`select id from runs where flow_id = 'always-down'`)
    ).map((r) => r.id);
    const aged = [...old, ...dead];
    await h.sql(
      `update runs set finished_at = now() - interval '40 days' where id = any($1::uuid[])`,
      [aged],
    );
    await h.sql(
      `update step_records set finished_at = now() - interval '40 days' where run_id = any($1::uuid[])`,
      [aged],
    );
    const count = async (runIds: string[]) =>
      (
        await h.sql<{ n: number }>(
          `select count(*)::int as n from step_records where run_id = any($1::uuid[])`,
          [runIds],
        )
      )[0]?.n ?? 0;
    const recent = ids.filter((id) => !aged.includes(id));
    const before = { old: await count(old), dead: await count(dead), recent: await count(recent) };
    expect(before.old).toBeGreaterThan(0);
    const pruned = await h.rt.background!.retention.pruneOnce();
    expect(pruned).toBe(before.old);
    expect(await count(old)).toBe(0);
    // Dead-lettered runs can still be resumed, and recent runs are inside the period.
    expect(await count(dead)).toBe(before.dead);
    expect(await count(recent)).toBe(before.recent);
  });
});
