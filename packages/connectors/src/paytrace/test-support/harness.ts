import { randomUUID } from 'node:crypto';
import type { ActionContext, Clock, ResolvedConnection } from '@braid/engine';
import { createConnectorRegistry, type ConnectorRegistry } from '../../kit/registry.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { createPayTraceConnector } from '../connector.js';
import {
  createPayTraceSandbox,
  sandboxEncrypt,
  type PayTraceSandbox,
  type PayTraceSandboxOptions,
} from '../sandbox/index.js';

/** A clock tests move by hand. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock starting at `start` that only moves when told. */
export function manualClock(start = Date.UTC(2025, 5, 2, 15, 30, 0)): ManualClock {
  let t = start;
  return {
    now: () => t,
    set: (ms) => (t = ms),
    advance: (ms) => (t += ms),
  };
}

const noop = (): void => undefined;

// Tests assert on loosely typed operation outputs and StepFailures.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** A running sandbox, a registry and one PayTrace connection wired together. */
export interface Harness {
  sandbox: PayTraceSandbox;
  running: RunningSandbox;
  registry: ConnectorRegistry;
  connection: ResolvedConnection;
  clock: ManualClock;
  ctx(overrides?: Partial<ActionContext>): ActionContext;
  invoke(operation: string, input: unknown, overrides?: Partial<ActionContext>): Promise<Loose>;
  /** Requests the sandbox saw to paths starting with `prefix`. */
  calls(prefix: string): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

/** Starts the PayTrace sandbox on 127.0.0.1:0 and a registry pointing at it. */
export async function startHarness(
  options: PayTraceSandboxOptions & { config?: Record<string, unknown>; password?: string } = {},
): Promise<Harness> {
  const clock = manualClock();
  const sandbox = createPayTraceSandbox({ clock, ...options });
  const running = await startSandbox(sandbox);
  const registry = createConnectorRegistry([createPayTraceConnector()], {
    clock: { now: () => Date.now() },
  });
  const connection: ResolvedConnection = {
    id: `conn-${randomUUID()}`,
    connector: 'paytrace@1',
    config: {
      baseUrl: running.url,
      username: 'demo',
      integratorId: '9999BRAID',
      timeoutMs: 1500,
      ...options.config,
    },
    secrets: { password: options.password ?? 'demo-password' },
  };
  const idempotencyKey = `run-${randomUUID()}:charge`;
  const ctx = (overrides: Partial<ActionContext> = {}): ActionContext => ({
    flowId: 'flow-1',
    runId: 'run-1',
    nodeId: 'charge',
    attempt: 1,
    idempotencyKey,
    connection,
    signal: new AbortController().signal,
    logger: { debug: noop, info: noop, warn: noop, error: noop },
    clock,
    ...overrides,
  });
  return {
    sandbox,
    running,
    registry,
    connection,
    clock,
    ctx,
    invoke: (operation, input, overrides) =>
      registry.invoke(connection, operation, input, ctx(overrides)),
    calls: (prefix) => running.requests().filter((r) => r.path.startsWith(prefix)),
    async close() {
      await registry.close();
      await running.close();
    },
  };
}

/** A keyed card as browser-side encryption would send it (sandbox encryption). */
export function encryptedCard(
  number = '4012000098765439',
  csc = '999',
): { card: Record<string, string>; encryptedCsc: string } {
  return {
    card: {
      encryptedNumber: sandboxEncrypt(number),
      expirationMonth: '12',
      expirationYear: '2030',
    },
    encryptedCsc: sandboxEncrypt(csc),
  };
}

/** Runs `fn` and returns what it threw. */
export async function failureOf(fn: () => Promise<unknown>): Promise<Loose> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}
