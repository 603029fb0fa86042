import { describe, expect, it } from 'vitest';
import schema from '../flow.schema.json' with { type: 'json' };
import type * as T from './types.js';

/** Keys of T that are not optional. */
type RequiredKeys<X> = {
  [K in keyof X]-?: Record<string, never> extends Pick<X, K> ? never : K;
}[keyof X];

/**
 * Every key of T (`all`) and its non-optional keys (`required`). The compiler rejects a missing
 * or extra key, so these literals are the TypeScript side of the comparison.
 */
interface KeySets<X> {
  all: Record<keyof X, true>;
  required: Record<RequiredKeys<X>, true>;
}

const keys = <X>(sets: KeySets<X>) => ({
  all: Object.keys(sets.all).sort(),
  required: Object.keys(sets.required).sort(),
});

const base = { id: true, type: true, label: true, description: true, timeoutMs: true } as const;
const baseRequired = { id: true, type: true } as const;

const TS = {
  document: keys<T.FlowDocument>({
    all: {
      $schema: true,
      schemaVersion: true,
      id: true,
      name: true,
      description: true,
      params: true,
      connections: true,
      trigger: true,
      concurrencyKey: true,
      nodes: true,
      edges: true,
      layout: true,
    },
    required: {
      schemaVersion: true,
      id: true,
      name: true,
      trigger: true,
      nodes: true,
      edges: true,
    },
  }),
  connectionSlot: keys<T.ConnectionSlot>({
    all: { connector: true, label: true, description: true },
    required: { connector: true },
  }),
  retry: keys<T.RetryPolicy>({
    all: { attempts: true, backoff: true, initialDelayMs: true, maxDelayMs: true, jitter: true },
    required: { attempts: true },
  }),
  fieldsMapping: keys<T.FieldsMapping>({
    all: { target: true, fields: true },
    required: { fields: true },
  }),
  expressionMapping: keys<T.ExpressionMapping>({
    all: { target: true, expression: true },
    required: { expression: true },
  }),
  position: keys<T.Position>({ all: { x: true, y: true }, required: { x: true, y: true } }),
  edge: keys<T.Edge>({
    all: { from: true, to: true, port: true },
    required: { from: true, to: true },
  }),
  webhookTrigger: keys<T.WebhookTrigger>({
    all: { type: true, connection: true, event: true, filter: true },
    required: { type: true, connection: true, event: true },
  }),
  scheduleTrigger: keys<T.ScheduleTrigger>({
    all: { type: true, cron: true, timezone: true },
    required: { type: true, cron: true },
  }),
  manualTrigger: keys<T.ManualTrigger>({
    all: { type: true, inputSchema: true },
    required: { type: true },
  }),
  apiTrigger: keys<T.ApiTrigger>({
    all: { type: true, inputSchema: true },
    required: { type: true },
  }),
  pollTrigger: keys<T.PollTrigger>({
    all: {
      type: true,
      connection: true,
      operation: true,
      input: true,
      intervalSeconds: true,
      items: true,
      watermark: true,
      dedupeKey: true,
    },
    required: {
      type: true,
      connection: true,
      operation: true,
      intervalSeconds: true,
      items: true,
      watermark: true,
    },
  }),
  watermark: keys<T.PollTrigger['watermark']>({
    all: { value: true, initial: true },
    required: { value: true },
  }),
  branchCase: keys<T.BranchNode['cases'][number]>({
    all: { label: true, when: true },
    required: { label: true, when: true },
  }),
  actionNode: keys<T.ActionNode>({
    all: { ...base, connection: true, operation: true, input: true, retry: true },
    required: { ...baseRequired, connection: true, operation: true },
  }),
  mapNode: keys<T.MapNode>({
    all: { ...base, output: true },
    required: { ...baseRequired, output: true },
  }),
  branchNode: keys<T.BranchNode>({
    all: { ...base, cases: true },
    required: { ...baseRequired, cases: true },
  }),
  forEachNode: keys<T.ForEachNode>({
    all: { ...base, items: true, concurrency: true, collect: true, retry: true },
    required: { ...baseRequired, items: true },
  }),
  delayNode: keys<T.DelayNode>({
    all: { ...base, durationMs: true, until: true },
    required: baseRequired,
  }),
  subflowNode: keys<T.SubflowNode>({
    all: { ...base, flowId: true, input: true, wait: true, retry: true },
    required: { ...baseRequired, flowId: true },
  }),
  failNode: keys<T.FailNode>({
    all: { ...base, message: true, code: true, alert: true },
    required: { ...baseRequired, message: true },
  }),
  stopNode: keys<T.StopNode>({ all: { ...base, output: true }, required: baseRequired }),
};

interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
  items?: unknown;
  oneOf?: unknown[];
}

const defs = schema.$defs as unknown as Record<string, ObjectSchema>;
const def = (name: string): ObjectSchema => defs[name]!;
const nodeBase = def('nodeBase');
const fromSchema = (s: ObjectSchema, extra: ObjectSchema = {}) => ({
  all: [
    ...new Set([...Object.keys(extra.properties ?? {}), ...Object.keys(s.properties ?? {})]),
  ].sort(),
  required: [...new Set([...(extra.required ?? []), ...(s.required ?? [])])].sort(),
});
const mapping = def('mapping').oneOf as ObjectSchema[];
const poll = def('pollTrigger').properties!;
const branchCases = def('branchNode').properties!['cases'] as ObjectSchema;

const SCHEMA: Record<keyof typeof TS, ReturnType<typeof fromSchema>> = {
  document: fromSchema(schema),
  connectionSlot: fromSchema(def('connectionSlot')),
  retry: fromSchema(def('retry')),
  fieldsMapping: fromSchema(mapping[0]!),
  expressionMapping: fromSchema(mapping[1]!),
  position: fromSchema(def('position')),
  edge: fromSchema(def('edge')),
  webhookTrigger: fromSchema(def('webhookTrigger')),
  scheduleTrigger: fromSchema(def('scheduleTrigger')),
  manualTrigger: fromSchema(def('manualTrigger')),
  apiTrigger: fromSchema(def('apiTrigger')),
  pollTrigger: fromSchema(def('pollTrigger')),
  watermark: fromSchema(poll['watermark'] as ObjectSchema),
  branchCase: fromSchema(branchCases.items as ObjectSchema),
  actionNode: fromSchema(def('actionNode'), nodeBase),
  mapNode: fromSchema(def('mapNode'), nodeBase),
  branchNode: fromSchema(def('branchNode'), nodeBase),
  forEachNode: fromSchema(def('forEachNode'), nodeBase),
  delayNode: fromSchema(def('delayNode'), nodeBase),
  subflowNode: fromSchema(def('subflowNode'), nodeBase),
  failNode: fromSchema(def('failNode'), nodeBase),
  stopNode: fromSchema(def('stopNode'), nodeBase),
};

describe('types.ts and flow.schema.json agree', () => {
  it.each(Object.keys(TS) as (keyof typeof TS)[])(
    '%s has the same properties and required keys',
    (name) => {
      expect(TS[name]).toEqual(SCHEMA[name]);
    },
  );

  it('lists every node and trigger variant of the schema', () => {
    const variants = (d: string) =>
      (def(d).oneOf as { $ref: string }[]).map((r) => r.$ref.replace('#/$defs/', '')).sort();
    expect(variants('node')).toEqual(
      Object.keys(TS)
        .filter((k) => k.endsWith('Node'))
        .sort(),
    );
    expect(variants('trigger')).toEqual(
      Object.keys(TS)
        .filter((k) => k.endsWith('Trigger'))
        .sort(),
    );
  });
});
