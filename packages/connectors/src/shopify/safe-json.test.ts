import { describe, expect, it } from 'vitest';
import { parseShopifyJson, quoteIntegerIds, stringifyWithRawIds } from './safe-json.js';

describe('parseShopifyJson', () => {
  it('keeps 64-bit ids exact as strings', () => {
    const parsed = parseShopifyJson(
      '{"id": 820982911946154508, "order_id":5820982911946154515, "total": "10.00"}',
    ) as Record<string, unknown>;
    expect(parsed.id).toBe('820982911946154508');
    expect(parsed.order_id).toBe('5820982911946154515');
  });

  it('turns every integer under an id key into a string, even small ones', () => {
    const parsed = parseShopifyJson('{"id": 42, "customer": {"id": 7, "orders_count": 3}}') as {
      id: unknown;
      customer: { id: unknown; orders_count: unknown };
    };
    expect(parsed).toEqual({ id: '42', customer: { id: '7', orders_count: 3 } });
  });

  it('covers arrays of objects and arrays under *_ids keys', () => {
    const parsed = parseShopifyJson(
      '{"line_items":[{"id":866550311766439020,"quantity":2,"variant_id":808950810}],"line_item_ids":[1,9007199254740993]}',
    );
    expect(parsed).toEqual({
      line_items: [{ id: '866550311766439020', quantity: 2, variant_id: '808950810' }],
      line_item_ids: ['1', '9007199254740993'],
    });
  });

  it('quotes unsafe integers under any key and leaves decimals and safe numbers alone', () => {
    const parsed = parseShopifyJson(
      '{"big": 12345678901234567890, "grams": 450, "rate": 0.13, "exp": 1e3, "neg": -5}',
    );
    expect(parsed).toEqual({
      big: '12345678901234567890',
      grams: 450,
      rate: 0.13,
      exp: 1000,
      neg: -5,
    });
  });

  it('never touches digits inside strings, including escaped quotes', () => {
    const text = '{"note":"id: 820982911946154508, \\"order_id\\": 5","id":1,"tags":"a, id"}';
    expect(parseShopifyJson(text)).toEqual({
      note: 'id: 820982911946154508, "order_id": 5',
      id: '1',
      tags: 'a, id',
    });
  });

  it('leaves keys that merely contain id alone', () => {
    expect(parseShopifyJson('{"paid":1,"valid":2,"idle":3,"width":4}')).toEqual({
      paid: 1,
      valid: 2,
      idle: 3,
      width: 4,
    });
  });

  it('passes invalid JSON through for JSON.parse to reject', () => {
    expect(() => parseShopifyJson('{"id": 1,')).toThrow(SyntaxError);
    expect(quoteIntegerIds('not json')).toBe('not json');
  });
});

describe('stringifyWithRawIds', () => {
  it('writes numeric id strings as bare integers and round-trips exactly', () => {
    const payload = {
      id: '820982911946154508',
      name: '#1001',
      line_items: [{ id: '9', sku: '123' }],
    };
    const text = stringifyWithRawIds(payload);
    expect(text).toBe(
      '{"id":820982911946154508,"name":"#1001","line_items":[{"id":9,"sku":"123"}]}',
    );
    expect(parseShopifyJson(text)).toEqual(payload);
  });
});
