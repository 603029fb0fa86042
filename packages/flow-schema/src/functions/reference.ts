import { describe, fail, isRecord } from './args.js';
import type { BraidFunction } from './types.js';

/**
 * Longest `invoice_id` Braid sends to PayTrace. PayTrace documents a 50-character invoice field;
 * QuickBooks' `requestid` has the same limit, so one reference fits both.
 */
export const MAX_REFERENCE_LENGTH = 50;

function sanitize(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]+/g, '');
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

function orderPart(order: unknown): string {
  if (isRecord(order)) {
    const fromName = sanitize(scalar(order.name) ?? '');
    if (fromName !== '') return fromName;
    const fromNumber = sanitize(scalar(order.order_number) ?? '');
    if (fromNumber !== '') return fromNumber;
    return fail('INVALID_REFERENCE', 'order has neither a usable name nor an order_number');
  }
  const plainValue = scalar(order);
  if (plainValue === undefined) {
    return fail(
      'INVALID_REFERENCE',
      `expected an order, string or integer, got ${describe(order)}`,
    );
  }
  const part = sanitize(plainValue);
  if (part === '') fail('INVALID_REFERENCE', `no reference characters in ${describe(order)}`);
  return part;
}

/**
 * A PayTrace `invoice_id` from a Shopify order ("#1001" → "1001") or a plain value: only
 * letters, digits, "-" and "_" are kept. Throws rather than truncate past 50 characters, since a
 * cut reference could match another order's.
 */
export function paytraceReference(
  order: Readonly<Record<string, unknown>> | string | number,
  prefix = '',
): string {
  const reference = sanitize(prefix) + orderPart(order);
  if (reference.length > MAX_REFERENCE_LENGTH) {
    fail(
      'INVALID_REFERENCE',
      `reference "${reference}" is longer than ${MAX_REFERENCE_LENGTH} characters`,
    );
  }
  return reference;
}

export const referenceFunctions: readonly BraidFunction[] = [
  {
    name: 'reference',
    category: 'reference',
    implementation: (order: unknown, prefix?: unknown) => {
      if (order === undefined) return undefined;
      if (prefix !== undefined && prefix !== null && typeof prefix !== 'string') {
        return fail('INVALID_ARGUMENT', `prefix must be a string, got ${describe(prefix)}`);
      }
      if (!isRecord(order) && scalar(order) === undefined) {
        return fail(
          'INVALID_REFERENCE',
          `expected an order, string or integer, got ${describe(order)}`,
        );
      }
      return paytraceReference(order as Record<string, unknown> | string | number, prefix ?? '');
    },
    doc: {
      summary:
        'PayTrace `invoice_id` for a Shopify order: the order `name` ("#1001" → "1001"), else `order_number`, with an optional prefix. Only letters, digits, "-" and "_" are kept. A result over 50 characters (the PayTrace invoice limit) fails with INVALID_REFERENCE rather than being cut. Also accepts a plain string or integer.',
      params: [
        {
          name: 'order',
          type: 'object | string | number',
          description: 'A Shopify order or a value.',
        },
        {
          name: 'prefix',
          type: 'string',
          optional: true,
          description: 'e.g. a template param "SHOP-".',
        },
      ],
      returns: 'string',
      examples: [
        {
          expression: '$reference(trigger)',
          input: { trigger: { name: '#1001', order_number: 1001 } },
          result: '1001',
        },
        {
          expression: '$reference(trigger, "SHOP-")',
          input: { trigger: { name: '#1001', order_number: 1001 } },
          result: 'SHOP-1001',
        },
        {
          expression: '$reference(trigger)',
          input: { trigger: { order_number: 1002 } },
          result: '1002',
        },
        { expression: '$reference("INV 2024/07#55")', result: 'INV20240755' },
        { expression: '$reference(1003, "R_")', result: 'R_1003' },
      ],
    },
  },
];
