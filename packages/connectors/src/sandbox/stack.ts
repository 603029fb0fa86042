import type { Clock } from '@braid/engine';
import { type QboSandbox, QBO_SANDBOX_TOKEN, createQboSandbox } from '../erp/sandbox/index.js';
import { type PayTraceSandbox, createPayTraceSandbox } from '../paytrace/sandbox/index.js';
import { type ShopifySandbox, createShopifySandbox } from '../shopify/sandbox/index.js';
import { type RunningSandbox, startSandbox } from './server.js';

/** Fixed ports of `pnpm sandbox` (0 in tests picks free ones). */
export const SANDBOX_PORTS = { shopify: 4101, paytrace: 4102, qbo: 4103 } as const;

/** Credentials the sandboxes accept; connections made by `sandboxConnections` use them. */
export const SANDBOX_CREDENTIALS = {
  shopify: {
    shopDomain: 'braid-demo.myshopify.com',
    accessToken: 'shpat_braid_sandbox',
    clientSecret: 'braid-sandbox-webhook-secret',
  },
  paytrace: { username: 'demo', password: 'demo-password', integratorId: 'braid-sandbox' },
  qbo: { realmId: '9130357766900006', accessToken: QBO_SANDBOX_TOKEN },
} as const;

/** The three sandboxes, started. */
export interface SandboxStack {
  shopify: { sandbox: ShopifySandbox; server: RunningSandbox };
  paytrace: { sandbox: PayTraceSandbox; server: RunningSandbox };
  qbo: { sandbox: QboSandbox; server: RunningSandbox };
  close(): Promise<void>;
}

/** Options of `startSandboxStack`. */
export interface SandboxStackOptions {
  clock: Clock;
  /** Ports (default 0: free ports). */
  ports?: Partial<Record<'shopify' | 'paytrace' | 'qbo', number>>;
  /** ERP company limits (default QuickBooks' 10/s and 500/min). */
  qboLimits?: { perSecond?: number; perMinute?: number };
  /** Shopify cost points restored per second (default 100, the standard plan). */
  shopifyRestoreRate?: number;
  /** Settle PayTrace transactions once they are this old (default: only on demand). */
  paytraceSettleAfterMs?: number;
}

/** Starts Shopify, PayTrace and ERP sandboxes on 127.0.0.1. */
export async function startSandboxStack(options: SandboxStackOptions): Promise<SandboxStack> {
  const started: RunningSandbox[] = [];
  try {
    const shopify = createShopifySandbox({
      clock: options.clock,
      accessToken: SANDBOX_CREDENTIALS.shopify.accessToken,
      restoreRate: options.shopifyRestoreRate ?? 100,
    });
    const paytrace = createPayTraceSandbox({
      clock: options.clock,
      users: [
        {
          username: SANDBOX_CREDENTIALS.paytrace.username,
          password: SANDBOX_CREDENTIALS.paytrace.password,
        },
      ],
      ...(options.paytraceSettleAfterMs !== undefined
        ? { settleAfterMs: options.paytraceSettleAfterMs }
        : {}),
    });
    const qbo = createQboSandbox({
      clock: options.clock,
      ...(options.qboLimits ? { limits: options.qboLimits } : {}),
    });
    const shopifyServer = await startSandbox(shopify, { port: options.ports?.shopify ?? 0 });
    started.push(shopifyServer);
    const paytraceServer = await startSandbox(paytrace, { port: options.ports?.paytrace ?? 0 });
    started.push(paytraceServer);
    const qboServer = await startSandbox(qbo, { port: options.ports?.qbo ?? 0 });
    started.push(qboServer);
    return {
      shopify: { sandbox: shopify, server: shopifyServer },
      paytrace: { sandbox: paytrace, server: paytraceServer },
      qbo: { sandbox: qbo, server: qboServer },
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
}

/** Connection slot (as templates name them) → the id of the sandbox connection that serves it. */
export const SANDBOX_BINDINGS: Readonly<Record<string, string>> = {
  shopify: 'shopify-sandbox',
  paytrace: 'paytrace-sandbox',
  erp: 'qbo-sandbox',
};

/** A connection as the runtime API takes it (`POST /api/v1/connections`). */
export interface SandboxConnection {
  id: string;
  connector: string;
  name: string;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** Connections pointing at a running stack (ids `shopify-sandbox`, `paytrace-sandbox`, `qbo-sandbox`). */
export function sandboxConnections(
  urls: { shopify: string; paytrace: string; qbo: string },
  extra: {
    qboRateLimit?: { requestsPerSecond: number; burst: number };
    shopifyRateLimit?: { requestsPerSecond: number; burst: number };
  } = {},
): SandboxConnection[] {
  const c = SANDBOX_CREDENTIALS;
  return [
    {
      id: 'shopify-sandbox',
      connector: 'shopify@1',
      name: 'Shopify (sandbox)',
      config: {
        shopDomain: c.shopify.shopDomain,
        baseUrl: urls.shopify,
        ...(extra.shopifyRateLimit ? { rateLimit: extra.shopifyRateLimit } : {}),
      },
      secrets: { accessToken: c.shopify.accessToken, clientSecret: c.shopify.clientSecret },
    },
    {
      id: 'paytrace-sandbox',
      connector: 'paytrace@1',
      name: 'PayTrace (sandbox)',
      config: {
        baseUrl: urls.paytrace,
        username: c.paytrace.username,
        integratorId: c.paytrace.integratorId,
      },
      secrets: { password: c.paytrace.password },
    },
    {
      id: 'qbo-sandbox',
      connector: 'qbo@1',
      name: 'QuickBooks (sandbox)',
      config: {
        baseUrl: urls.qbo,
        realmId: c.qbo.realmId,
        ...(extra.qboRateLimit ? { rateLimit: extra.qboRateLimit } : {}),
      },
      secrets: { accessToken: c.qbo.accessToken },
    },
  ];
}
