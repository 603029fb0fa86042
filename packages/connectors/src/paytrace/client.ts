import { StepFailure } from '@braid/engine';
import type { ConnectorContext } from '../kit/types.js';
import { httpStatusFailure, parseRetryAfter } from '../kit/errors.js';
import { accessToken, discardToken } from './auth.js';
import { readConfig } from './config.js';
import { parseMoneyJson } from './money.js';

/** A parsed PayTrace response body. */
export type PayTraceBody = Record<string, unknown>;

/** Response codes that are business outcomes (declines, failed voids/captures), not errors. */
export const DECLINE_CODES: ReadonlySet<number> = new Set([102, 103, 107, 110, 113]);

/** Options of one call. */
export interface CallOptions {
  /** `null` sends without the step's signal (lookups after an abort); default: `ctx.signal`. */
  signal?: AbortSignal | null;
  timeoutMs?: number;
}

/** Replaces anything that looks like a card number with a mask, so messages never carry a PAN. */
export function redactCardNumbers(text: string): string {
  return text.replace(/\d[\d -]{10,22}\d/g, (m) =>
    m.replace(/\D/g, '').length >= 12 ? '[redacted]' : m,
  );
}

/**
 * POSTs `{baseUrl}/v1/<path>` with the Bearer token and `integrator_id`, renews the token once on
 * `invalid_token`, and classifies the answer: transport, 429 and 5xx are retryable; PayTrace
 * errors are fatal `PAYTRACE_<code>`; approvals and declines are returned as bodies.
 */
export async function callPayTrace(
  ctx: ConnectorContext,
  path: string,
  body: Record<string, unknown>,
  options: CallOptions = {},
): Promise<PayTraceBody> {
  const config = readConfig(ctx.connection);
  const payload = JSON.stringify({ ...body, integrator_id: config.integratorId });
  const signal = options.signal === undefined ? ctx.signal : (options.signal ?? undefined);
  for (let renewed = false; ; renewed = true) {
    const token = await accessToken(ctx, config);
    const res = await ctx.http.request({
      method: 'POST',
      url: `${config.baseUrl}/v1/${path}`,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: payload,
      timeoutMs: options.timeoutMs ?? config.timeoutMs,
      ...(signal ? { signal } : {}),
    });
    const parsed = parse(res.body);
    if (parsed?.error === 'invalid_token') {
      discardToken(ctx, config, token);
      if (!renewed) continue;
      throw new StepFailure({
        kind: 'retryable',
        code: 'PAYTRACE_INVALID_TOKEN',
        message: `PayTrace rejected a freshly issued token on ${path}`,
        details: { status: res.status, path },
      });
    }
    return classify(ctx, path, res.status, res.headers, parsed);
  }
}

function parse(text: string): PayTraceBody | undefined {
  try {
    const value = text === '' ? undefined : parseMoneyJson(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as PayTraceBody)
      : undefined;
  } catch {
    return undefined;
  }
}

function classify(
  ctx: ConnectorContext,
  path: string,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: PayTraceBody | undefined,
): PayTraceBody {
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], ctx.clock.now());
    throw httpStatusFailure('paytrace', status, `PayTrace ${path} answered ${status}`, {
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      details: { path },
    });
  }
  if (!body) {
    if (status >= 200 && status < 300) {
      throw new StepFailure({
        kind: 'retryable',
        code: 'PAYTRACE_BAD_RESPONSE',
        message: `PayTrace ${path} answered ${status} without a JSON object`,
        details: { status, path },
      });
    }
    throw httpStatusFailure('paytrace', status, `PayTrace ${path} answered ${status}`, {
      details: { path },
    });
  }
  if (typeof body.error === 'string') {
    throw new StepFailure({
      kind: 'fatal',
      code: 'PAYTRACE_AUTH',
      message: `PayTrace refused ${path}: ${body.error}`,
      details: { status, path, error: body.error },
    });
  }
  if (body.success === true) return body;
  const responseCode = typeof body.response_code === 'number' ? body.response_code : undefined;
  if (responseCode !== undefined && DECLINE_CODES.has(responseCode)) return body;
  throw errorFailure(path, status, responseCode, body);
}

function errorFailure(
  path: string,
  status: number,
  responseCode: number | undefined,
  body: PayTraceBody,
): StepFailure {
  const raw = body.errors;
  const errors =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? Object.entries(raw as Record<string, unknown>).map(([code, messages]) => ({
          code,
          messages: (Array.isArray(messages) ? messages : [messages]).map((m) =>
            redactCardNumbers(String(m)),
          ),
        }))
      : [];
  const first = errors[0];
  const code = first ? first.code : String(responseCode ?? `HTTP_${status}`);
  const summary = errors.map((e) => `${e.code} ${e.messages.join(' ')}`).join('; ');
  const statusMessage =
    typeof body.status_message === 'string' ? redactCardNumbers(body.status_message) : undefined;
  return new StepFailure({
    kind: 'fatal',
    code: `PAYTRACE_${code}`,
    message: `PayTrace ${path}: ${summary || statusMessage || `response code ${code}`}`,
    details: {
      status,
      path,
      ...(responseCode !== undefined ? { responseCode } : {}),
      ...(statusMessage ? { statusMessage } : {}),
      errors,
    },
  });
}
