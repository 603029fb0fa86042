import { describe, expect, it } from 'vitest';
import { decAdd, decCmp, decDiv, decMul, decRound, decSub, decSum } from './index.js';
import { call, evaluate, expectCode } from './test-support/call.js';

describe('exact decimal arithmetic', () => {
  it.each([
    ['0.1', '0.2', '0.3'],
    [0.1, 0.2, '0.3'],
    [0.1 + 0.2, 0, '0.30000000000000004'],
    ['10.00', '5', '15.00'],
    ['-3.5', '1e2', '96.5'],
    ['1e-7', '0', '0.0000001'],
    ['-0.10', '0.1', '0.00'],
    ['99999999999999999999.99', '0.01', '100000000000000000000.00'],
  ])('$decAdd(%j, %j) = %s', (a, b, expected) => {
    expect(call('decAdd', a, b)).toBe(expected);
    expect(decAdd(a, b)).toBe(expected);
  });

  it.each([
    ['10.00', '10.01', '-0.01'],
    ['1.10', '1.1', '0.00'],
    ['0', '1e3', '-1000'],
  ])('$decSub(%j, %j) = %s', (a, b, expected) => {
    expect(call('decSub', a, b)).toBe(expected);
    expect(decSub(a, b)).toBe(expected);
  });

  it.each([
    ['19.99', '3', '59.97'],
    ['10.00', '0.0825', '0.825000'],
    ['-2.5', '2.5', '-6.25'],
    ['1e20', '1e20', '10000000000000000000000000000000000000000'],
    [0.1, 3, '0.3'],
  ])('$decMul(%j, %j) = %s', (a, b, expected) => {
    expect(call('decMul', a, b)).toBe(expected);
    expect(decMul(a, b)).toBe(expected);
  });

  it.each([
    ['10', '4', undefined, undefined, '2.5'],
    ['1', '3', undefined, undefined, '0.33333333333333333333'],
    ['2', '3', undefined, undefined, '0.66666666666666666667'],
    ['100.00', '3', 2, undefined, '33.33'],
    ['1', '8', 2, undefined, '0.13'],
    ['1', '8', 2, 'half-even', '0.12'],
    ['3', '8', 2, 'half-even', '0.38'],
    ['-1', '8', 2, undefined, '-0.13'],
    ['-1', '8', 2, 'half-even', '-0.12'],
    ['1.000001', '8', 2, 'half-even', '0.13'],
    ['2', '3', 2, 'down', '0.66'],
    ['-2', '3', 2, 'down', '-0.66'],
    ['1', '3', 2, 'up', '0.34'],
    ['10', '2', 2, undefined, '5.00'],
    ['10', '3', 0, undefined, '3'],
  ])('$decDiv(%j, %j, %j, %j) = %s', (a, b, places, mode, expected) => {
    expect(call('decDiv', a, b, places, mode)).toBe(expected);
    expect(decDiv(a, b, places, mode as never)).toBe(expected);
  });

  it('rejects division by zero', () => {
    expectCode(() => call('decDiv', '1', '0'), 'DIVISION_BY_ZERO');
    expectCode(() => call('decDiv', '1', '-0.00', 2), 'DIVISION_BY_ZERO');
  });

  it.each([
    ['2.345', 2, undefined, '2.35'],
    ['-2.345', 2, undefined, '-2.35'],
    ['2.345', 2, 'half-even', '2.34'],
    ['2.355', 2, 'half-even', '2.36'],
    ['-2.345', 2, 'half-even', '-2.34'],
    ['2.349', 2, 'down', '2.34'],
    ['2.341', 2, 'up', '2.35'],
    ['-2.341', 2, 'up', '-2.35'],
    ['7', 2, undefined, '7.00'],
    ['0.5', 0, undefined, '1'],
    ['-0.5', 0, undefined, '-1'],
    ['-0.4', 0, undefined, '0'],
    [1.005, 2, undefined, '1.01'],
  ])('$decRound(%j, %i, %s) = %s', (a, places, mode, expected) => {
    expect(call('decRound', a, places, mode)).toBe(expected);
    expect(decRound(a, places, mode as never)).toBe(expected);
  });

  it.each([[-1], [1.5], ['2'], [101]])('rejects places %j', (places) => {
    expectCode(() => call('decRound', '1', places), 'INVALID_PLACES');
    expectCode(() => call('decDiv', '1', '2', places), 'INVALID_PLACES');
  });

  it('treats a null optional argument as missing, a null required one as an error', () => {
    expect(call('decDiv', '1', '4', null, null)).toBe('0.25');
    expectCode(() => call('decRound', '1', null), 'INVALID_PLACES');
    expectCode(() => call('decAdd', null, '1'), 'INVALID_DECIMAL');
  });

  it.each([
    ['10.00', '10', 0],
    ['0.1', 0.2, -1],
    ['-1', '-2', 1],
    ['1e2', '100.000', 0],
  ])('$decCmp(%j, %j) = %i', (a, b, expected) => {
    expect(call('decCmp', a, b)).toBe(expected);
    expect(decCmp(a, b)).toBe(expected);
  });

  it.each([
    [['0.1', '0.2', '0.30'], '0.60'],
    [[0.1, 0.2, 0.3], '0.6'],
    [['-10.00', '10'], '0.00'],
    [[], '0'],
    ['7.5', '7.5'],
  ])('$decSum(%j) = %s', (values, expected) => {
    expect(call('decSum', values)).toBe(expected);
    if (Array.isArray(values)) expect(decSum(values)).toBe(expected);
  });

  it('rejects bad items and names the position', () => {
    expect(() => call('decSum', ['1', 'x'])).toThrow(/item 1/);
    expectCode(() => call('decSum', ['1', null]), 'INVALID_DECIMAL');
    expectCode(() => call('decAdd', '1', 'one'), 'INVALID_DECIMAL');
    expectCode(() => call('decCmp', {}, '1'), 'INVALID_DECIMAL');
  });

  it('yields undefined for undefined arguments', () => {
    for (const name of ['decAdd', 'decSub', 'decMul', 'decDiv', 'decCmp']) {
      expect(call(name, undefined, '1')).toBeUndefined();
      expect(call(name, '1', undefined)).toBeUndefined();
    }
    expect(call('decRound', undefined, 2)).toBeUndefined();
    expect(call('decSum', undefined)).toBeUndefined();
  });

  it('sums a multi-item JSONata sequence', async () => {
    const input = { items: [{ p: '1.10' }, { p: '2.205' }, { p: '3' }] };
    expect(await evaluate('$decSum(items.p)', input)).toBe('6.305');
    expect(await evaluate('$decSum(nothing)', input)).toBeUndefined();
  });
});
