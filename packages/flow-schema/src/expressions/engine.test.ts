import { describe, expect, it } from 'vitest';
import { createBraidExpressionEngine } from './braid.js';
import { createExpressionEngine } from './engine.js';
import { mappingToExpression } from './mapping.js';
import { ExpressionError } from './types.js';

const input = {
  trigger: {
    name: '#1001',
    total_price: '12.50',
    customer: { email: 'A@B.com' },
    tags: 'vip, wholesale',
  },
  steps: { charge: { approved: true, transaction_id: 'T1' } },
  params: { prefix: 'SHOP-' },
  run: { id: 'r1', flowId: 'f1', startedAt: '2026-01-01T00:00:00Z' },
};

async function errorOf(p: Promise<unknown>): Promise<ExpressionError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error('expected the evaluation to fail');
}

describe('mappingToExpression', () => {
  it('nests dot paths into one object constructor', async () => {
    const source = mappingToExpression({
      fields: {
        invoice_id: 'params.prefix & $substringAfter(trigger.name, "#")',
        'billing_address.name': '"Ada"',
        'billing_address.zip': '"02139"',
      },
    });
    const engine = createExpressionEngine();
    expect(await engine.compileExpression(source).evaluate(input)).toEqual({
      invoice_id: 'SHOP-1001',
      billing_address: { name: 'Ada', zip: '02139' },
    });
  });

  it('omits fields whose expression yields nothing, like JSONata does', async () => {
    const engine = createExpressionEngine();
    const out = await engine
      .compileMapping({ fields: { a: 'trigger.missing', b: '1' } })
      .evaluate(input);
    expect(out).toEqual({ b: 1 });
  });

  it('keeps a field expression with a block or comment inside its own parentheses', async () => {
    const engine = createExpressionEngine();
    const out = await engine
      .compileMapping({ fields: { total: '($x := 2; $x * 3) /* six */', next: '"n"' } })
      .evaluate(input);
    expect(out).toEqual({ total: 6, next: 'n' });
  });

  it('rejects a mapping that sets both a field and a field below it', () => {
    expect(() => mappingToExpression({ fields: { a: '1', 'a.b': '2' } })).toThrow(
      /MAPPING_CONFLICT|sets "a"/,
    );
    expect(() => mappingToExpression({ fields: { 'a.b': '2', a: '1' } })).toThrow(ExpressionError);
  });

  it('passes a raw expression through', () => {
    expect(mappingToExpression({ expression: 'trigger.name' })).toBe('trigger.name');
  });
});

describe('createExpressionEngine', () => {
  it('caches compiled expressions by source', () => {
    const engine = createExpressionEngine();
    expect(engine.compileExpression('1 + 1')).toBe(engine.compileExpression('1 + 1'));
    expect(engine.stats()).toEqual({ js: 0, jsonata: 1 });
  });

  it('evicts the oldest entry when the cache is full', () => {
    const engine = createExpressionEngine({ cacheSize: 2 });
    const first = engine.compileExpression('1');
    engine.compileExpression('2');
    engine.compileExpression('3');
    expect(engine.compileExpression('1')).not.toBe(first);
  });

  it('reports a syntax error with code and character position', () => {
    const engine = createExpressionEngine();
    try {
      engine.compileExpression('trigger.total_price +');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ExpressionError);
      const e = err as ExpressionError;
      expect(e.code).toMatch(/^S0/);
      expect(e.position).toBeGreaterThan(0);
    }
  });

  it('registers extra functions on every expression', async () => {
    const engine = createExpressionEngine({
      functions: [{ name: 'shout', signature: '<s:s>', implementation: (s: string) => `${s}!` }],
    });
    expect(await engine.compileExpression('$shout(trigger.name)').evaluate(input)).toBe('#1001!');
  });

  it('uses the compiler when it accepts an expression and remembers why it did not', async () => {
    const engine = createExpressionEngine({
      compiler: (ast) =>
        (ast as { type?: string }).type === 'number'
          ? { ok: true, fn: () => 42 }
          : { ok: false, reason: 'unsupported: test' },
    });
    const js = engine.compileExpression('7');
    expect(js.mode).toBe('js');
    expect(await js.evaluate(input)).toBe(42);
    const interpreted = engine.compileExpression('trigger.name');
    expect(interpreted.mode).toBe('jsonata');
    expect(interpreted.fallbackReason).toBe('unsupported: test');
    expect(await interpreted.evaluate(input)).toBe('#1001');
  });

  it('turns errors thrown by compiled code into ExpressionErrors', async () => {
    const engine = createExpressionEngine({
      compiler: () => ({
        ok: true,
        fn: () => {
          // Compiled code throws JSONata-shaped error objects, exactly like the interpreter does.
          // eslint-disable-next-line @typescript-eslint/only-throw-error
          throw { code: 'T2001', message: 'not a number', position: 3 };
        },
      }),
    });
    const err = await errorOf(engine.compileExpression('"a" + 1').evaluate(input));
    expect(err.code).toBe('T2001');
    expect(err.position).toBe(3);
  });
});

describe.each([
  ['interpreted', createExpressionEngine({ limits: { timeoutMs: 200, maxDepth: 300 } })],
  ['compiled', createBraidExpressionEngine({ limits: { timeoutMs: 200, maxDepth: 300 } })],
])('runaway expressions (%s)', (mode, engine) => {
  it('runs in the mode under test', () => {
    const expected = mode === 'compiled' ? 'js' : 'jsonata';
    expect(engine.compileExpression('$count([1..5000000].($ * 2))').mode).toBe(expected);
  });

  it('stops non-terminating recursion by depth', async () => {
    const started = process.hrtime.bigint();
    const err = await errorOf(
      engine.compileExpression('($f := function($n){ 1 + $f($n + 1) }; $f(0))').evaluate(input),
    );
    expect(err.code).toBe('D1011');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });

  it('stops an endless tail-recursive loop by time', async () => {
    const err = await errorOf(
      engine.compileExpression('($f := function($n){ $f($n + 1) }; $f(0))').evaluate(input),
    );
    expect(err.code).toBe('D1012');
    expect(err.message).toMatch(/timeout after 200 milliseconds/);
  });

  it('refuses a huge range', async () => {
    const err = await errorOf(engine.compileExpression('$sum([1..100000000])').evaluate(input));
    expect(['D2014', 'D2015']).toContain(err.code);
  });

  it('refuses a sequence longer than the limit', async () => {
    const err = await errorOf(
      engine.compileExpression('$count([1..5000000].($ * 2))').evaluate(input),
    );
    expect(['D2015', 'D1012']).toContain(err.code);
  });

  it('holds a path mapping to the sequence limit, as the interpreter does', async () => {
    const err = await errorOf(
      engine
        .compileExpression('$count([1..3000000].{"n": $, "m": $ * 2, "s": $string($)})')
        .evaluate(input),
    );
    expect(err.code).toBe('D2015');
  });

  it('stops a long path mapping by time, without a lambda in sight', async () => {
    const quick =
      mode === 'compiled'
        ? createBraidExpressionEngine({ limits: { timeoutMs: 5 } })
        : createExpressionEngine({ limits: { timeoutMs: 5 } });
    const err = await errorOf(
      quick
        .compileExpression('$count([1..999999].{"n": $, "m": $ * 2, "s": $string($)})')
        .evaluate(input),
    );
    expect(err.code).toBe('D1012');
  });
});
