import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConnectorRegistry } from '@braid/connectors';
import {
  type CompiledExpression,
  type FlowDocument,
  type Mapping,
  createBraidExpressionEngine,
  toExpressionError,
} from '@braid/flow-schema';
import { builtinConnectors } from '../execution/connectors.js';
import { EXAMPLES_DIR } from '../test-support/stack.js';

// Every expression of every shipped template must compile to JavaScript (no interpreter
// fallback) and give the interpreter's result on the template's fixtures.

type Json = Record<string, unknown>;
const compiled = createBraidExpressionEngine();
const interpreted = createBraidExpressionEngine({
  compiler: () => ({ ok: false, reason: 'reference: interpreter' }),
});
const registry = createConnectorRegistry(builtinConnectors(), { clock: { now: () => 0 } });
const slotConnector = (doc: FlowDocument, slot: string): string =>
  doc.connections?.[slot]?.connector ?? '';

interface Site {
  at: string;
  compile(engine: typeof compiled): CompiledExpression;
}

function sitesOf(doc: FlowDocument): Site[] {
  const sites: Site[] = [];
  const expr = (at: string, source: string): void => {
    sites.push({ at, compile: (e) => e.compileExpression(source) });
  };
  const map = (at: string, mapping: Mapping): void => {
    sites.push({ at, compile: (e) => e.compileMapping(mapping) });
  };
  if (doc.concurrencyKey) expr('/concurrencyKey', doc.concurrencyKey);
  doc.nodes.forEach((node, i) => {
    const n = node as unknown as Json;
    const at = `/nodes/${i} (${node.id})`;
    if (n.input) map(`${at}/input`, n.input as Mapping);
    if (n.output) map(`${at}/output`, n.output as Mapping);
    if (typeof n.message === 'string') expr(`${at}/message`, n.message);
    if (typeof n.items === 'string') expr(`${at}/items`, n.items);
    ((n.cases as { when: string }[] | undefined) ?? []).forEach((c, j) =>
      expr(`${at}/cases/${j}`, c.when),
    );
  });
  return sites;
}

/** Step outputs for a fixture: connector samples for actions, evaluated outputs for maps. */
async function stepsFor(doc: FlowDocument, input: Json): Promise<Json> {
  const steps: Json = {};
  for (const node of doc.nodes) {
    if (node.type === 'action') {
      const entry = registry.catalog().find((c) => c.ref === slotConnector(doc, node.connection));
      steps[node.id] = entry?.operations.find((o) => o.id === node.operation)?.sample.output;
    } else if (node.type === 'map') {
      steps[node.id] = await interpreted
        .compileMapping(node.output)
        .evaluate({ ...input, steps })
        .catch(() => undefined);
    }
  }
  return steps;
}

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    const text = JSON.stringify(await run());
    return { value: text === undefined ? undefined : (JSON.parse(text) as unknown) };
  } catch (err) {
    return { error: toExpressionError(err).code };
  }
}

const templates = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('template mappings compile fully and agree with jsonata', () => {
  it('finds the shipped templates', () => {
    expect(templates).toEqual(
      expect.arrayContaining([
        'order-payment-sync',
        'refund-sync',
        'customer-vault-sync',
        'order-cancellation',
      ]),
    );
  });

  it.each(templates)('%s', async (name) => {
    const dir = path.join(EXAMPLES_DIR, name);
    const doc = JSON.parse(readFileSync(path.join(dir, 'flow.json'), 'utf8')) as FlowDocument;
    const manifest = JSON.parse(readFileSync(path.join(dir, 'template.json'), 'utf8')) as {
      params: { properties?: Record<string, { default?: unknown }> };
    };
    const params = Object.fromEntries(
      Object.entries(manifest.params.properties ?? {}).map(([k, v]) => [k, v.default]),
    );
    const fixtures = readdirSync(path.join(dir, 'fixtures')).filter((f) => f.endsWith('.json'));
    expect(fixtures.length).toBeGreaterThan(0);
    const sites = sitesOf(doc);
    for (const site of sites) {
      const c = site.compile(compiled);
      expect({ at: site.at, mode: c.mode, why: c.fallbackReason }).toEqual({
        at: site.at,
        mode: 'js',
        why: undefined,
      });
    }
    let evaluated = 0;
    let withValue = 0;
    for (const file of fixtures) {
      const trigger = JSON.parse(readFileSync(path.join(dir, 'fixtures', file), 'utf8')) as Json;
      const base = { trigger, params, run: { id: 'run-1', flowId: doc.id } };
      const input = { ...base, steps: await stepsFor(doc, base) };
      for (const site of sites) {
        const fast = await outcome(() => site.compile(compiled).evaluate(input));
        const reference = await outcome(() => site.compile(interpreted).evaluate(input));
        expect({ at: site.at, file, result: fast }).toEqual({
          at: site.at,
          file,
          result: reference,
        });
        evaluated += 1;
        if ((fast as { value?: unknown }).value !== undefined) withValue += 1;
      }
    }
    expect(evaluated).toBe(sites.length * fixtures.length);
    // The fixtures exercise the mappings: most expressions produce a value, not nothing.
    expect(withValue / evaluated).toBeGreaterThan(0.6);
  });
});
