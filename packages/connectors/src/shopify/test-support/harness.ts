import type { ActionContext, Logger, ResolvedConnection } from '@braid/engine';
import { type ConnectorRegistry, createConnectorRegistry } from '../../kit/registry.js';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.js';
import { createShopifyConnector } from '../connector.js';
import { type ShopifySandbox, createShopifySandbox } from '../sandbox/sandbox.js';
import type { ShopifySandboxOptions } from '../sandbox/sandbox.js';

/** Wall-clock time for tests that talk to a real local server. */
export const clock = { now: (): number => Date.now() };

/** A logger that drops everything. */
export const noopLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Access token the test sandbox accepts. */
export const ACCESS_TOKEN = 'shpat_test_0123456789';
/** Webhook client secret of the test connection. */
export const CLIENT_SECRET = 'shpss_test_secret';
/** Shop domain of the test connection. */
export const SHOP = 'braid-test.myshopify.com';

/** An ActionContext as the engine builds it. */
export function actionContext(connection: ResolvedConnection, signal?: AbortSignal): ActionContext {
  return {
    flowId: 'flow-1',
    runId: 'run-1',
    nodeId: 'node-1',
    attempt: 1,
    idempotencyKey: 'run-1:node-1',
    connection,
    signal: signal ?? new AbortController().signal,
    logger: noopLogger,
    clock,
  };
}

/** A running Shopify sandbox with a registry and a connection pointing at it. */
export interface Harness {
  sandbox: ShopifySandbox;
  running: RunningSandbox;
  registry: ConnectorRegistry;
  connection: ResolvedConnection;
  invoke(operation: string, input: unknown, connection?: ResolvedConnection): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1:0 and a registry with the Shopify connector. */
export async function startHarness(options: Partial<ShopifySandboxOptions> = {}): Promise<Harness> {
  const sandbox = createShopifySandbox({ clock, accessToken: ACCESS_TOKEN, ...options });
  const running = await startSandbox(sandbox, { host: '127.0.0.1', port: 0 });
  const registry = createConnectorRegistry([createShopifyConnector()], { clock });
  const connection: ResolvedConnection = {
    id: 'conn-shopify',
    connector: 'shopify@1',
    config: { shopDomain: SHOP, baseUrl: running.url, apiVersion: '2025-10' },
    secrets: { accessToken: ACCESS_TOKEN, clientSecret: CLIENT_SECRET },
  };
  return {
    sandbox,
    running,
    registry,
    connection,
    invoke: (operation, input, conn = connection) =>
      registry.invoke(conn, operation, input, actionContext(conn)),
    async close() {
      await registry.close();
      await running.close();
    },
  };
}

/** Runs `fn` and returns what it threw (fails when it does not throw). */
export async function failureOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}
