import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Cron } from 'croner';
import schema from '../../flow.schema.json' with { type: 'json' };
import { NODE_TYPES, isNodeType } from './flow-view.js';
import { type Problem, error, isRecord, pointer, quote } from './problem.js';
import { type PatternHelp, resolveOneOf } from './schema-messages.js';

const TRIGGER_TYPES = ['webhook', 'schedule', 'manual', 'api', 'poll'] as const;

interface Validators {
  document: ValidateFunction;
  node: (type: string) => ValidateFunction | undefined;
  trigger: (type: string) => ValidateFunction | undefined;
  help: PatternHelp;
}

let compiled: Validators | undefined;

/** Compiles the schema once per process; the variant validators come from the same instance. */
function validators(): Validators {
  if (compiled) return compiled;
  // strictTypes/strictRequired would reject the delay node's `oneOf: [{required}]` idiom.
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
  });
  // ajv-formats is CommonJS; its plugin is also exposed as `.default`, which works under every loader.
  addFormats.default(ajv);
  ajv.addSchema(schema);
  const id = schema.$id;
  const document = ajv.getSchema(id);
  if (!document) throw new Error('flow.schema.json did not compile');
  const help: PatternHelp = new Map();
  for (const def of Object.values(schema.$defs as Record<string, unknown>)) {
    if (
      isRecord(def) &&
      typeof def['pattern'] === 'string' &&
      typeof def['description'] === 'string'
    ) {
      help.set(
        def['pattern'],
        'must be ' + def['description'].replace(/^A/, 'a').replace(/^An/, 'an'),
      );
    }
  }
  compiled = {
    document,
    node: (type) => (isNodeType(type) ? ajv.getSchema(`${id}#/$defs/${type}Node`) : undefined),
    trigger: (type) =>
      (TRIGGER_TYPES as readonly string[]).includes(type)
        ? ajv.getSchema(`${id}#/$defs/${type}Trigger`)
        : undefined,
    help,
  };
  return compiled;
}

/** Validates one node or the trigger against the variant its `type` selects. */
function checkVariant(
  value: unknown,
  at: string,
  kind: 'node' | 'trigger',
  v: Validators,
): Problem[] {
  if (!isRecord(value)) return [error(at, 'schema.type', `each ${kind} must be an object.`)];
  const type = value['type'];
  const known = kind === 'node' ? NODE_TYPES : TRIGGER_TYPES;
  if (type === undefined) {
    return [
      error(
        at + '/type',
        'schema.required',
        `missing required property \`type\`; use one of ${known.join(', ')}.`,
      ),
    ];
  }
  const validate = typeof type === 'string' ? v[kind](type) : undefined;
  if (!validate) {
    return [
      error(
        at + '/type',
        `schema.unknown-${kind}-type`,
        `unknown ${kind} type ${quote(type)}; use one of ${known.join(', ')}.`,
      ),
    ];
  }
  if (validate(value)) return kind === 'trigger' && type === 'schedule' ? checkSchedule(value) : [];
  return resolveOneOf(validate.errors ?? [], at, v.help);
}

const CRON_FIELDS = new Set([5, 6]);

/** Cron and time zone cannot be expressed in JSON Schema; croner and Intl are the authorities. */
function checkSchedule(trigger: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const timezone = typeof trigger['timezone'] === 'string' ? trigger['timezone'] : 'UTC';
  let zoneOk = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    zoneOk = false;
    problems.push(
      error(
        '/trigger/timezone',
        'schema.timezone',
        `unknown time zone ${quote(timezone)}; use an IANA name such as \`America/Chicago\` or \`UTC\`.`,
      ),
    );
  }
  const cron = String(trigger['cron']);
  const fields = cron.trim().split(/\s+/).length;
  const bad = (why: string) =>
    error('/trigger/cron', 'schema.cron', `invalid cron expression ${quote(cron)}: ${why}`);
  if (!CRON_FIELDS.has(fields)) {
    problems.push(
      bad(
        `it has ${fields} fields; write five (minute hour day month weekday) or six (seconds first).`,
      ),
    );
    return problems;
  }
  try {
    new Cron(cron, { paused: true, ...(zoneOk ? { timezone } : {}) }).stop();
  } catch (e) {
    problems.push(bad(`${e instanceof Error ? e.message : String(e)}; fix the pattern.`));
  }
  return problems;
}

function under(e: ErrorObject, prefixes: string[]): boolean {
  return prefixes.some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/'));
}

/** Per-item checks stop one past the schema's maxItems: enough to report the limit, bounded work. */
const ITEM_LIMITS: Record<string, number> = { nodes: 501, edges: 2001 };

function bounded(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const [key, limit] of Object.entries(ITEM_LIMITS)) {
    const list = copy[key];
    if (Array.isArray(list) && list.length > limit) copy[key] = list.slice(0, limit);
  }
  return copy;
}

/** The schema layer: JSON Schema errors (one variant per node and trigger), cron and time zone. */
export function checkSchema(input: unknown): Problem[] {
  const v = validators();
  const doc = isRecord(input) ? bounded(input) : input;
  if (v.document(doc))
    return isRecord(doc) && isRecord(doc['trigger']) && doc['trigger']['type'] === 'schedule'
      ? checkSchedule(doc['trigger'])
      : [];
  if (!isRecord(doc)) return [error('', 'schema.type', 'a flow document must be a JSON object.')];
  const nodes = Array.isArray(doc['nodes']) ? (doc['nodes'] as unknown[]) : [];
  const variantPaths = nodes.map((_, i) => pointer('/nodes', i));
  if ('trigger' in doc) variantPaths.push('/trigger');
  // Errors inside nodes and the trigger come from their oneOf and would list every variant's
  // complaints; they are replaced by a check against the one variant the `type` names.
  const outer = (v.document.errors ?? []).filter((e) => !under(e, variantPaths));
  const problems = resolveOneOf(outer, '', v.help);
  if ('trigger' in doc) problems.push(...checkVariant(doc['trigger'], '/trigger', 'trigger', v));
  nodes.forEach((node, i) => problems.push(...checkVariant(node, pointer('/nodes', i), 'node', v)));
  return problems;
}
