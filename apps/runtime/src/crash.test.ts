import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime } from './test-support/build.js';
import {
  type Harness,
  type TestService,
  json,
  startHarness,
  startTestService,
} from './test-support/harness.js';

const STEPS = ['a', 'b', 'c', 'd'];
const RUNS = 30;
const KILLS = 8;

const crashFlow = {
  schemaVersion: 1,
  id: 'crashy',
  name: 'Survives SIGKILL',
  connections: { svc: { connector: 'http@1' } },
  trigger: { type: 'api' },
  nodes: STEPS.map((s) => ({
    id: s,
    type: 'action',
    connection: 'svc',
    operation: 'request',
    retry: { attempts: 10, backoff: 'fixed', initialDelayMs: 50, jitter: false },
    input: {
      fields: { method: '"POST"', url: '"/effect"', body: `{"run": run.id, "step": "${s}"}` },
    },
  })),
  edges: STEPS.map((s, i) => ({ from: i === 0 ? 'trigger' : (STEPS[i - 1] as string), to: s })),
};

/**
 * Kills a worker process with SIGKILL at random moments while it executes runs. The external
 * service checks, at the moment each call arrives, whether that step already has a committed
 * success record: such a call would be a re-executed completed step.
 */
describe('crash safety', () => {
  let api: Harness;
  let svc: TestService;
  let checker: pg.Pool;
  let entry: string;
  const violations: string[] = [];
  const effects = new Map<string, Set<string>>();
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    entry = buildRuntime();
    // The API-only instance: it creates flows and runs; workers live in the child processes.
    api = await startHarness({ workers: false });
    checker = new pg.Pool({ connectionString: api.db.url, max: 4 });
    svc = await startTestService((req, res) => {
      const { run, step } = req.body as { run: string; step: string };
      const key = `${run}/${step}`;
      checker
        .query(
          "select 1 from step_records where run_id = $1 and node_id = $2 and status = 'succeeded'",
          [run, step],
        )
        .then((r) => {
          if ((r.rowCount ?? 0) > 0) violations.push(key);
          const seen = effects.get(key) ?? new Set<string>();
          seen.add(String(res.req.headers['idempotency-key']));
          effects.set(key, seen);
          // A little latency widens the window in which a kill lands mid-step.
          setTimeout(() => json(res, 200, { ok: true }), 40 + Math.floor(Math.random() * 80));
        })
        .catch(() => json(res, 500, { error: 'checker failed' }));
    });
    await api.api('POST', '/api/v1/connections', {
      id: 'svc',
      connector: 'http@1',
      name: 'effects',
      config: { baseUrl: svc.url, auth: { type: 'none' } },
    });
    expect((await api.api('POST', '/api/v1/flows', crashFlow)).status).toBe(201);
    await api.api('POST', '/api/v1/flows/crashy/publish');
    await api.api('PUT', '/api/v1/flows/crashy/config', { bindings: { svc: 'svc' } });
  }, 180_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await checker?.end();
    await api?.close();
    await svc?.close();
  });

  function startWorker(instance = `crash-${randomBytes(3).toString('hex')}`): ChildProcess {
    return spawn(process.execPath, [entry], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: api.db.url,
        PORT: '0',
        LOG_LEVEL: 'silent',
        BRAID_LEASE_MS: '1000',
        BRAID_WORKER_CONCURRENCY: '6',
        BRAID_SECRET_KEY: api.rt.deps.config.secretKey?.toString('base64'),
        BRAID_INSTANCE_ID: instance,
      },
      stdio: 'ignore',
    });
  }

  it('completes every run exactly once across repeated SIGKILLs, never re-calling a completed step', async () => {
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const r = await api.api<{ runId: string }>('POST', '/api/v1/flows/crashy/runs', { i });
      runIds.push(r.body.runId);
    }
    let killedMidFlight = 0;
    for (let k = 0; k < KILLS; k += 1) {
      const instance = `crash-${k}-${randomBytes(3).toString('hex')}`;
      child = startWorker(instance);
      // Kill only once this worker is really executing (boot time varies with machine load),
      // then after a random extra moment so the kill lands at a different point each time.
      const bootDeadline = Date.now() + 30_000;
      while (Date.now() < bootDeadline) {
        const r = await api.sql<{ n: number }>(
          "select count(*)::int as n from runs where status = 'running' and lease_owner = $1",
          [instance],
        );
        if ((r[0]?.n ?? 0) > 0) break;
        const left = await api.sql<{ n: number }>(
          "select count(*)::int as n from runs where status <> 'succeeded'",
        );
        if ((left[0]?.n ?? 0) === 0) break;
        await new Promise((r2) => setTimeout(r2, 20));
      }
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 400)));
      const before = await api.sql<{ running: number }>(
        "select count(*)::int as running from runs where status = 'running' and lease_owner = $1",
        [instance],
      );
      child.kill('SIGKILL');
      await new Promise((r) => child?.once('exit', r));
      if ((before[0]?.running ?? 0) > 0) killedMidFlight += 1;
    }
    // The test only means something if the kills landed while runs were executing.
    expect(killedMidFlight).toBeGreaterThanOrEqual(KILLS - 2);
    child = startWorker();
    const deadline = Date.now() + 60_000;
    let open = RUNS;
    while (open > 0 && Date.now() < deadline) {
      const rows = await api.sql<{ n: number }>(
        "select count(*)::int as n from runs where id = any($1::uuid[]) and status <> 'succeeded'",
        [runIds],
      );
      open = rows[0]?.n ?? RUNS;
      if (open > 0) await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    expect(open).toBe(0);
    expect(violations).toEqual([]);
    // Every step of every run had its effect, and all attempts of a step shared one idempotency key.
    for (const id of runIds) {
      for (const s of STEPS) expect(effects.get(`${id}/${s}`)?.size, `${id}/${s}`).toBe(1);
    }
    const steps = await api.sql<{ n: number }>(
      "select count(*)::int as n from step_records where run_id = any($1::uuid[]) and status = 'succeeded'",
      [runIds],
    );
    expect(steps[0]?.n).toBe(RUNS * STEPS.length);
  }, 240_000);
});
