import { describe, expect, it } from 'vitest';
import { brief, fixture } from './test-support/fixtures.js';
import { validateFlow } from './validate-flow.js';

const order = () => fixture('valid/order-payment-sync.json');
const expressionOnly = (doc: unknown) =>
  validateFlow(doc).filter((p) => p.code.startsWith('expression'));

describe('expression layer', () => {
  it('reports syntax errors with the field pointer and the character position', () => {
    const doc = order();
    doc.nodes[0].input.fields.amount = '$number(trigger.current_total_price';
    doc.nodes[1].cases[0].when = 'steps.charge.approved = ';
    const problems = expressionOnly(doc);
    expect(brief(problems)).toEqual([
      'error expression.syntax /nodes/0/input/fields/amount',
      'error expression.syntax /nodes/1/cases/0/when',
    ]);
    expect(problems[0]!.message).toContain('at character 35');
  });

  it('escapes ~ and / in field pointers', () => {
    const doc = order();
    doc.nodes[0].input.fields = { 'a~b/c': '(' };
    expect(brief(expressionOnly(doc))).toEqual([
      'error expression.syntax /nodes/0/input/fields/a~0b~1c',
    ]);
  });

  it('rejects steps that cannot have run, including the node itself', () => {
    const doc = order();
    doc.nodes[0].input.fields.memo = 'steps.createInvoice.id';
    doc.nodes[2].input.fields.id = 'steps.markPaid.id';
    doc.nodes[8].output.fields.declined = '$$.steps.tagDeclined.id';
    expect(brief(expressionOnly(doc))).toEqual([
      'error expression.step-not-run /nodes/0/input/fields/memo',
      'error expression.step-not-run /nodes/2/input/fields/id',
      'error expression.step-not-run /nodes/8/output/fields/declined',
    ]);
  });

  it('warns when a step runs on only some paths', () => {
    const doc = order();
    doc.nodes.push({
      id: 'notify',
      type: 'action',
      connection: 'shop',
      operation: 'addNote',
      input: { fields: { note: 'steps.markPaid.id' } },
    });
    doc.edges.push({ from: 'markPaid', to: 'notify' }, { from: 'tagDeclined', to: 'notify' });
    expect(brief(expressionOnly(doc))).toEqual([
      'warning expression.step-may-not-run /nodes/9/input/fields/note',
    ]);
  });

  it('accepts a step read only where $exists has checked it, and still warns elsewhere', () => {
    const doc = order();
    doc.nodes.push({
      id: 'notify',
      type: 'action',
      connection: 'shop',
      operation: 'addNote',
      input: {
        fields: {
          note: '$exists(steps.markPaid) ? steps.markPaid.id : steps.tagDeclined.id',
          both: '$exists(steps.markPaid) and steps.markPaid.id = "1"',
          later: '($exists(steps.markPaid) ? 1 : 0) + $count(steps.markPaid)',
        },
      },
    });
    doc.edges.push({ from: 'markPaid', to: 'notify' }, { from: 'tagDeclined', to: 'notify' });
    expect(brief(expressionOnly(doc))).toEqual([
      'warning expression.step-may-not-run /nodes/9/input/fields/note',
      'warning expression.step-may-not-run /nodes/9/input/fields/later',
    ]);
    const notes = expressionOnly(doc).map((p) => p.message);
    expect(notes[0]).toContain('steps.tagDeclined');
    expect(notes[1]).toContain('steps.markPaid');
  });

  it('points body steps read after the loop at the forEach output', () => {
    const doc = order();
    doc.nodes[5].input.expression = 'steps.invoiceLine';
    const problems = expressionOnly(doc);
    expect(brief(problems)).toEqual(['error expression.step-not-run /nodes/5/input/expression']);
    expect(problems[0]!.message).toContain('read `steps.lines`');
  });

  it('reports unknown steps and steps read by trigger expressions', () => {
    const doc = order();
    doc.nodes[0].input.fields.memo = 'steps.chrage.id';
    doc.trigger.filter = 'steps.charge.approved';
    doc.concurrencyKey = '$string(steps.charge)';
    expect(brief(expressionOnly(doc))).toEqual([
      'error expression.step-not-run /concurrencyKey',
      'error expression.step-not-run /trigger/filter',
      'error expression.unknown-step /nodes/0/input/fields/memo',
    ]);
  });

  it('warns about item/index outside a forEach body and accepts them inside', () => {
    const doc = order();
    doc.nodes[5].input.expression = '{ "sku": item.sku, "n": $.index }';
    expect(brief(expressionOnly(doc))).toEqual([
      'warning expression.item-outside-foreach /nodes/5/input/expression',
      'warning expression.item-outside-foreach /nodes/5/input/expression',
    ]);
  });

  it('ignores names that are not read from the root (predicates, later path steps)', () => {
    const doc = order();
    doc.nodes[0].input.fields.memo =
      'trigger.line_items[sku = "x"].steps.item & trigger.steps.createInvoice';
    expect(expressionOnly(doc)).toEqual([]);
  });

  it('checks collect against the body and poll expressions for syntax only', () => {
    const doc = order();
    doc.nodes[3].collect = 'steps.lines';
    expect(brief(expressionOnly(doc))).toEqual(['error expression.step-not-run /nodes/3/collect']);
    const poll = fixture('valid/poll-refunds.json');
    poll.trigger.watermark.value = 'steps.updated_at';
    poll.trigger.items = 'refunds[';
    expect(brief(expressionOnly(poll))).toEqual(['error expression.syntax /trigger/items']);
  });
});
