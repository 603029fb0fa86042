import type { ActionContext } from '@braid/engine';

/** A JSON Schema object (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

/** One operation of a connector: typed input and output, a recorded sample, and its `run`. */
export interface OperationDeclaration<I = unknown, O = unknown> {
  /** Stable id, e.g. `saleByCustomer`. Never changes once published. */
  id: string;
  label: string;
  description: string;
  input: JsonSchema;
  output: JsonSchema;
  /** A recorded input/output pair, shown in the designer and used by contract tests. */
  sample: { input: I; output: O };
  /** Whether the operation changes anything in the remote system (drives exactly-once care). */
  effect: 'read' | 'write';
  run(input: I, ctx: ConnectorContext): Promise<O>;
}

/** The context an operation runs in: the engine's action context plus the connector's HTTP client. */
export interface ConnectorContext extends ActionContext {
  http: HttpClient;
}

/** A verified, parsed inbound webhook delivery. */
export interface VerifiedDelivery {
  /** Provider event name, e.g. `orders/create`. */
  event: string;
  /** Unique id of the event (duplicates share it). */
  dedupeKey: string;
  payload: unknown;
  /** Provider timestamp of the event (ISO), when it sends one. */
  occurredAt?: string;
}

/** An inbound webhook as it arrived: raw bytes are kept for signature checks. */
export interface InboundRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** Webhook trigger support of a connector. */
export interface WebhookTriggerDeclaration {
  events: string[];
  /** JSON Schema of each event's payload; a delivery that does not match is refused (400). */
  payloads?: Record<string, JsonSchema>;
  /**
   * Verifies the signature (constant time, before parsing) and extracts event + dedupe key.
   * Throws `WebhookRejected` for forged or malformed deliveries.
   */
  verify(
    req: InboundRequest,
    connection: { config: Record<string, unknown>; secrets: Record<string, string> },
  ): VerifiedDelivery;
}

/** Why an inbound delivery was refused; `status` is the HTTP status to answer with. */
export class WebhookRejected extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 413 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

/** A connector: one typed declaration. */
export interface ConnectorDeclaration {
  /** `shopify`, `paytrace`, `qbo`, `http`. */
  id: string;
  /** Major version; flows pin `id@version`. */
  version: number;
  label: string;
  description: string;
  /** JSON Schema of the connection settings; secret fields carry `"x-secret": true`. */
  auth: JsonSchema;
  operations: Record<string, OperationDeclaration<never, unknown>>;
  webhook?: WebhookTriggerDeclaration;
  /** Requests per second a single connection may make (token bucket), if the service limits it. */
  rateLimit?: { requestsPerSecond: number; burst: number };
}

/** Minimal HTTP client handed to operations (undici underneath), with timeout and abort. */
export interface HttpClient {
  request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    timeoutMs?: number;
    signal?: AbortSignal;
  }): Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>;
}
