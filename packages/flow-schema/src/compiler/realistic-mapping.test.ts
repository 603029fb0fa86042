import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBraidExpressionEngine } from '../expressions/braid.js';
import { toExpressionError } from '../expressions/engine.js';
import type { FieldsMapping } from '../types.js';
import { flatOrderMapping, realisticOrderMapping } from './test-support/realistic-mapping.js';

// The mapping the benchmark times (bench/mapping.bench.ts), on its fixture and on variations of it.
const fixture = JSON.parse(
  readFileSync(new URL('../../bench/fixtures/order.json', import.meta.url), 'utf8'),
) as OrderDocument;

type Json = Record<string, unknown>;
interface OrderDocument {
  trigger: Json & { line_items: Json[] };
  steps: Json;
  params: Json;
  run: Json;
}

const compiledEngine = createBraidExpressionEngine();
const interpretedEngine = createBraidExpressionEngine({
  compiler: () => ({ ok: false, reason: 'test: interpreter' }),
});

type Outcome = { value: unknown } | { error: string };

async function outcome(evaluate: () => Promise<unknown>): Promise<Outcome> {
  try {
    // As the runtime stores step inputs: JSON (sequence flags and undefined fields drop out).
    const text = JSON.stringify(await evaluate());
    return { value: text === undefined ? undefined : (JSON.parse(text) as unknown) };
  } catch (err) {
    return { error: toExpressionError(err).code };
  }
}

async function bothWays(mapping: FieldsMapping, input: unknown): Promise<[Outcome, Outcome]> {
  const compiled = compiledEngine.compileMapping(mapping);
  const interpreted = interpretedEngine.compileMapping(mapping);
  return [
    await outcome(() => compiled.evaluate(input as Json)),
    await outcome(() => interpreted.evaluate(input as Json)),
  ];
}

const OPTIONAL_ORDER_FIELDS = [
  'email',
  'customer',
  'billing_address',
  'shipping_address',
  'tax_lines',
  'discount_codes',
  'shipping_lines',
  'tags',
  'total_weight',
  'total_tax',
  'total_discounts',
  'financial_status',
  'source_name',
  'test',
] as const;

const decimal = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 3 }))
  .chain(([whole, digits]) =>
    digits === 0
      ? fc.constant(String(whole))
      : fc
          .integer({ min: 0, max: 10 ** digits - 1 })
          .map((f) => `${whole}.${String(f).padStart(digits, '0')}`),
  );

const lineItemChange = fc.record(
  {
    price: decimal,
    quantity: fc.integer({ min: 1, max: 50 }),
    variant_title: fc.constantFrom(null, 'Red / L'),
    discount_allocations: fc.constantFrom<Json[]>([], [{ amount: '1.005' }]),
  },
  { requiredKeys: [] },
);

// Empty line items are drawn on purpose, not left to the size distribution.
const lineItems: fc.Arbitrary<Json[]> = fc.oneof(
  fc.constant<Json[]>([]),
  fc.array<Json>(lineItemChange, { minLength: 1, maxLength: 4 }),
);

/** A variation of the fixture order: currency, amounts, removed optional fields, line items. */
const orderVariation = fc
  .record({
    currency: fc.constantFrom('USD', 'usd', 'JPY', 'KWD', 'EUR', 'CAD', 'GBP', 'BHD', 'CLP'),
    total_price: decimal,
    total_tax: decimal,
    removed: fc.subarray([...OPTIONAL_ORDER_FIELDS]),
    lineItems,
    financial_status: fc.constantFrom('paid', 'pending', 'authorized', 'refunded', 'mystery'),
    authorize: fc.option(fc.constantFrom(101, 102, 103, 1), { nil: undefined }),
    invoicePrefix: fc.option(fc.constantFrom('SHOP-', 'EU_'), { nil: undefined }),
  })
  .map((v): OrderDocument => {
    const doc = structuredClone(fixture);
    const order = doc.trigger;
    Object.assign(order, {
      currency: v.currency,
      total_price: v.total_price,
      total_tax: v.total_tax,
      financial_status: v.financial_status,
    });
    const template = fixture.trigger.line_items;
    order.line_items = v.lineItems.map((change, i) => ({
      ...structuredClone(template[i % template.length]),
      ...change,
    }));
    for (const field of v.removed) delete order[field];
    if (v.authorize === undefined) delete doc.steps.authorize;
    else doc.steps.authorize = { success: v.authorize !== 102, response_code: v.authorize };
    if (v.invoicePrefix === undefined) delete doc.params.invoicePrefix;
    else doc.params.invoicePrefix = v.invoicePrefix;
    return doc;
  });

describe('the realistic Shopify order → PayTrace sale mapping', () => {
  it('compiles with no fallback to the interpreter', () => {
    const engine = createBraidExpressionEngine();
    for (const mapping of [realisticOrderMapping, flatOrderMapping]) {
      const compiled = engine.compileMapping(mapping);
      expect(compiled.fallbackReason).toBeUndefined();
      expect(compiled.mode).toBe('js');
    }
    expect(engine.stats()).toEqual({ js: 2, jsonata: 0 });
  });

  it('gives the interpreter’s result on the fixture order', async () => {
    for (const mapping of [realisticOrderMapping, flatOrderMapping]) {
      const [compiled, interpreted] = await bothWays(mapping, fixture);
      expect('value' in compiled).toBe(true);
      expect(compiled).toEqual(interpreted);
    }
    const [sale] = await bothWays(realisticOrderMapping, fixture);
    expect(sale).toMatchObject({
      value: { amount: '241.36', amount_minor: 24136, invoice_id: 'SHOP-1042' },
    });
  });

  it('gives the interpreter’s result on 200 variations of the order', async () => {
    const seen = { jpy: 0, kwd: 0, noItems: 0, errors: 0 };
    await fc.assert(
      fc.asyncProperty(orderVariation, async (doc) => {
        const currency = String(doc.trigger.currency).toUpperCase();
        if (currency === 'JPY') seen.jpy += 1;
        if (currency === 'KWD') seen.kwd += 1;
        if (doc.trigger.line_items.length === 0) seen.noItems += 1;
        const [compiled, interpreted] = await bothWays(realisticOrderMapping, doc);
        if ('error' in compiled) seen.errors += 1;
        expect(compiled).toEqual(interpreted);
      }),
      { numRuns: 200 },
    );
    // The variations reach the cases they are meant to cover.
    expect(seen.jpy).toBeGreaterThan(0);
    expect(seen.kwd).toBeGreaterThan(0);
    expect(seen.noItems).toBeGreaterThan(0);
    expect(seen.errors).toBeLessThan(200);
  }, 60_000);
});
