import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Harness,
  type TestService,
  json,
  startHarness,
  startTestService,
} from '../../test-support/harness.js';
import { syncTemplates } from './template-store.js';

const manifest = (version: string) => ({
  id: 'forward-orders',
  name: 'Forward orders',
  description: 'Posts each order total to a ledger service.',
  version,
  category: 'orders',
  tags: ['ledger', 'http'],
  params: {
    type: 'object',
    required: ['threshold'],
    properties: {
      currency: { type: 'string', enum: ['USD', 'EUR', 'JPY'], default: 'USD' },
      threshold: { type: 'integer', minimum: 0 },
    },
    additionalProperties: false,
  },
  connections: { ledger: { connector: 'http@1', label: 'Ledger service' } },
  sampleRuns: [{ name: 'small order', trigger: { total: '12.50' }, output: { posted: true } }],
});

const flow = (extra: boolean) => ({
  schemaVersion: 1,
  id: 'forward-orders',
  name: 'Forward orders',
  connections: { ledger: { connector: 'http@1' } },
  trigger: { type: 'api' },
  nodes: [
    {
      id: 'post',
      type: 'action',
      connection: 'ledger',
      operation: 'request',
      input: {
        fields: {
          method: '"POST"',
          url: extra ? '"/v2/entries"' : '"/entries"',
          body: '{"total": trigger.total, "currency": params.currency, "big": $number(trigger.total) > params.threshold}',
        },
      },
    },
    ...(extra ? [{ id: 'done', type: 'map', output: { fields: { ok: 'true' } } }] : []),
  ],
  edges: [{ from: 'trigger', to: 'post' }, ...(extra ? [{ from: 'post', to: 'done' }] : [])],
});

function writeTemplate(dir: string, version: string, extra: boolean): void {
  const folder = path.join(dir, 'forward-orders');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'template.json'), JSON.stringify(manifest(version)));
  writeFileSync(path.join(folder, 'flow.json'), JSON.stringify(flow(extra)));
}

