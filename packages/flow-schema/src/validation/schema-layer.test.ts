import { describe, expect, it } from 'vitest';
import { brief, fixture } from './test-support/fixtures.js';
import { validateFlow } from './validate-flow.js';

const order = () => fixture('valid/order-payment-sync.json');

describe('schema layer', () => {
  it('points a missing required property at the property itself', () => {
    const doc = order();
    delete doc.nodes[2].connection;
    expect(brief(validateFlow(doc))).toContain('error schema.required /nodes/2/connection');
  });

  it('reports only the errors of the variant a node type names, not every oneOf branch', () => {
    const doc = order();
    doc.nodes[0].retry = { attempts: 0, backof: 'linear' };
    expect(brief(validateFlow(doc))).toEqual([
      'error schema.additional-property /nodes/0/retry/backof',
      'error schema.minimum /nodes/0/retry/attempts',
    ]);
  });

  it('names the node types that exist when a type is unknown', () => {
    const doc = order();
    doc.nodes[1].type = 'switch';
    const problems = validateFlow(doc).filter((p) => p.code.startsWith('schema'));
    expect(brief(problems)).toEqual(['error schema.unknown-node-type /nodes/1/type']);
    expect(problems[0]!.message).toContain('action, map');
  });

  it('picks the mapping form the user wrote and reports its extra keys', () => {
    const doc = order();
    doc.nodes[4].output = { fields: { a: 'x' }, expression: 'y' };
    expect(brief(validateFlow(doc))).toEqual([
      'error schema.additional-property /nodes/4/output/expression',
    ]);
  });

  it('summarises a delay with neither durationMs nor until', () => {
    const doc = fixture('valid/nightly-settlement.json');
    delete doc.nodes[4].durationMs;
    const problems = validateFlow(doc);
    expect(brief(problems)).toEqual(['error schema.one-of /nodes/4']);
    expect(problems[0]!.message).toContain('`durationMs` or `until`');
  });

  it('escapes pointer tokens and explains bad field paths', () => {
    const doc = order();
    doc.nodes[0].input.fields['a/b~c'] = 'trigger.x';
    expect(brief(validateFlow(doc))).toEqual([
      'error schema.property-name /nodes/0/input/fields/a~1b~0c',
    ]);
  });

  it('reports an unknown trigger type with the known ones', () => {
    const doc = order();
    doc.trigger = { type: 'email' };
    const problems = validateFlow(doc).filter((p) => p.path.startsWith('/trigger'));
    expect(brief(problems)).toEqual(['error schema.unknown-trigger-type /trigger/type']);
    expect(problems[0]!.message).toContain('webhook, schedule, manual, api, poll');
  });

  it('checks cron patterns and IANA time zones', () => {
    const doc = fixture('valid/nightly-settlement.json');
    doc.trigger = { type: 'schedule', cron: '61 * * * *', timezone: 'Mars/Olympus' };
    expect(brief(validateFlow(doc))).toEqual([
      'error schema.timezone /trigger/timezone',
      'error schema.cron /trigger/cron',
    ]);
    doc.trigger = { type: 'schedule', cron: '2024-01-01T00:00:00' };
    expect(brief(validateFlow(doc))).toEqual(['error schema.cron /trigger/cron']);
  });

  it('reports a non-object document at the root', () => {
    expect(brief(validateFlow(null))).toEqual(['error schema.type ']);
    expect(brief(validateFlow([]))).toEqual(['error schema.type ']);
  });

  it('reports unknown edge properties and bad ids', () => {
    const doc = order();
    doc.edges[0].label = 'go';
    doc.nodes[0].id = '1charge';
    const problems = validateFlow(doc).filter((p) => p.code.startsWith('schema'));
    expect(brief(problems)).toEqual([
      'error schema.additional-property /edges/0/label',
      'error schema.pattern /nodes/0/id',
    ]);
    expect(problems[1]!.message).toContain('a letter, then letters');
  });
});
