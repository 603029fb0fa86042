import { randomBytes } from 'node:crypto';
import type { ActionContext, Logger, ResolvedConnection } from '@braid/engine';
import { createConnectorRegistry, type ConnectorRegistry } from '../../kit/registry.js';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.js';
import { createQboConnector } from '../connector.js';
import {
  createQboSandbox,
  QBO_SANDBOX_TOKEN,
  type QboSandbox,
  type QboSandboxOptions,
} from '../sandbox/index.js';

/** The realm the tests use. */
export const REALM = '9130350000000000';

/** A logger that remembers warnings and drops everything else. */
export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const noop = (): void => undefined;
  return {
    warnings,
    debug: noop,
    info: noop,
    error: noop,
    warn: (_obj, msg) => warnings.push(msg ?? ''),
  };
}

/** A fresh 43-character base64url idempotency key, as the engine makes them. */
export function newKey(): string {
  return randomBytes(32).toString('base64url');
}

/** A started QBO sandbox plus a registry with the QBO connector pointed at it. */
export interface QboHarness {
  def: QboSandbox;
  sandbox: RunningSandbox;
  registry: ConnectorRegistry;
  connection: ResolvedConnection;
  ctx(key?: string, logger?: Logger): ActionContext;
  invoke<T = Record<string, unknown>>(op: string, input: unknown, ctx?: ActionContext): Promise<T>;
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1:0 and a registry using real time for its rate limiter. */
export async function startQboHarness(options: QboSandboxOptions = {}): Promise<QboHarness> {
  const def = createQboSandbox(options);
  const sandbox = await startSandbox(def);
  const registry = createConnectorRegistry([createQboConnector()], {
    clock: { now: () => Date.now() },
  });
  const connection: ResolvedConnection = {
    id: 'qbo-test',
    connector: 'qbo@1',
    config: { baseUrl: sandbox.url, realmId: REALM },
    secrets: { accessToken: QBO_SANDBOX_TOKEN },
  };
  const ctx = (key = newKey(), logger: Logger = recordingLogger()): ActionContext => ({
    flowId: 'flow-1',
    runId: 'run-1',
    nodeId: 'node-1',
    attempt: 1,
    idempotencyKey: key,
    connection,
    signal: new AbortController().signal,
    logger,
    clock: { now: () => Date.now() },
  });
  return {
    def,
    sandbox,
    registry,
    connection,
    ctx,
    invoke: async <T>(op: string, input: unknown, c: ActionContext = ctx()) =>
      (await registry.invoke(connection, op, input, c)) as T,
    async close() {
      await registry.close();
      await sandbox.close();
    },
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

/** A clock that moves `stepMs` forward on every read, so real-time limits never trip. */
export function steppingClock(
  startMs = Date.UTC(2025, 0, 15, 12),
  stepMs = 150,
): {
  now(): number;
} {
  let t = startMs;
  return { now: () => (t += stepMs) };
}
