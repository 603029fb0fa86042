import type { SandboxResponse } from '../../sandbox/server.js';
import type { StatusPolicy } from './responses.js';
import type { PayTraceStore } from './store.js';

/** What a PayTrace sandbox handler works with. */
export interface SandboxEnv {
  store: PayTraceStore;
  policy: StatusPolicy;
}

/** A handler of one `/v1/...` endpoint, given the parsed JSON body. */
export type PayTraceHandler = (body: Record<string, unknown>, env: SandboxEnv) => SandboxResponse;

/** Reads a transaction id given as a JSON integer or digit string. */
export function transactionIdOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Reads an optional string field. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string or number field as text; anything else is empty. */
export function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
