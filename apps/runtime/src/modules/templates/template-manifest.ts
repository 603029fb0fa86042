import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** A template's manifest (`template.json` next to its `flow.json`). */
export interface TemplateManifest {
  id: string;
  name: string;
  description: string;
  /** Semantic version of the template. */
  version: string;
  category: string;
  tags?: string[];
  /** JSON Schema (draft 2020-12) of the parameters, with defaults. */
  params: Record<string, unknown>;
  /** Connection slots the analyst binds at install time. */
  connections: Record<string, { connector: string; label: string; description?: string }>;
  /** Sample runs shown in the preview: a trigger payload and what the run produced. */
  sampleRuns?: { name: string; description?: string; trigger: unknown; output?: unknown }[];
}

/** The JSON Schema of a manifest. */
export const TEMPLATE_MANIFEST_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://braid.dev/schemas/template.schema.json',
  type: 'object',
  required: ['id', 'name', 'description', 'version', 'category', 'params', 'connections'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,63}$' },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    version: {
      type: 'string',
      pattern: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$',
    },
    category: {
      enum: ['payments', 'refunds', 'customers', 'orders', 'reconciliation', 'risk', 'disputes'],
    },
    tags: { type: 'array', items: { type: 'string' } },
    params: { type: 'object', properties: { type: { const: 'object' } }, required: ['type'] },
    connections: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['connector', 'label'],
        properties: {
          connector: { type: 'string', pattern: '^[a-z][a-z0-9-]*@[0-9]+$' },
          label: { type: 'string' },
          description: { type: 'string' },
        },
        additionalProperties: false,
      },
    },
    sampleRuns: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'trigger'],
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          trigger: {},
          output: {},
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateManifest = ajv.compile(TEMPLATE_MANIFEST_SCHEMA);

/** Checks a manifest; returns readable problems (empty when valid). */
export function manifestProblems(manifest: unknown): string[] {
  if (validateManifest(manifest)) return [];
  return (validateManifest.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
  );
}

/** Compares semantic versions (pre-releases sort before their release). */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('-', 2);
    return { nums: core.split('.').map(Number), pre };
  };
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i += 1) {
    const d = (pa.nums[i] ?? 0) - (pb.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === undefined) return 1;
  if (pb.pre === undefined) return -1;
  return pa.pre < pb.pre ? -1 : 1;
}
