import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createPayTraceConnector } from './connector.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

describe('paytrace operation samples', () => {
  const ops = Object.values(createPayTraceConnector().operations);

  it.each(ops.map((op) => [op.id, op] as const))('%s: sample matches its schemas', (_id, op) => {
    const input = ajv.compile(op.input);
    expect(input(op.sample.input), JSON.stringify(input.errors)).toBe(true);
    const output = ajv.compile(op.output);
    expect(output(op.sample.output), JSON.stringify(output.errors)).toBe(true);
  });
});
