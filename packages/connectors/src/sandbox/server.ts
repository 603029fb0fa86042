import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FaultRule, FaultController } from './faults.js';

/** An inbound request as sandbox handlers see it. */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
  /** Path parameters from the route pattern (`/v3/company/:realmId/invoice`). */
  params: Record<string, string>;
}

/** What a handler answers. Objects are sent as JSON; strings as they are. */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One route of a sandbox. */
export interface SandboxRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/v1/transactions/sale/keyed`, with `:name` segments for parameters. */
  pattern: string;
  handler: (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;
}

/** A sandbox: a faithful fake of one external API. */
export interface SandboxDefinition {
  name: string;
  routes: SandboxRoute[];
  /** Forgets all state. */
  reset(): void;
  /** Loads state (orders, customers, ...) in the sandbox's own seed format. */
  seed?(data: unknown): void;
  /** A JSON view of the state, for tests and the demo. */
  state?(): unknown;
  /** The service's own error body for an injected status (e.g. Shopify's `{"errors": ...}`). */
  faultResponse?(status: number): SandboxResponse;
}

/** A started sandbox. */
export interface RunningSandbox {
  name: string;
  url: string;
  port: number;
  faults: FaultController;
  /** Method, path and status of every request, oldest first (bounded, no bodies). */
  requests(): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

interface CompiledRoute {
  route: SandboxRoute;
  regex: RegExp;
  names: string[];
}

function compile(route: SandboxRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}$`), names };
}

const MAX_BODY = 5 * 1024 * 1024;
const MAX_LOG = 2000;

/** Starts a sandbox on 127.0.0.1 (port 0 picks a free port) with the `/__sandbox` admin API. */
export async function startSandbox(
  def: SandboxDefinition,
  options: { port?: number; host?: string; random?: () => number } = {},
): Promise<RunningSandbox> {
  const routes = def.routes.map(compile);
  const faults = new FaultController(options.random ?? Math.random);
  const log: { method: string; path: string; status: number }[] = [];

  async function dispatch(req: SandboxRequest): Promise<SandboxResponse> {
    const admin = adminRoute(req, def, faults, log);
    if (admin) return admin;
    for (const r of routes) {
      if (r.route.method !== req.method) continue;
      const m = r.regex.exec(req.path);
      if (!m) continue;
      r.names.forEach((name, i) => (req.params[name] = decodeURIComponent(m[i + 1] ?? '')));
      return r.route.handler(req);
    }
    return {
      status: 404,
      body: { error: 'not_found', message: `${req.method} ${req.path} is not part of this API` },
    };
  }

  const server: Server = createServer((incoming, res) => {
    void handle(incoming, res);
  });

  async function handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of incoming) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        send(res, { status: 413, body: { error: 'payload_too_large' } });
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const url = new URL(incoming.url ?? '/', 'http://sandbox.local');
    const req: SandboxRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      rawBody: Buffer.concat(chunks),
      params: {},
    };
    const rule: FaultRule | undefined = req.path.startsWith('/__sandbox')
      ? undefined
      : faults.pick(req.method, req.path);
    if (rule?.latencyMs) await new Promise((r) => setTimeout(r, rule.latencyMs));
    if (rule?.timeout) return; // never answer: the socket is destroyed when the sandbox closes
    if (rule?.status) {
      const injected = def.faultResponse?.(rule.status) ?? {
        status: rule.status,
        body: { error: 'injected fault' },
      };
      const headers = { ...injected.headers };
      if (rule.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(rule.retryAfterSeconds);
      record(req, rule.status);
      send(res, { ...injected, status: rule.status, headers });
      return;
    }
    let response: SandboxResponse;
    try {
      response = await dispatch(req);
    } catch (err) {
      response = {
        status: 500,
        body: { error: 'sandbox_failure', message: (err as Error).message },
      };
    }
    record(req, response.status);
    if (rule?.lostResponse) {
      // The effect happened; the caller never learns it.
      res.socket?.destroy();
      return;
    }
    send(res, response);
  }

  function record(req: SandboxRequest, status: number): void {
    if (req.path.startsWith('/__sandbox')) return;
    log.push({ method: req.method, path: req.path, status });
    if (log.length > MAX_LOG) log.shift();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    name: def.name,
    url: `http://127.0.0.1:${port}`,
    port,
    faults,
    requests: () => [...log],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const isText = typeof response.body === 'string';
  const payload =
    response.body === undefined
      ? ''
      : isText
        ? (response.body as string)
        : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...response.headers,
  });
  res.end(payload);
}

function adminRoute(
  req: SandboxRequest,
  def: SandboxDefinition,
  faults: FaultController,
  log: { method: string; path: string; status: number }[],
): SandboxResponse | undefined {
  if (!req.path.startsWith('/__sandbox/')) return undefined;
  const what = req.path.slice('/__sandbox/'.length);
  const body = (): unknown =>
    req.rawBody.length ? (JSON.parse(req.rawBody.toString('utf8')) as unknown) : undefined;
  switch (`${req.method} ${what}`) {
    case 'GET faults':
      return { status: 200, body: { rules: faults.list() } };
    case 'POST faults':
      return { status: 200, body: { rules: faults.add(body()) } };
    case 'DELETE faults':
      faults.clear();
      return { status: 204 };
    case 'POST reset':
      def.reset();
      faults.clear();
      log.length = 0;
      return { status: 204 };
    case 'POST seed':
      def.seed?.(body());
      return { status: 204 };
    case 'GET state':
      return { status: 200, body: def.state?.() ?? {} };
    case 'GET requests':
      return { status: 200, body: { requests: log } };
    default:
      // Sandbox-specific admin routes (e.g. Shopify's webhook sender) are ordinary routes.
      return undefined;
  }
}
