import { describe, fail, isRecord } from './args.js';
import type { BraidFunction } from './types.js';

/** Outcome of a PayTrace call, derived from `success` and `response_code`. */
export type PaytraceStatus =
  | 'approved'
  | 'declined'
  | 'auto_voided'
  | 'refunded'
  | 'refund_declined'
  | 'voided'
  | 'void_failed'
  | 'captured'
  | 'capture_failed'
  | 'customer_created'
  | 'customer_updated'
  | 'customer_deleted'
  | 'ok'
  | 'error';

/** PayTrace response codes and the status each one means. */
export const PAYTRACE_RESPONSE_CODES: Readonly<Record<number, PaytraceStatus>> = {
  101: 'approved',
  102: 'declined',
  103: 'auto_voided',
  106: 'refunded',
  107: 'refund_declined',
  109: 'voided',
  110: 'void_failed',
  112: 'captured',
  113: 'capture_failed',
  160: 'customer_created',
  161: 'customer_updated',
  162: 'customer_deleted',
};

// Codes that report money moved or a record changed; with `success: false` they are
// contradictory, and a finance flow must not treat a contradiction as approval.
const SUCCESS_CODES = new Set([101, 106, 109, 112, 160, 161, 162]);

/** Default PayTrace status → Shopify-side payment status table of `$statusMap`. */
export const DEFAULT_STATUS_MAP: Readonly<Record<string, string>> = {
  approved: 'paid',
  captured: 'paid',
  declined: 'failed',
  auto_voided: 'voided',
  voided: 'voided',
  refunded: 'refunded',
};

function responseCodeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/**
 * Classifies a PayTrace response, raw (`success`, `response_code`) or as the PayTrace connector
 * returns it (`approved`, `responseCode`). Code 1 is an error unless `success` is true (export
 * calls answer that way: then "ok"); an unknown code falls back to `success`.
 */
export function paytraceStatusOf(response: Record<string, unknown>): PaytraceStatus {
  const success = response.success ?? response.approved;
  const code = responseCodeOf(response.response_code ?? response.responseCode);
  const known = code === undefined ? undefined : PAYTRACE_RESPONSE_CODES[code];
  if (known !== undefined && code !== undefined) {
    return success === false && SUCCESS_CODES.has(code) ? 'error' : known;
  }
  return success === true ? 'ok' : 'error';
}

/** Maps a PayTrace status to the Shopify side; `overrides` replace or add table entries. */
export function mapStatus(status: string, overrides?: Readonly<Record<string, unknown>>): string {
  const table: Record<string, unknown> = { ...DEFAULT_STATUS_MAP, ...overrides };
  const mapped = Object.hasOwn(table, status) ? table[status] : undefined;
  if (typeof mapped === 'string') return mapped;
  if (mapped !== undefined) {
    fail('INVALID_ARGUMENT', `override for "${status}" must be a string, got ${describe(mapped)}`);
  }
  const known = Object.keys(table)
    .filter((key) => typeof table[key] === 'string')
    .join(', ');
  return fail('UNKNOWN_STATUS', `no mapping for status ${describe(status)}; known: ${known}`);
}

export const statusFunctions: readonly BraidFunction[] = [
  {
    name: 'paytraceStatus',
    category: 'status',
    implementation: (response: unknown) => {
      if (response === undefined) return undefined;
      if (!isRecord(response)) {
        return fail(
          'INVALID_ARGUMENT',
          `expected a PayTrace response object, got ${describe(response)}`,
        );
      }
      return paytraceStatusOf(response);
    },
    doc: {
      summary:
        'Classifies a PayTrace response by `response_code`: 101 approved, 102 declined, 103 auto_voided (approved, then voided by PayTrace, e.g. CSC mismatch), 106 refunded, 107 refund_declined, 109 voided, 110 void_failed, 112 captured, 113 capture_failed, 160/161/162 customer_created/updated/deleted. Code 1 or an unknown code gives "error" (or "ok" when `success` is true, as export calls answer). A success code with `success: false` gives "error".',
      params: [{ name: 'response', type: 'object', description: 'A PayTrace JSON response.' }],
      returns: 'string',
      examples: [
        {
          expression: '$paytraceStatus(steps.charge)',
          input: { steps: { charge: { success: true, response_code: 101, transaction_id: 1 } } },
          result: 'approved',
        },
        {
          expression: '$paytraceStatus({"success": false, "response_code": 102})',
          result: 'declined',
        },
        {
          expression: '$paytraceStatus({"success": true, "response_code": 103})',
          result: 'auto_voided',
        },
        { expression: '$paytraceStatus({"success": false, "response_code": 1})', result: 'error' },
        {
          expression: '$paytraceStatus(steps.charge)',
          input: { steps: { charge: { approved: false, responseCode: 102, transactionId: '7' } } },
          result: 'declined',
        },
        { expression: '$paytraceStatus({"error": "invalid_token"})', result: 'error' },
      ],
    },
  },
  {
    name: 'statusMap',
    category: 'status',
    implementation: (status: unknown, overrides?: unknown) => {
      if (status === undefined) return undefined;
      if (typeof status !== 'string') {
        return fail('INVALID_ARGUMENT', `status must be a string, got ${describe(status)}`);
      }
      if (overrides !== undefined && overrides !== null && !isRecord(overrides)) {
        return fail('INVALID_ARGUMENT', `overrides must be an object, got ${describe(overrides)}`);
      }
      return mapStatus(status, overrides ?? undefined);
    },
    doc: {
      summary:
        'Maps a `$paytraceStatus` result to a Shopify-side payment status. Default table: approved → paid, captured → paid, declined → failed, auto_voided → voided, voided → voided, refunded → refunded. Entries of `overrides` (e.g. a template param) replace or extend it. An unmapped status fails with UNKNOWN_STATUS, listing the known ones.',
      params: [
        { name: 'status', type: 'string', description: 'A PayTrace status.' },
        {
          name: 'overrides',
          type: 'object',
          optional: true,
          description: 'Status → Shopify status.',
        },
      ],
      returns: 'string',
      examples: [
        { expression: '$statusMap("approved")', result: 'paid' },
        { expression: '$statusMap("declined")', result: 'failed' },
        {
          expression: '$statusMap("declined", params.statusOverrides)',
          input: { params: { statusOverrides: { declined: 'pending' } } },
          result: 'pending',
        },
        {
          expression: '$statusMap($paytraceStatus(steps.capture))',
          input: { steps: { capture: { success: true, response_code: 112 } } },
          result: 'paid',
        },
      ],
    },
  },
];
