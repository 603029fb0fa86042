import { type ErrorKind, StepFailure } from '@braid/engine';
import { parseRetryAfter } from '../kit/errors.js';

/** One entry of a QBO `Fault.Error` list. */
export interface QboErrorDetail {
  code: string;
  message?: string;
  detail?: string;
  element?: string;
}

/** A parsed QBO Fault. */
export interface QboFaultInfo {
  type: string;
  errors: QboErrorDetail[];
}

// Intuit spells fault types two ways: `ValidationFault` in bodies, `AUTHENTICATION` on some 401s.
const KIND_BY_TYPE: Record<string, ErrorKind> = {
  validationfault: 'fatal',
  validation: 'fatal',
  authenticationfault: 'fatal',
  authentication: 'fatal',
  authorizationfault: 'fatal',
  authorization: 'fatal',
  systemfault: 'retryable',
  system: 'retryable',
};

/** The code of a stale-object fault: the SyncToken sent is no longer current. */
export const STALE_OBJECT_CODE = 'QBO_5010';

/** Default wait after a 429 that carries no Retry-After header. */
export const DEFAULT_THROTTLE_RETRY_MS = 1000;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Reads a Fault (`Fault` or the lower-case `fault` of throttling answers) from a response body. */
export function readFault(body: unknown): QboFaultInfo | undefined {
  if (!isObject(body)) return undefined;
  const fault = body.Fault ?? body.fault;
  if (!isObject(fault)) return undefined;
  const list = fault.Error ?? fault.error;
  const errors = (Array.isArray(list) ? list : []).filter(isObject).map((e) => ({
    code: text(e.code) ?? 'UNKNOWN',
    message: text(e.Message ?? e.message),
    detail: text(e.Detail ?? e.detail),
    element: text(e.element),
  }));
  return { type: text(fault.type) ?? 'Unknown', errors };
}

/** Turns a Fault into a StepFailure: validation and auth faults are fatal, system faults retry. */
export function faultFailure(status: number, fault: QboFaultInfo, what: string): StepFailure {
  const first = fault.errors[0];
  const code = first?.code ?? String(status);
  const kind =
    KIND_BY_TYPE[fault.type.toLowerCase()] ??
    (status === 429 || status >= 500 ? 'retryable' : 'fatal');
  const reason = [first?.message, first?.detail].filter(Boolean).join(': ');
  return new StepFailure({
    kind,
    code: `QBO_${code}`,
    message: `${what}: ${fault.type} ${code}${reason ? ` ${reason}` : ''}`,
    details: {
      status,
      faultType: fault.type,
      ...(first?.element !== undefined ? { element: first.element } : {}),
      ...(first?.detail !== undefined ? { detail: first.detail } : {}),
      errors: fault.errors,
    },
  });
}

/**
 * Classifies a QBO answer. A Fault body fails the step whatever the HTTP status (QBO sends some
 * with 200); 429 and 5xx retry; other non-2xx statuses are fatal; a 2xx must carry an object.
 */
export function classifyQboResponse(
  res: { status: number; headers: Record<string, string | string[] | undefined> },
  parsed: unknown,
  nowMs: number,
  what: string,
): void {
  const fault = readFault(parsed);
  if (res.status === 429) {
    throw new StepFailure({
      kind: 'retryable',
      code: 'QBO_THROTTLED',
      message: `${what}: throttled by QuickBooks (HTTP 429)`,
      retryAfterMs: parseRetryAfter(res.headers['retry-after'], nowMs) ?? DEFAULT_THROTTLE_RETRY_MS,
      details: { status: 429, ...(fault ? { errors: fault.errors } : {}) },
    });
  }
  if (fault) throw faultFailure(res.status, fault, what);
  if (res.status < 200 || res.status >= 300) {
    throw new StepFailure({
      kind: res.status >= 500 || res.status === 408 ? 'retryable' : 'fatal',
      code: `QBO_HTTP_${res.status}`,
      message: `${what}: QuickBooks answered HTTP ${res.status}`,
      details: { status: res.status },
    });
  }
  if (!isObject(parsed)) {
    // The write may have happened; a retry with the same requestid is safe.
    throw new StepFailure({
      kind: 'retryable',
      code: 'QBO_BAD_RESPONSE',
      message: `${what}: QuickBooks answered HTTP ${res.status} without a JSON object`,
      details: { status: res.status },
    });
  }
}
