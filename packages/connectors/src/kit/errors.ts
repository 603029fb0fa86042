import { StepFailure } from '@braid/engine';

/** Parses a Retry-After header (delta seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number,
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Classifies an HTTP status the generic way: 408/429/5xx retryable, other 4xx fatal. */
export function httpStatusFailure(
  connectorId: string,
  status: number,
  message: string,
  extra: { retryAfterMs?: number; details?: Record<string, unknown> } = {},
): StepFailure {
  const retryable = status === 408 || status === 429 || status >= 500;
  return new StepFailure({
    kind: retryable ? 'retryable' : 'fatal',
    code: `${connectorId.toUpperCase()}_HTTP_${status}`,
    message,
    ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
    details: { status, ...extra.details },
  });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

// Failures where the request may have reached the service: the effect may have happened.
const MAYBE_DELIVERED = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'TIMEOUT',
]);

/**
 * Classifies a transport failure (connection refused, reset, timeout, abort) as retryable.
 * `details.outcomeUnknown` says whether the request may have been applied remotely, which is
 * what tells a payment connector to look the outcome up before sending again.
 */
export function transportFailure(connectorId: string, err: unknown): StepFailure {
  if (err instanceof StepFailure) return err;
  const code = errorCode(err);
  const isTimeout =
    code === 'TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
  const known = NETWORK_CODES.has(code) || code === 'TIMEOUT' || code === 'ABORTED';
  return new StepFailure(
    {
      kind: 'retryable',
      code: isTimeout ? 'TIMEOUT' : known ? `NETWORK_${code}` : 'NETWORK',
      message: `${connectorId}: ${isTimeout ? 'request timed out' : 'request failed'} (${code})`,
      details: { outcomeUnknown: MAYBE_DELIVERED.has(code) || code === 'ABORTED' },
    },
    { cause: err },
  );
}

function errorCode(err: unknown): string {
  if (err !== null && typeof err === 'object') {
    const e = err as { code?: unknown; name?: unknown; cause?: unknown };
    if (e.name === 'AbortError' || e.name === 'TimeoutError')
      return e.name === 'TimeoutError' ? 'TIMEOUT' : 'ABORTED';
    if (typeof e.code === 'string') return e.code;
    if (e.cause) return errorCode(e.cause);
  }
  return 'UNKNOWN';
}