describe('template marketplace', () => {
  let h: Harness;
  let svc: TestService;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'braid-templates-'));
    writeTemplate(dir, '1.0.0', false);
    svc = await startTestService((_req, res) => json(res, 200, { ok: true }));
    h = await startHarness({ templatesDir: dir });
    await h.api('POST', '/api/v1/connections', {
      id: 'ledger-conn',
      connector: 'http@1',
      name: 'ledger',
      config: { baseUrl: svc.url, auth: { type: 'none' } },
    });
  });

  afterAll(async () => {
    await h?.close();
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, searches and previews templates', async () => {
    const all = await h.api<{ templates: { id: string; versions: string[] }[] }>(
      'GET',
      '/api/v1/templates',
    );
    expect(all.body.templates.map((t) => t.id)).toEqual(['forward-orders']);
    const hit = await h.api<{ templates: unknown[] }>(
      'GET',
      '/api/v1/templates?q=LEDGER%20orders&category=orders',
    );
    expect(hit.body.templates).toHaveLength(1);
    const miss = await h.api<{ templates: unknown[] }>('GET', '/api/v1/templates?category=refunds');
    expect(miss.body.templates).toHaveLength(0);
    const preview = await h.api<Record<string, unknown>>('GET', '/api/v1/templates/forward-orders');
    expect(preview.body).toMatchObject({ version: '1.0.0', flow: { id: 'forward-orders' } });
    expect(preview.body.sampleRuns).toHaveLength(1);
    expect((await h.api('GET', '/api/v1/templates/nope')).status).toBe(404);
  });

  it('refuses bad parameters and bindings with 422 and field paths, creating nothing', async () => {
    const bad = await h.api<{ problems: { path: string }[] }>(
      'POST',
      '/api/v1/templates/forward-orders/install',
      { params: { currency: 'GBP', threshold: -1 }, bindings: { ledger: 'ledger-conn' } },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.problems.map((p) => p.path).sort()).toEqual([
      '/params/currency',
      '/params/threshold',
    ]);
    const missing = await h.api<{ problems: { path: string }[] }>(
      'POST',
      '/api/v1/templates/forward-orders/install',
      { params: {}, bindings: { ledger: 'ghost' } },
    );
    expect(missing.status).toBe(422);
    expect(missing.body.problems.map((p) => p.path)).toEqual(['/params/threshold']);
    const unbound = await h.api<{ problems: { path: string }[] }>(
      'POST',
      '/api/v1/templates/forward-orders/install',
      { params: { threshold: 10 }, bindings: { ledger: 'ghost' } },
    );
    expect(unbound.body.problems.map((p) => p.path)).toEqual(['/bindings/ledger']);
    expect(await h.sql(`select id from flows`)).toEqual([]);
  });

  it('installs a runnable draft that remembers its origin, with defaults filled in', async () => {
    const res = await h.api<{ flow: Record<string, unknown> }>(
      'POST',
      '/api/v1/templates/forward-orders/install',
      {
        flowId: 'my-orders',
        params: { threshold: 10 },
        bindings: { ledger: 'ledger-conn' },
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.flow).toMatchObject({
      id: 'my-orders',
      enabled: false,
      params: { threshold: 10, currency: 'USD' },
      origin: { templateId: 'forward-orders', version: '1.0.0' },
      problems: [],
    });
    expect((await h.api('POST', '/api/v1/flows/my-orders/publish')).status).toBe(201);
    const run = await h.api<{ runId: string }>('POST', '/api/v1/flows/my-orders/runs', {
      total: '12.50',
    });
    await h.waitForRun(run.body.runId, ['succeeded']);
    expect(svc.calls.at(-1)?.body).toEqual({ total: '12.50', currency: 'USD', big: true });
  });

  it('shows the diff of an upgrade, including local edits it replaces, then upgrades', async () => {
    const edited = {
      ...flow(false),
      id: 'my-orders',
      name: 'Forward orders',
      description: 'local note',
    };
    expect((await h.api('PUT', '/api/v1/flows/my-orders', edited)).status).toBe(200);
    writeTemplate(dir, '1.1.0', true);
    await syncTemplates(h.rt.deps.pool, dir, pino({ level: 'silent' }));
    const inst = await h.api<{ installations: Record<string, unknown>[] }>(
      'GET',
      '/api/v1/templates/installations',
    );
    expect(inst.body.installations).toEqual([
      expect.objectContaining({
        flowId: 'my-orders',
        version: '1.0.0',
        latest: '1.1.0',
        upgradeAvailable: true,
      }),
    ]);
    const plan = await h.api<{
      changes: { op: string; path: string }[];
      localEdits: { path: string }[];
    }>('GET', '/api/v1/templates/installations/my-orders/upgrade');
    expect(plan.body.changes.map((c) => `${c.op} ${c.path}`)).toEqual([
      'remove /description',
      'add /nodes/done',
      'replace /nodes/post/input/fields/url',
      'add /edges/post:next->done',
    ]);
    expect(plan.body.localEdits.map((c) => c.path)).toEqual(['/description']);
    const up = await h.api<{ flow: Record<string, unknown> }>(
      'POST',
      '/api/v1/templates/installations/my-orders/upgrade',
      {},
    );
    expect(up.status).toBe(201);
    expect(up.body.flow).toMatchObject({
      origin: { version: '1.1.0' },
      params: { threshold: 10, currency: 'USD' },
    });
    const old = await h.api<Record<string, unknown>>(
      'GET',
      '/api/v1/templates/forward-orders?version=1.0.0',
    );
    expect(old.body.version).toBe('1.0.0');
  });

  it('uninstalls by archiving: the flow leaves the list, its runs stay', async () => {
    expect((await h.api('DELETE', '/api/v1/templates/installations/my-orders')).status).toBe(200);
    const flows = await h.api<{ flows: unknown[] }>('GET', '/api/v1/flows');
    expect(flows.body.flows).toEqual([]);
    const runs = await h.sql<{ n: number }>(
      `select count(*)::int as n from runs where flow_id = 'my-orders'`,
    );
    expect(runs[0]?.n).toBe(1);
    expect(await h.sql(`select enabled from flows where id = 'my-orders'`)).toEqual([
      { enabled: false },
    ]);
  });
});
