import { StepFailure, type ResolvedConnection } from '@braid/engine';

/** Connection settings of a PayTrace connection, resolved from config and secrets. */
export interface PayTraceConfig {
  baseUrl: string;
  username: string;
  integratorId: string;
  password: string;
  allowRawCardNumbers: boolean;
  /** Per-request timeout; authorizations take 3–6 s in production. */
  timeoutMs: number;
}

/** PayTrace's production API. */
export const DEFAULT_BASE_URL = 'https://api.paytrace.com';
const DEFAULT_TIMEOUT_MS = 30_000;

function text(connection: ResolvedConnection, key: string): string | undefined {
  const value = connection.config[key] ?? connection.secrets[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads and checks the connection; a missing setting fails the step (no retry can fix it). */
export function readConfig(connection: ResolvedConnection): PayTraceConfig {
  const username = text(connection, 'username');
  const integratorId = text(connection, 'integratorId');
  const password = connection.secrets.password;
  const missing = [
    username ? undefined : 'username',
    integratorId ? undefined : 'integratorId',
    password ? undefined : 'password',
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0 || !username || !integratorId || !password) {
    throw new StepFailure({
      kind: 'fatal',
      code: 'PAYTRACE_CONFIG',
      message: `the PayTrace connection lacks ${missing.join(', ')}`,
      details: { missing },
    });
  }
  const timeout = connection.config.timeoutMs;
  return {
    baseUrl: (text(connection, 'baseUrl') ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    username,
    integratorId,
    password,
    allowRawCardNumbers: connection.config.allowRawCardNumbers === true,
    timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
  };
}
