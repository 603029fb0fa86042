import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowDocument, FlowNode } from '@braid/flow-schema';
import { advance } from './interpreter-core.js';
import { retryDelayMs } from './backoff.js';
import { StepFailure } from './ports.js';
import { MemoryRun } from './test-support/memory.js';

const base = (
  nodes: FlowNode[],
  edges: FlowDocument['edges'],
  extra: Partial<FlowDocument> = {},
): FlowDocument => ({
  schemaVersion: 1,
  id: 'f',
  name: 'f',
  connections: { svc: { connector: 'http@1' } },
  trigger: { type: 'api' },
  nodes,
  edges,
  ...extra,
});

const orderFlow = base(
  [
    { id: 'total', type: 'map', output: { fields: { sum: '$sum(trigger.lines.price)' } } },
    { id: 'big', type: 'branch', cases: [{ label: 'yes', when: 'steps.total.sum > 100' }] },
    {
      id: 'each',
      type: 'forEach',
      items: 'trigger.lines',
      concurrency: 3,
      collect: 'steps.charge.id',
    },
    {
      id: 'charge',
      type: 'action',
      connection: 'svc',
      operation: 'charge',
      retry: { attempts: 3, backoff: 'fixed', initialDelayMs: 100, jitter: false },
      input: { fields: { amount: '$money(item.price, "USD")', index: 'index' } },
    },
    {
      id: 'notify',
      type: 'action',
      connection: 'svc',
      operation: 'notify',
      input: { fields: { ids: 'steps.each' } },
    },
    { id: 'recover', type: 'map', output: { fields: { recovered: 'steps.notify.error.code' } } },
    { id: 'small', type: 'stop', output: { fields: { kind: '"small"' } } },
  ],
  [
    { from: 'trigger', to: 'total' },
    { from: 'total', to: 'big' },
    { from: 'big', port: 'yes', to: 'each' },
    { from: 'big', port: 'default', to: 'small' },
    { from: 'each', port: 'body', to: 'charge' },
    { from: 'each', to: 'notify' },
    { from: 'notify', port: 'error', to: 'recover' },
  ],
);

/** Drives a run to an end the way the runtime does: advance, and after a wait move the clock on. */
async function drive(run: MemoryRun, maxRounds = 20): Promise<Awaited<ReturnType<typeof advance>>> {
  for (let i = 0; i < maxRounds; i += 1) {
    const result = await advance(run.snapshot(), run.deps());
    if (result.status !== 'waiting') return result;
    run.clock.t = Math.max(run.clock.t, result.until);
  }
  throw new Error('run did not end');
}

