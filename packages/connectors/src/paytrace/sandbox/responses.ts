import type { SandboxResponse } from '../../sandbox/server.js';
import { moneyJson } from './store.js';

/**
 * PayTrace's messages for the error codes the sandbox answers. Codes marked "sandbox" are not
 * confirmed from PayTrace's docs: the sandbox picks them and the connector treats any code alike.
 */
export const ERROR_MESSAGES: Record<string, string> = {
  '30': 'Customer ID is invalid.',
  '58': 'Please provide a valid Transaction ID.',
  '171': 'Please provide a unique customer ID.',
  '811': 'The Transaction ID that you provided was not found.',
  '816':
    'The Transaction ID that you provided could not be captured. Only uncaptured, approved authorizations can be captured.',
  '817':
    'The Transaction ID that you provided could not be refunded. Only settled transactions can be refunded.  Please try to void the transaction instead.',
  '818':
    'The Transaction ID that you provided could not be voided. Only transactions that are pending settlement can be voided.',
  '981': 'Log in failed for insufficient permissions.',
  // sandbox
  '39': 'Please provide a valid Transaction Amount.',
  '820': 'The refund amount exceeds the amount that remains to be refunded.',
  '821': 'The capture amount exceeds the authorized amount.',
  '900': 'Please provide a valid Start Date and End Date (MM/DD/YYYY).',
  '901': 'The hosted fields token is invalid, expired or already used.',
  '999': 'Please provide a valid Integrator ID.',
};

/** The HTTP statuses the sandbox answers with (PayTrace's exact statuses are unconfirmed). */
export interface StatusPolicy {
  errorStatus: number;
  declineStatus: number;
}

/** JSON response with two-place money numbers. */
export function json(status: number, body: unknown): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: moneyJson(body),
  };
}

/** PayTrace's error body: `success:false, response_code:1, errors:{code:[messages]}`. */
export function errors(
  policy: StatusPolicy,
  codes: Record<string, string[]> | string[],
): SandboxResponse {
  const map = Array.isArray(codes)
    ? Object.fromEntries(codes.map((c) => [c, [ERROR_MESSAGES[c] ?? 'An error occurred.']]))
    : codes;
  return json(policy.errorStatus, {
    success: false,
    response_code: 1,
    status_message: 'One or more errors has occurred.',
    errors: map,
    external_transaction_id: '',
  });
}

/** A successful (or declined) PayTrace body. */
export function ok(body: Record<string, unknown>, status = 200): SandboxResponse {
  return json(status, body);
}

/** OAuth-style error for the token endpoint and rejected bearer tokens. */
export function oauthError(status: number, error: string, description: string): SandboxResponse {
  return json(status, { error, error_description: description });
}

/** The body PayTrace's edge answers with for an injected status. */
export function faultBody(status: number): SandboxResponse {
  if (status === 401)
    return oauthError(
      401,
      'invalid_token',
      'The access token provided is expired, revoked, malformed, or invalid for other reasons.',
    );
  if (status === 429)
    return json(429, {
      error: 'too_many_requests',
      error_description: 'Rate limit exceeded. Retry later.',
    });
  if (status === 502 || status === 503 || status === 504) {
    return {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<html><body><h1>${status} Service Temporarily Unavailable</h1></body></html>`,
    };
  }
  if (status >= 500) {
    return json(status, { status, error: 'Internal Server Error' });
  }
  return json(status, {
    success: false,
    response_code: 1,
    status_message: 'One or more errors has occurred.',
    errors: { '1': ['The request could not be processed.'] },
  });
}

/** Parses a US `MM/DD/YYYY` date into the epoch ms of that UTC day's start. */
export function parseRequestDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Parses an amount given as a decimal string or number into integer thousandths ("mills"), so
 * zero-decimal (JPY) and three-decimal (KWD) currencies are as exact as cents; undefined if invalid.
 */
export function parseAmount(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,9}(\.\d{1,3})?$/.test(text.trim())) return undefined;
  const [whole = '0', frac = ''] = text.trim().split('.');
  return Number(whole) * 1000 + Number(frac.padEnd(3, '0'));
}
