import { Agent, request } from 'undici';
import { StepFailure } from '@braid/engine';
import type { HttpClient } from './types.js';
import { transportFailure } from './errors.js';

/** Options of the shared HTTP client. */
export interface HttpClientOptions {
  /** Default per-request timeout (ms). */
  timeoutMs?: number;
  /** Keep-alive connections per origin. */
  connections?: number;
}

/**
 * The HTTP client every connector uses: undici's `request` over a keep-alive pool (several
 * times cheaper per call than fetch), with a timeout and an abort signal per request. Transport
 * failures become retryable StepFailures; HTTP statuses are left to the connector to classify.
 */
export function createHttpClient(
  connectorId: string,
  options: HttpClientOptions = {},
): HttpClient & { close(): Promise<void> } {
  const dispatcher = new Agent({
    connections: options.connections ?? 64,
    keepAliveTimeout: 10_000,
    pipelining: 1,
  });
  const defaultTimeout = options.timeoutMs ?? 30_000;
  return {
    async request(req) {
      const timeoutMs = req.timeoutMs ?? defaultTimeout;
      try {
        // undici's own header/body timeouts bound the call; only the caller's signal is passed,
        // which avoids allocating combined abort signals on every request.
        const res = await request(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body,
          signal: req.signal,
          dispatcher,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const body = await res.body.text();
        return { status: res.statusCode, headers: res.headers, body };
      } catch (err) {
        throw transportFailure(connectorId, err);
      }
    },
    close: () => dispatcher.close(),
  };
}

/** Parses a JSON response body or fails with a retryable error naming the connector. */
export function parseJsonBody(connectorId: string, status: number, body: string): unknown {
  try {
    return body === '' ? undefined : (JSON.parse(body) as unknown);
  } catch (err) {
    throw new StepFailure(
      {
        kind: status >= 500 ? 'retryable' : 'fatal',
        code: `${connectorId.toUpperCase()}_BAD_RESPONSE`,
        message: `${connectorId}: response with status ${status} is not JSON`,
        details: { status },
      },
      { cause: err },
    );
  }
}
