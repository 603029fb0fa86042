import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createQboConnector } from './connector.js';

describe('qbo declaration', () => {
  const decl = createQboConnector();

  it('declares auth with a secret token, defaults and the 10/s limit', () => {
    const props = decl.auth.properties as Record<string, Record<string, unknown>>;
    expect(props.accessToken?.['x-secret']).toBe(true);
    expect(props.baseUrl?.default).toBe('https://quickbooks.api.intuit.com');
    expect(props.minorVersion?.default).toBe(75);
    expect(decl).toMatchObject({ id: 'qbo', version: 1 });
    expect(decl.rateLimit).toEqual({ requestsPerSecond: 10, burst: 10 });
  });

  it('has samples that satisfy their own input and output schemas', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    expect(Object.keys(decl.operations)).toHaveLength(10);
    for (const op of Object.values(decl.operations)) {
      const input = ajv.compile(op.input);
      const output = ajv.compile(op.output);
      expect(input(op.sample.input), `${op.id} input: ${ajv.errorsText(input.errors)}`).toBe(true);
      expect(output(op.sample.output), `${op.id} output: ${ajv.errorsText(output.errors)}`).toBe(
        true,
      );
    }
  });
});
