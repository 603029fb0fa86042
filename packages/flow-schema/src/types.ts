/**
 * TypeScript view of flow.schema.json. `schema-agreement.test.ts` proves these types and the
 * JSON Schema name the same properties, so the two cannot drift apart silently.
 */

/** The latest document format this package reads and writes. */
export const CURRENT_SCHEMA_VERSION = 1;

/** A JSONata expression, as text. */
export type Expression = string;

/** A field-by-field mapping: target path (dot separated) → JSONata expression. */
export interface FieldsMapping {
  target?: string;
  fields: Record<string, Expression>;
}

/** A mapping written as one raw JSONata expression (the escape hatch). */
export interface ExpressionMapping {
  target?: string;
  expression: Expression;
}

/** Either mapping form. */
export type Mapping = FieldsMapping | ExpressionMapping;

/** How a failing node is retried before its `error` port (or the dead letter) takes over. */
export interface RetryPolicy {
  attempts: number;
  backoff?: 'fixed' | 'exponential';
  initialDelayMs?: number;
  maxDelayMs?: number;
  jitter?: boolean;
}

/** A named connection slot, bound to stored credentials when the flow is installed. */
export interface ConnectionSlot {
  connector: string;
  label?: string;
  description?: string;
}

/** Starts a run per verified, deduplicated delivery of a connector event. */
export interface WebhookTrigger {
  type: 'webhook';
  connection: string;
  event: string;
  filter?: Expression;
}

/** Starts a run on every cron tick, once across all runtime instances. */
export interface ScheduleTrigger {
  type: 'schedule';
  cron: string;
  timezone?: string;
}

/** Started by a person from the designer. */
export interface ManualTrigger {
  type: 'manual';
  inputSchema?: Record<string, unknown>;
}

/** Started through the runtime API. */
export interface ApiTrigger {
  type: 'api';
  inputSchema?: Record<string, unknown>;
}

/** Calls a list operation on an interval and starts one run per item past the watermark. */
export interface PollTrigger {
  type: 'poll';
  connection: string;
  operation: string;
  input?: Mapping;
  intervalSeconds: number;
  items: Expression;
  watermark: { value: Expression; initial?: string };
  dedupeKey?: Expression;
}

/** Any trigger. */
export type Trigger = WebhookTrigger | ScheduleTrigger | ManualTrigger | ApiTrigger | PollTrigger;

/** Fields every node has. */
export interface NodeBase {
  id: string;
  label?: string;
  description?: string;
  timeoutMs?: number;
}

/** Calls a connector operation. */
export interface ActionNode extends NodeBase {
  type: 'action';
  connection: string;
  operation: string;
  input?: Mapping;
  retry?: RetryPolicy;
}

/** A pure transform; its output is the mapping's result. */
export interface MapNode extends NodeBase {
  type: 'map';
  output: Mapping;
}

/** Follows the first case whose condition holds, else the `default` port. */
export interface BranchNode extends NodeBase {
  type: 'branch';
  cases: { label: string; when: Expression }[];
}

/** Runs the sub-path behind its `body` port once per item, then continues on `next`. */
export interface ForEachNode extends NodeBase {
  type: 'forEach';
  items: Expression;
  concurrency?: number;
  collect?: Expression;
  retry?: RetryPolicy;
}

/** Waits without holding a worker. */
export interface DelayNode extends NodeBase {
  type: 'delay';
  durationMs?: number;
  until?: Expression;
}

/** Runs another flow as a child run. */
export interface SubflowNode extends NodeBase {
  type: 'subflow';
  flowId: string;
  input?: Mapping;
  wait?: boolean;
  retry?: RetryPolicy;
}

/** Ends the run as failed with a message. */
export interface FailNode extends NodeBase {
  type: 'fail';
  message: Expression;
  code?: string;
  /** Raise an alert when the run fails here (e.g. a declined payment someone must follow up). */
  alert?: boolean;
}

/** Ends the run successfully, optionally with an output. */
export interface StopNode extends NodeBase {
  type: 'stop';
  output?: Mapping;
}

/** Any node. */
export type FlowNode =
  ActionNode | MapNode | BranchNode | ForEachNode | DelayNode | SubflowNode | FailNode | StopNode;

/** The node kinds, in schema order. */
export type NodeType = FlowNode['type'];

/** A directed edge; `port` defaults to `next`. */
export interface Edge {
  from: string;
  to: string;
  port?: string;
}

/** A canvas position. */
export interface Position {
  x: number;
  y: number;
}

/** One version of a flow. */
export interface FlowDocument {
  $schema?: string;
  schemaVersion: number;
  id: string;
  name: string;
  description?: string;
  params?: Record<string, unknown>;
  connections?: Record<string, ConnectionSlot>;
  trigger: Trigger;
  concurrencyKey?: Expression;
  nodes: FlowNode[];
  edges: Edge[];
  layout?: Record<string, Position>;
}

/** The id edges use for the trigger. */
export const TRIGGER_NODE_ID = 'trigger';

/** Well-known ports. */
export const PORTS = { next: 'next', error: 'error', default: 'default', body: 'body' } as const;

/** The one document every expression sees. */
export interface ExpressionInput {
  trigger: unknown;
  steps: Record<string, unknown>;
  params: Record<string, unknown>;
  run: { id: string; flowId: string; startedAt: string };
  item?: unknown;
  index?: number;
}
