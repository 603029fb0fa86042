import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config/config.js';
import { type Harness, startHarness } from './test-support/harness.js';

describe('boot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs a published flow started through the runtime API', async () => {
    const flow = {
      schemaVersion: 1,
      id: 'plus-one',
      name: 'Plus one',
      trigger: { type: 'api' },
      nodes: [
        {
          id: 'a',
          type: 'map',
          output: { fields: { x: 'trigger.n + 1', total: '$money(trigger.n, "KWD")' } },
        },
      ],
      edges: [{ from: 'trigger', to: 'a' }],
    };
    expect((await h.api('POST', '/api/v1/flows', flow)).status).toBe(201);
    expect((await h.api('POST', '/api/v1/flows/plus-one/publish')).status).toBe(201);
    const r = await h.api<{ runId: string }>('POST', '/api/v1/flows/plus-one/runs', { n: 41 });
    expect(r.status).toBe(202);
    const run = await h.waitForRun(r.body.runId, ['succeeded', 'dead_letter', 'failed']);
    expect(run.output).toEqual({ x: 42, total: '41.000' });
    expect(run.steps).toHaveLength(1);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    const get = async (path: string) => {
      const res = await request(`${h.rt.url}${path}`);
      return { status: res.statusCode, text: await res.body.text() };
    };
    expect((await get('/healthz')).status).toBe(200);
    expect(JSON.parse((await get('/readyz')).text)).toEqual({ status: 'ready', database: 'ok' });
    const metrics = await get('/metrics');
    expect(metrics.text).toContain('braid_runs_finished_total');
    expect(metrics.text).toMatch(/braid_runs\{status="queued"\} \d+/);
    const openapi = JSON.parse((await get('/api/docs/openapi.json')).text) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/runs', '/api/v1/flows/{id}/runs']),
    );
  });

  it('stores API keys only as hashes', async () => {
    const rows = await h.sql<{ hash: string }>('select hash from api_keys');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.hash).not.toContain(h.key);
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('config', () => {
  it('names the variable and the reason for a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      /PORT="eighty" must be a whole number from 0 to 65535/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must use postgres: or postgresql:/,
    );
    expect(() => loadConfig({ BRAID_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(loadConfig({}).port).toBe(3000);
  });
});