describe('advance', () => {
  it('runs branch + forEach + retry + error port as designed', async () => {
    let chargeCalls = 0;
    const run = new MemoryRun(
      orderFlow,
      { lines: [{ price: 60 }, { price: 50 }, { price: 0.5 }] },
      (input, ctx, op) => {
        if (op === 'charge') {
          chargeCalls += 1;
          if (chargeCalls === 2)
            throw new StepFailure({ kind: 'retryable', code: 'HTTP_503', message: 'busy' });
          return { id: `T${(input as { index: number }).index}` };
        }
        throw new StepFailure({ kind: 'fatal', code: 'HTTP_400', message: 'bad request' });
      },
    );
    const result = await drive(run);
    expect(result).toEqual({ status: 'succeeded', output: { recovered: 'HTTP_400' } });
    expect(run.records.find((r) => r.stepKey === 'each')?.output).toEqual(['T0', 'T1', 'T2']);
    expect(run.records.filter((r) => r.nodeId === 'charge' && r.status === 'failed')).toHaveLength(
      1,
    );
    expect(run.records.find((r) => r.nodeId === 'big')?.port).toBe('yes');
    const amounts = run.calls
      .filter((c) => c.operation === 'charge')
      .map((c) => (c.input as { amount: string }).amount);
    // The second call (item 1) failed once and was retried: money formatted per currency each time.
    expect(amounts.sort()).toEqual(['0.50', '50.00', '50.00', '60.00']);
    // Keys: stable across attempts of a step, distinct across items.
    const keys = run.calls
      .filter((c) => c.operation === 'charge')
      .map((c) => `${(c.input as { index: number }).index}:${c.ctx.idempotencyKey}`);
    expect(new Set(keys).size).toBe(3);
    expect(new Set(run.calls.map((c) => c.ctx.idempotencyKey)).size).toBe(4);
  });

  it('takes the default port and stops with the stop node output', async () => {
    const run = new MemoryRun(orderFlow, { lines: [{ price: 1 }] }, () => ({}));
    expect(await drive(run)).toEqual({ status: 'succeeded', output: { kind: 'small' } });
    expect(run.calls).toHaveLength(0);
  });

  it('waits for the backoff instead of holding the run, honouring Retry-After', async () => {
    const flow = base(
      [
        {
          id: 'a',
          type: 'action',
          connection: 'svc',
          operation: 'x',
          retry: { attempts: 2, initialDelayMs: 100, jitter: false },
        },
      ],
      [{ from: 'trigger', to: 'a' }],
    );
    const run = new MemoryRun(flow, {}, () => {
      throw new StepFailure({
        kind: 'retryable',
        code: 'HTTP_429',
        message: 'slow down',
        retryAfterMs: 5000,
      });
    });
    const first = await advance(run.snapshot(), run.deps());
    expect(first).toMatchObject({ status: 'waiting', reason: 'retry', until: run.clock.t + 5000 });
    const early = await advance(run.snapshot(), run.deps());
    expect(early.status).toBe('waiting');
    expect(run.calls).toHaveLength(1);
    run.clock.t += 5000;
    const last = await advance(run.snapshot(), run.deps());
    expect(last).toMatchObject({ status: 'dead_letter', nodeId: 'a', error: { code: 'HTTP_429' } });
    expect(run.records.at(-1)?.final).toBe(true);
  });

  it('dead-letters a fatal failure at once without retrying', async () => {
    const flow = base(
      [{ id: 'a', type: 'action', connection: 'svc', operation: 'x', retry: { attempts: 5 } }],
      [{ from: 'trigger', to: 'a' }],
    );
    const run = new MemoryRun(flow, {}, () => {
      throw new StepFailure({ kind: 'fatal', code: 'PAYTRACE_35', message: 'invalid card' });
    });
    expect(await advance(run.snapshot(), run.deps())).toMatchObject({
      status: 'dead_letter',
      error: { kind: 'fatal', code: 'PAYTRACE_35' },
    });
    expect(run.calls).toHaveLength(1);
  });

  it('treats a decline as an output, not an error', async () => {
    const flow = base(
      [
        { id: 'charge', type: 'action', connection: 'svc', operation: 'sale' },
        { id: 'ok', type: 'branch', cases: [{ label: 'approved', when: 'steps.charge.approved' }] },
        { id: 'tag', type: 'map', output: { fields: { tagged: '"payment-failed"' } } },
      ],
      [
        { from: 'trigger', to: 'charge' },
        { from: 'charge', to: 'ok' },
        { from: 'ok', port: 'default', to: 'tag' },
      ],
    );
    const run = new MemoryRun(flow, {}, () => ({ approved: false, responseCode: 102 }));
    expect(await drive(run)).toEqual({ status: 'succeeded', output: { tagged: 'payment-failed' } });
  });

  it('resumes from committed records without calling completed steps again', async () => {
    const run = new MemoryRun(
      orderFlow,
      { lines: [{ price: 60 }, { price: 70 }] },
      (_i, _c, op) => {
        if (op === 'notify') return { ok: true };
        return { id: 'T' };
      },
    );
    run.failCommitAfter = 4;
    await expect(advance(run.snapshot(), run.deps())).rejects.toThrow('crash');
    const committedCalls = run.calls.length;
    run.failCommitAfter = undefined;
    const result = await drive(run);
    expect(result.status).toBe('succeeded');
    const committedKeys = new Set(run.records.slice(0, 4).map((r) => r.stepKey));
    const recalled = run.calls
      .slice(committedCalls)
      .filter((c) =>
        committedKeys.has(
          c.ctx.nodeId === 'charge'
            ? `each[${(c.input as { index: number }).index}]/charge`
            : c.ctx.nodeId,
        ),
      );
    expect(recalled).toEqual([]);
  });

  it('aborts a connector call at the step timeout as a retryable TIMEOUT', async () => {
    const flow = base(
      [{ id: 'slow', type: 'action', connection: 'svc', operation: 'x', timeoutMs: 30 }],
      [{ from: 'trigger', to: 'slow' }],
    );
    let aborted = false;
    const run = new MemoryRun(
      flow,
      {},
      (_i, ctx) =>
        new Promise((resolve) =>
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            resolve('late');
          }),
        ),
    );
    const result = await advance(run.snapshot(), run.deps());
    expect(result).toMatchObject({
      status: 'dead_letter',
      error: { kind: 'retryable', code: 'TIMEOUT' },
    });
    expect(aborted).toBe(true);
  });

  it('waits on a delay node and continues once the time has come', async () => {
    const flow = base(
      [
        { id: 'pause', type: 'delay', durationMs: 60_000 },
        { id: 'after', type: 'map', output: { fields: { done: 'true' } } },
      ],
      [
        { from: 'trigger', to: 'pause' },
        { from: 'pause', to: 'after' },
      ],
    );
    const run = new MemoryRun(flow, {}, () => ({}));
    const t0 = run.clock.t;
    expect(await advance(run.snapshot(), run.deps())).toMatchObject({
      status: 'waiting',
      reason: 'delay',
      until: t0 + 60_000,
    });
    run.clock.t += 30_000;
    expect(await advance(run.snapshot(), run.deps())).toMatchObject({
      status: 'waiting',
      until: t0 + 60_000,
    });
    run.clock.t += 30_000;
    expect(await advance(run.snapshot(), run.deps())).toEqual({
      status: 'succeeded',
      output: { done: true },
    });
  });

  it('scopes step keys of nested loops and ends a fail node as failed', async () => {
    const flow = base(
      [
        { id: 'outer', type: 'forEach', items: 'trigger.groups' },
        { id: 'inner', type: 'forEach', items: 'item.xs' },
        { id: 'leaf', type: 'map', output: { fields: { v: 'item' } } },
        {
          id: 'boom',
          type: 'fail',
          message: '"stopped after " & $count(steps.outer) & " groups"',
          code: 'DONE',
        },
      ],
      [
        { from: 'trigger', to: 'outer' },
        { from: 'outer', port: 'body', to: 'inner' },
        { from: 'inner', port: 'body', to: 'leaf' },
        { from: 'outer', to: 'boom' },
      ],
    );
    const run = new MemoryRun(flow, { groups: [{ xs: [1, 2] }, { xs: [3] }] }, () => ({}));
    expect(await drive(run)).toEqual({
      status: 'failed',
      error: { kind: 'fatal', code: 'DONE', message: 'stopped after 2 groups' },
    });
    expect(run.records.map((r) => r.stepKey)).toEqual(
      expect.arrayContaining([
        'outer[0]/inner[0]/leaf',
        'outer[0]/inner[1]/leaf',
        'outer[1]/inner[0]/leaf',
        'outer[1]/inner',
        'outer',
      ]),
    );
  });

  it('stops at the next step boundary when cancelled', async () => {
    const controller = new AbortController();
    const flow = base(
      [
        { id: 'a', type: 'action', connection: 'svc', operation: 'x' },
        { id: 'b', type: 'action', connection: 'svc', operation: 'y' },
      ],
      [
        { from: 'trigger', to: 'a' },
        { from: 'a', to: 'b' },
      ],
    );
    const run = new MemoryRun(flow, {}, () => {
      controller.abort();
      return {};
    });
    expect(await advance(run.snapshot(), run.deps({ signal: controller.signal }))).toEqual({
      status: 'cancelled',
    });
    expect(run.calls.map((c) => c.operation)).toEqual(['x']);
  });

  it('reports a mapping error as a fatal EXPRESSION failure with the field', async () => {
    const flow = base(
      [{ id: 'm', type: 'map', output: { fields: { amount: '$money("abc", "USD")' } } }],
      [{ from: 'trigger', to: 'm' }],
    );
    const run = new MemoryRun(flow, {}, () => ({}));
    expect(await advance(run.snapshot(), run.deps())).toMatchObject({
      status: 'dead_letter',
      error: { kind: 'fatal', code: 'EXPRESSION_INVALID_DECIMAL' },
    });
  });
});

