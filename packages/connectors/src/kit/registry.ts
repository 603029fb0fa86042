import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  type ActionContext,
  type ConnectorPort,
  type ResolvedConnection,
  StepFailure,
  type Clock,
} from '@braid/engine';
import type { ConnectorDeclaration, HttpClient, OperationDeclaration } from './types.js';
import { createHttpClient } from './http-client.js';
import { RateLimitWait, TokenBucket } from './rate-limiter.js';

/** Longest a call waits in its connection's rate limiter before the step is rescheduled. */
const MAX_LIMITER_WAIT_MS = 2_000;

/** Declares a connector; the identity function exists so TypeScript checks the declaration. */
export function defineConnector<T extends ConnectorDeclaration>(declaration: T): T {
  return declaration;
}

/** Declares one operation with its input and output types. */
export function defineOperation<I, O>(op: OperationDeclaration<I, O>): OperationDeclaration<I, O> {
  return op;
}

/** What the designer's palette needs to know about a connector (no `run`, no secrets). */
export interface CatalogEntry {
  ref: string;
  id: string;
  version: number;
  label: string;
  description: string;
  auth: Record<string, unknown>;
  events: string[];
  /** JSON Schema of each event's payload, where the connector declares one. */
  payloads: Record<string, Record<string, unknown>>;
  operations: {
    id: string;
    label: string;
    description: string;
    effect: 'read' | 'write';
    input: Record<string, unknown>;
    output: Record<string, unknown>;
    sample: { input: unknown; output: unknown };
  }[];
}

/** The connector registry: implements the engine's ConnectorPort over connector declarations. */
export interface ConnectorRegistry extends ConnectorPort {
  get(ref: string): ConnectorDeclaration | undefined;
  catalog(): CatalogEntry[];
  /** Problems of a webhook payload against its event's declared schema (empty when it fits). */
  checkWebhookPayload(ref: string, event: string, payload: unknown): string[];
  close(): Promise<void>;
}

/** Turns ajv errors into readable lines with JSON pointers (`/customer/id must be string`). */
export function ajvProblems(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const missing =
      e.keyword === 'required'
        ? `/${String((e.params as { missingProperty?: string }).missingProperty)}`
        : '';
    return `${e.instancePath}${missing} ${e.message ?? 'is invalid'}`.trim();
  });
}

/** Turns ajv errors into one readable line with JSON pointers. */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined): string {
  return ajvProblems(errors).join('; ');
}

/**
 * A connection's own rate limit (`config.rateLimit`), for accounts whose limits differ from the
 * connector's default (higher plans, sandbox companies).
 */
export function rateLimitOf(
  config: Record<string, unknown>,
): { requestsPerSecond: number; burst: number } | undefined {
  const raw = config.rateLimit as { requestsPerSecond?: unknown; burst?: unknown } | undefined;
  if (!raw || typeof raw.requestsPerSecond !== 'number' || raw.requestsPerSecond <= 0) {
    return undefined;
  }
  const burst =
    typeof raw.burst === 'number' && raw.burst >= 1 ? raw.burst : Math.ceil(raw.requestsPerSecond);
  return { requestsPerSecond: raw.requestsPerSecond, burst };
}

/** Builds the registry; one HTTP client and one rate limiter per connection id. */
export function createConnectorRegistry(
  declarations: readonly ConnectorDeclaration[],
  options: {
    clock: Clock;
    http?: (connectorId: string) => HttpClient & { close?: () => Promise<void> };
  },
): ConnectorRegistry {
  const byRef = new Map(declarations.map((d) => [`${d.id}@${d.version}`, d]));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validators = new Map<OperationDeclaration<never, unknown>, ValidateFunction>();
  const payloadValidators = new Map<object, ValidateFunction>();
  const clients = new Map<string, HttpClient & { close?: () => Promise<void> }>();
  const buckets = new Map<string, TokenBucket>();

  function validatorFor(op: OperationDeclaration<never, unknown>): ValidateFunction {
    let v = validators.get(op);
    if (!v) {
      v = ajv.compile(op.input);
      validators.set(op, v);
    }
    return v;
  }

  function httpFor(decl: ConnectorDeclaration): HttpClient {
    let client = clients.get(decl.id);
    if (!client) {
      client = options.http ? options.http(decl.id) : createHttpClient(decl.id);
      clients.set(decl.id, client);
    }
    return client;
  }

  async function invoke(
    connection: ResolvedConnection,
    operation: string,
    input: unknown,
    ctx: ActionContext,
  ): Promise<unknown> {
    const decl = byRef.get(connection.connector);
    if (!decl) {
      throw new StepFailure({
        kind: 'fatal',
        code: 'UNKNOWN_CONNECTOR',
        message: `no connector ${connection.connector}`,
      });
    }
    const op = decl.operations[operation];
    if (!op) {
      throw new StepFailure({
        kind: 'fatal',
        code: 'UNKNOWN_OPERATION',
        message: `${connection.connector} has no operation ${operation}`,
      });
    }
    const validate = validatorFor(op);
    if (!validate(input)) {
      throw new StepFailure({
        kind: 'fatal',
        code: 'INPUT_INVALID',
        message: `${decl.id}.${operation} input is invalid: ${describeAjvErrors(validate.errors)}`,
        details: {
          errors: (validate.errors ?? []).map((e) => ({
            path: e.instancePath,
            message: e.message,
          })),
        },
      });
    }
    const limit = rateLimitOf(connection.config) ?? decl.rateLimit;
    if (limit) {
      let bucket = buckets.get(connection.id);
      if (!bucket) {
        bucket = new TokenBucket(limit.requestsPerSecond, limit.burst, options.clock);
        buckets.set(connection.id, bucket);
      }
      try {
        await bucket.take(ctx.signal, MAX_LIMITER_WAIT_MS);
      } catch (err) {
        if (!(err instanceof RateLimitWait)) throw err;
        // Free the worker instead of spending the step's timeout in a queue.
        throw new StepFailure({
          kind: 'retryable',
          code: `${decl.id.toUpperCase()}_RATE_LIMITED`,
          message: `${decl.id}: the connection's rate limit has no slot for ${err.waitMs} ms`,
          retryAfterMs: err.waitMs,
          // Nothing was sent: the engine waits without spending an attempt.
          details: { deferred: true },
        });
      }
    }
    return op.run(input as never, { ...ctx, http: httpFor(decl) });
  }

  return {
    invoke,
    get: (ref) => byRef.get(ref),
    checkWebhookPayload(ref, event, payload) {
      const schema = byRef.get(ref)?.webhook?.payloads?.[event];
      if (!schema) return [];
      let validate = payloadValidators.get(schema);
      if (!validate) {
        validate = ajv.compile(schema);
        payloadValidators.set(schema, validate);
      }
      return validate(payload) ? [] : ajvProblems(validate.errors).slice(0, 5);
    },
    catalog: () =>
      [...byRef.entries()].map(([ref, d]) => ({
        ref,
        id: d.id,
        version: d.version,
        label: d.label,
        description: d.description,
        auth: d.auth,
        events: d.webhook?.events ?? [],
        payloads: d.webhook?.payloads ?? {},
        operations: Object.values(d.operations).map((op) => ({
          id: op.id,
          label: op.label,
          description: op.description,
          effect: op.effect,
          input: op.input,
          output: op.output,
          sample: op.sample,
        })),
      })),
    async close() {
      await Promise.all([...clients.values()].map(async (c) => c.close?.()));
    },
  };
}
