import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { request } from 'undici';
import { type RunningRuntime, startRuntime } from '../runtime.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** A runtime on a fresh database, with a tiny API client. */
export interface Harness {
  rt: RunningRuntime;
  db: TestDatabase;
  key: string;
  api<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  /** Waits (bounded) until the run reaches one of the statuses; returns its detail. */
  waitForRun(
    runId: string,
    statuses: string[],
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  sql<T = Record<string, unknown>>(text: string, args?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Starts a runtime for a test file (workers on, port 0, quiet logs). */
export async function startHarness(config: Record<string, unknown> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const rt = await startRuntime({
    env: {},
    config: {
      databaseUrl: db.url,
      port: 0,
      secretKey: randomBytes(32),
      leaseMs: 5000,
      logLevel: 'silent',
      ...config,
    },
    logger: pino({ level: process.env.BRAID_TEST_LOG ?? 'silent' }),
  });
  if (!rt.adminKey) throw new Error('a fresh database must produce an admin key');
  const key = rt.adminKey;
  const api: Harness['api'] = async (method, path, body, headers = {}) => {
    const res = await request(`${rt.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: (text ? JSON.parse(text) : undefined) as never };
  };
  return {
    rt,
    db,
    key,
    api,
    async waitForRun(runId, statuses, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await api('GET', `/api/v1/runs/${runId}`);
        if (statuses.includes(String(body.status))) return body;
        if (Date.now() > deadline) {
          throw new Error(
            `run ${runId} is ${String(body.status)}, expected ${statuses.join('|')}: ${JSON.stringify(body.error)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async sql(text, args = []) {
      const res = await rt.deps.pool.query(text, args);
      return res.rows as never;
    },
    async close() {
      await rt.stop();
      await db.drop();
    },
  };
}

/** A scripted local HTTP service that records calls (the "external system" of a test). */
export interface TestService {
  url: string;
  calls: { method: string; path: string; body: unknown; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** Starts a service on 127.0.0.1 whose handler decides each answer. */
export async function startTestService(
  handler: (
    req: { method: string; path: string; body: unknown; count: number },
    res: ServerResponse,
  ) => void,
): Promise<TestService> {
  const calls: TestService['calls'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body: unknown = text ? JSON.parse(text) : undefined;
      const path = req.url ?? '/';
      calls.push({ method: req.method ?? 'GET', path, body, headers: req.headers });
      handler(
        {
          method: req.method ?? 'GET',
          path,
          body,
          count: calls.filter((c) => c.path === path).length,
        },
        res,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Answers JSON. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