describe('retryDelayMs', () => {
  it('doubles from the initial delay, caps at the maximum, and keeps jitter within [d/2, d]', () => {
    const policy = { attempts: 10, initialDelayMs: 1000, maxDelayMs: 10_000 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const d = Math.min(1000 * 2 ** (attempt - 1), 10_000);
          const got = retryDelayMs(policy, attempt, () => r);
          return got >= Math.floor(d / 2) && got <= d;
        },
      ),
    );
    expect(retryDelayMs({ ...policy, jitter: false }, 3, () => 0)).toBe(4000);
    expect(retryDelayMs({ ...policy, backoff: 'fixed', jitter: false }, 5, () => 0)).toBe(1000);
    expect(retryDelayMs({ ...policy, jitter: false }, 1, () => 0, 7000)).toBe(7000);
  });
});

describe('crash and resume (property)', () => {
  it('a run interrupted at any commit and resumed ends like an uninterrupted one', async () => {
    const flow = base(
      [
        { id: 'a', type: 'map', output: { fields: { x: 'trigger.n * 2' } } },
        { id: 'b', type: 'branch', cases: [{ label: 'even', when: 'steps.a.x % 4 = 0' }] },
        { id: 'c', type: 'forEach', items: '[1..trigger.k]', concurrency: 2 },
        {
          id: 'd',
          type: 'action',
          connection: 'svc',
          operation: 'x',
          input: { fields: { v: 'item' } },
        },
        { id: 'e', type: 'map', output: { fields: { out: '$sum(steps.c) + steps.a.x' } } },
      ],
      [
        { from: 'trigger', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', port: 'even', to: 'c' },
        { from: 'b', port: 'default', to: 'e' },
        { from: 'c', port: 'body', to: 'd' },
        { from: 'c', to: 'e' },
      ],
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.nat(12),
        async (n, k, crashAt) => {
          const script = (input: unknown) => (input as { v: number }).v * 10;
          const clean = new MemoryRun(flow, { n, k }, script);
          const expected = await drive(clean);
          const crashed = new MemoryRun(flow, { n, k }, script);
          crashed.failCommitAfter = crashAt;
          await advance(crashed.snapshot(), crashed.deps()).catch(() => undefined);
          crashed.failCommitAfter = undefined;
          const got = await drive(crashed);
          const ok = (rs: MemoryRun): string[] =>
            rs.records
              .filter((r) => r.status === 'succeeded')
              .map((r) => r.stepKey)
              .sort();
          expect(got).toEqual(expected);
          expect(ok(crashed)).toEqual(ok(clean));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('commits of pure steps', () => {
  it('do not hold up the walk, yet every record is committed before the advance returns', async () => {
    const flow = base(
      [
        { id: 'prepare', type: 'map', output: { fields: { n: 'trigger.n * 2' } } },
        {
          id: 'call',
          type: 'action',
          connection: 'svc',
          operation: 'x',
          input: { fields: { n: 'steps.prepare.n' } },
        },
      ],
      [
        { from: 'trigger', to: 'prepare' },
        { from: 'prepare', to: 'call' },
      ],
    );
    const run = new MemoryRun(flow, { n: 21 }, () => ({ ok: true }));
    const deps = run.deps();
    const landed: string[] = [];
    const slow: typeof deps.sink = {
      commit: async (r) => {
        // The map's record takes longer to commit than the action takes to run.
        await new Promise((done) => setTimeout(done, r.nodeId === 'prepare' ? 30 : 1));
        landed.push(r.nodeId);
        await deps.sink.commit(r);
      },
    };
    const result = await advance(run.snapshot(), { ...deps, sink: slow });
    expect(result.status).toBe('succeeded');
    expect(run.calls.map((c) => c.input)).toEqual([{ n: 42 }]);
    // The action ran while the map's record was still committing, and both landed.
    expect(landed).toEqual(['call', 'prepare']);
    expect(run.records.map((r) => r.nodeId).sort()).toEqual(['call', 'prepare']);
  });

  it('surface a failed commit of a pure step at the next awaited commit', async () => {
    const flow = base(
      [
        { id: 'prepare', type: 'map', output: { fields: { n: '1' } } },
        { id: 'call', type: 'action', connection: 'svc', operation: 'x' },
      ],
      [
        { from: 'trigger', to: 'prepare' },
        { from: 'prepare', to: 'call' },
      ],
    );
    const run = new MemoryRun(flow, {}, () => ({ ok: true }));
    run.failCommitAfter = 0;
    await expect(advance(run.snapshot(), run.deps())).rejects.toThrow('crash');
    expect(run.records).toEqual([]);
  });
});

describe('deferred steps', () => {
  it('wait out a connector with no capacity without spending the retry budget', async () => {
    const flow = base(
      [
        {
          id: 'call',
          type: 'action',
          connection: 'svc',
          operation: 'x',
          retry: { attempts: 2, backoff: 'fixed', initialDelayMs: 10, jitter: false },
        },
      ],
      [{ from: 'trigger', to: 'call' }],
    );
    let calls = 0;
    const run = new MemoryRun(flow, {}, () => {
      calls += 1;
      if (calls <= 5) {
        throw new StepFailure({
          kind: 'retryable',
          code: 'SVC_RATE_LIMITED',
          message: 'no slot',
          retryAfterMs: 250,
          details: { deferred: true },
        });
      }
      if (calls === 6)
        throw new StepFailure({ kind: 'retryable', code: 'HTTP_503', message: 'busy' });
      return { ok: true };
    });
    const results: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const result = await advance(run.snapshot(), run.deps());
      results.push(result.status);
      if (result.status !== 'waiting') break;
      if (i < 5) expect(result).toMatchObject({ until: run.clock.now() + 250 });
      run.clock.t = result.until;
    }
    // Five deferrals and one real failure, then success: two attempts were enough.
    expect(results).toEqual([...Array(6).fill('waiting'), 'succeeded']);
  });

  it('still fail for good once the real attempts are spent', async () => {
    const flow = base(
      [{ id: 'call', type: 'action', connection: 'svc', operation: 'x', retry: { attempts: 2 } }],
      [{ from: 'trigger', to: 'call' }],
    );
    const run = new MemoryRun(flow, {}, () => {
      throw new StepFailure({ kind: 'retryable', code: 'HTTP_503', message: 'busy' });
    });
    const first = await advance(run.snapshot(), run.deps());
    expect(first.status).toBe('waiting');
    if (first.status === 'waiting') run.clock.t = first.until;
    const second = await advance(run.snapshot(), run.deps());
    expect(second.status).toBe('dead_letter');
  });
});
